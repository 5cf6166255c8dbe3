/** A session's file, downloaded under its name (GET /api/attachments/[id] checks who asks). */
export function SessionFileLink({ file }: { file: { id: number; filename: string } }) {
  return (
    <a href={`/api/attachments/${file.id}`} className="text-primary underline" dir="auto">
      {file.filename}
    </a>
  );
}
