import { PassThrough, Readable, Writable } from "node:stream";
import { getDb, getDriver } from "@/db";
import { writeBackup } from "@/db/backup/dump";
import { backupFilename } from "@/db/backup/format";
import { writeAudit } from "@/db/queries/audit";
import { authorize } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The last X-Forwarded-For entry is the one the nearest proxy saw (as for sign-in attempts). */
function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded?.trim()) return forwarded.split(",").at(-1)!.trim().slice(0, 64);
  return headers.get("x-real-ip");
}

async function inMemory(run: (output: Writable) => Promise<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await run(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(chunks);
}

/**
 * The whole database as a backup file (db/backup/format.ts), for admins only; each download is
 * in the audit log. On PostgreSQL the file streams as it is read; the embedded database answers
 * one query at a time, so its (small) backup is made first and then sent, rather than holding
 * the database for as long as the download takes.
 */
export async function GET(request: Request) {
  try {
    const viewer = await authorize("admin");
    const [db, driver] = await Promise.all([getDb(), getDriver()]);
    const filename = backupFilename(todayIso());
    await writeAudit(db, {
      actorId: viewer.id,
      action: "backup",
      entity: "database",
      after: { filename },
      ip: clientIp(request.headers),
    });
    const headers = {
      "content-type": "application/gzip",
      "content-disposition": `attachment; filename="${filename}"`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    };
    if (driver === "pglite") {
      const bytes = await inMemory((output) => writeBackup(db, driver, output));
      return new Response(new Uint8Array(bytes), {
        headers: { ...headers, "content-length": String(bytes.byteLength) },
      });
    }
    const body = new PassThrough();
    writeBackup(db, driver, body).catch((error: unknown) => {
      console.error("Backup failed while streaming:", error);
      body.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}
