import "server-only";
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { checkAttachment, cleanFilename, type AttachmentProblem } from "@/lib/attachments";
import type { Database, Executor } from "../index";
import { attachments, cooperatives, mentoringSessions } from "../schema";
import { writeAudit } from "./audit";

export type SessionUploadResult =
  | { ok: true; id: number; cooperativeId: number }
  | { ok: false; reason: "not_found" | AttachmentProblem };

/**
 * Keeps a photo or PDF of a session the viewer may edit (`editable`: lib/dal.ts sessionEditScope)
 * at a live cooperative within `access`, with its audit entry. The type comes from the file's
 * first bytes; an empty, oversized or other file is refused before anything is written.
 */
export async function addSessionAttachment(
  db: Database,
  actorId: number,
  params: { access: SQL; editable: SQL; sessionId: string; filename: string; bytes: Uint8Array },
): Promise<SessionUploadResult> {
  const checked = checkAttachment(params.bytes);
  if (!checked.ok) return checked;
  return db.transaction(async (tx): Promise<SessionUploadResult> => {
    const [session] = await tx
      .select({ id: mentoringSessions.id, cooperativeId: mentoringSessions.cooperativeId })
      .from(mentoringSessions)
      .innerJoin(cooperatives, eq(cooperatives.id, mentoringSessions.cooperativeId))
      .where(
        and(
          eq(mentoringSessions.id, params.sessionId),
          isNull(cooperatives.archivedAt),
          params.access,
          params.editable,
        ),
      )
      .for("share", { of: mentoringSessions });
    if (!session) return { ok: false, reason: "not_found" };
    const [row] = await tx
      .insert(attachments)
      .values({
        sessionId: session.id,
        filename: cleanFilename(params.filename, checked.contentType),
        contentType: checked.contentType,
        sizeBytes: params.bytes.byteLength,
        data: Buffer.from(params.bytes),
        uploadedBy: actorId,
      })
      .returning({
        id: attachments.id,
        filename: attachments.filename,
        contentType: attachments.contentType,
        sizeBytes: attachments.sizeBytes,
      });
    if (!row) throw new Error("insert returned nothing");
    await writeAudit(tx, {
      actorId,
      action: "create",
      entity: "attachment",
      entityId: row.id,
      after: {
        session_id: session.id,
        cooperative_id: session.cooperativeId,
        filename: row.filename,
        content_type: row.contentType,
        size_bytes: row.sizeBytes,
      },
    });
    return { ok: true, id: row.id, cooperativeId: session.cooperativeId };
  });
}

export type SessionAttachment = {
  id: number;
  sessionId: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
};

/** The files of the given sessions (already read within the viewer's access), oldest first. */
export async function sessionAttachments(
  db: Executor,
  sessionIds: string[],
): Promise<SessionAttachment[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .select({
      id: attachments.id,
      sessionId: attachments.sessionId,
      filename: attachments.filename,
      contentType: attachments.contentType,
      sizeBytes: attachments.sizeBytes,
    })
    .from(attachments)
    .where(inArray(attachments.sessionId, sessionIds))
    .orderBy(asc(attachments.id));
  return rows.map((row) => ({ ...row, sessionId: row.sessionId ?? "" }));
}
