import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { checkAttachment, cleanFilename, type AttachmentProblem } from "@/lib/attachments";
import type { Database, Executor } from "../index";
import { attachments, cooperatives, mentoringSessions, milestones } from "../schema";
import { writeAudit } from "./audit";
import { lockMilestone, type MilestoneActor } from "./milestones";

export type UploadResult =
  | { ok: true; id: number; cooperativeId: number }
  | { ok: false; reason: "not_found" | "forbidden" | "locked" | AttachmentProblem };

/**
 * Keeps a photo or PDF as evidence of a milestone, with its audit entry, in one transaction.
 * The type comes from the file's first bytes; the file is refused before anything is written
 * when it is empty, over 5 MB or of another type. Mentors add evidence to their cooperatives'
 * open milestones (not done or waived ones); officials never.
 */
export async function addMilestoneAttachment(
  db: Database,
  actor: MilestoneActor,
  params: { access: SQL; milestoneId: number; filename: string; bytes: Uint8Array },
): Promise<UploadResult> {
  const staff = actor.role === "admin" || actor.role === "staff";
  if (!staff && actor.role !== "mentor") return { ok: false, reason: "forbidden" };
  const checked = checkAttachment(params.bytes);
  if (!checked.ok) return checked;
  return db.transaction(async (tx): Promise<UploadResult> => {
    const milestone = await lockMilestone(tx, params.access, params.milestoneId);
    if (!milestone) return { ok: false, reason: "not_found" };
    if (!staff && (milestone.status === "done" || milestone.status === "waived"))
      return { ok: false, reason: "locked" };
    const [row] = await tx
      .insert(attachments)
      .values({
        milestoneId: milestone.id,
        filename: cleanFilename(params.filename, checked.contentType),
        contentType: checked.contentType,
        sizeBytes: params.bytes.byteLength,
        data: Buffer.from(params.bytes),
        uploadedBy: actor.id,
      })
      .returning({
        id: attachments.id,
        filename: attachments.filename,
        contentType: attachments.contentType,
        sizeBytes: attachments.sizeBytes,
      });
    if (!row) throw new Error("insert returned nothing");
    await writeAudit(tx, {
      actorId: actor.id,
      action: "create",
      entity: "attachment",
      entityId: row.id,
      after: {
        milestone_id: milestone.id,
        cooperative_id: milestone.cooperativeId,
        filename: row.filename,
        content_type: row.contentType,
        size_bytes: row.sizeBytes,
      },
    });
    return { ok: true, id: row.id, cooperativeId: milestone.cooperativeId };
  });
}

export type StoredAttachment = {
  id: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
  data: Buffer;
};

/**
 * An attachment (of a milestone or of a mentoring session) whose cooperative is within the
 * viewer's access; null otherwise, so an id from elsewhere answers "not found".
 */
export async function findAttachment(
  db: Executor,
  params: { access: SQL; id: number },
): Promise<StoredAttachment | null> {
  const [row] = await db
    .select({
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      sizeBytes: attachments.sizeBytes,
      data: attachments.data,
    })
    .from(attachments)
    .leftJoin(milestones, eq(milestones.id, attachments.milestoneId))
    .leftJoin(mentoringSessions, eq(mentoringSessions.id, attachments.sessionId))
    .innerJoin(
      cooperatives,
      eq(
        cooperatives.id,
        sql`coalesce(${milestones.cooperativeId}, ${mentoringSessions.cooperativeId})`,
      ),
    )
    .where(and(eq(attachments.id, params.id), params.access));
  return row ?? null;
}
