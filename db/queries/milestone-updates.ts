import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { isMentorStatus, type MilestoneStatus } from "@/lib/validation/milestone";
import type { Database, Transaction } from "../index";
import {
  attachments,
  cooperatives,
  disbursements,
  milestones,
  type Role,
  type Stage,
} from "../schema";
import { writeAudit } from "./audit";
import { auditView, lockMilestone, type Locked, type MilestoneActor } from "./milestones";

const isStaff = (role: Role) => role === "admin" || role === "staff";

/** Before and after, limited to what changed. */
function changes(before: Locked, after: Locked) {
  const b = auditView(before);
  const a = auditView(after);
  const keys = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return {
    before: Object.fromEntries(keys.map((k) => [k, b[k]])),
    after: {
      cooperative_id: after.cooperativeId,
      ...Object.fromEntries(keys.map((k) => [k, a[k]])),
    },
  };
}

export type MilestonePatch = {
  status?: MilestoneStatus;
  evidenceText?: string | null;
  evidenceUrl?: string | null;
  comment?: string | null;
  dueOn?: string | null;
  completedOn?: string | null;
  title?: string;
};

const MENTOR_FIELDS: ReadonlySet<string> = new Set(["status", "evidenceText", "evidenceUrl"]);

export type MilestoneResult =
  | { ok: true; cooperativeId: number; version: number }
  | { ok: false; reason: "conflict"; version: number }
  | {
      ok: false;
      reason:
        | "not_found"
        | "forbidden"
        | "status_not_allowed"
        | "locked"
        | "evidence_required"
        | "not_reported"
        | "not_custom"
        | "has_tranche";
    };

async function hasAttachment(tx: Transaction, milestoneId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.milestoneId, milestoneId))
    .limit(1);
  return Boolean(row);
}

async function save(
  tx: Transaction,
  actorId: number,
  action: string,
  before: Locked,
  set: Partial<typeof milestones.$inferInsert>,
): Promise<MilestoneResult> {
  const [after] = await tx
    .update(milestones)
    .set({ ...set, version: sql`${milestones.version} + 1`, updatedAt: sql`now()` })
    .where(eq(milestones.id, before.id))
    .returning();
  if (!after) throw new Error("update returned nothing");
  await writeAudit(tx, {
    actorId,
    action,
    entity: "milestone",
    entityId: before.id,
    ...changes(before, after),
  });
  return { ok: true, cooperativeId: after.cooperativeId, version: after.version };
}

/**
 * Changes a milestone by DOMAIN.md's rules: a mentor (assigned cooperative) sets status todo,
 * in_progress, blocked or reported and the evidence, never on a done or waived one; staff and
 * admins set anything. Reporting needs evidence and records who reported; done records who
 * verified and when it was completed (today by default). Officials change nothing.
 */
export async function updateMilestone(
  db: Database,
  actor: MilestoneActor,
  params: { access: SQL; id: number; version: number; patch: MilestonePatch; today: string },
): Promise<MilestoneResult> {
  const { patch } = params;
  const staff = isStaff(actor.role);
  if (actor.role !== "mentor" && !staff) return { ok: false, reason: "forbidden" };
  if (!staff && Object.keys(patch).some((key) => !MENTOR_FIELDS.has(key)))
    return { ok: false, reason: "forbidden" };
  if (!staff && patch.status && !isMentorStatus(patch.status))
    return { ok: false, reason: "status_not_allowed" };
  return db.transaction(async (tx): Promise<MilestoneResult> => {
    const before = await lockMilestone(tx, params.access, params.id);
    if (!before) return { ok: false, reason: "not_found" };
    if (before.version !== params.version)
      return { ok: false, reason: "conflict", version: before.version };
    if (!staff && (before.status === "done" || before.status === "waived"))
      return { ok: false, reason: "locked" };
    const status = patch.status ?? before.status;
    const evidenceText =
      patch.evidenceText !== undefined ? patch.evidenceText : before.evidenceText;
    const evidenceUrl = patch.evidenceUrl !== undefined ? patch.evidenceUrl : before.evidenceUrl;
    const newlyReported = status === "reported" && before.status !== "reported";
    // a report stands on its evidence, also when someone edits a report already made
    if (
      status === "reported" &&
      !evidenceText &&
      !evidenceUrl &&
      !(await hasAttachment(tx, before.id))
    )
      return { ok: false, reason: "evidence_required" };
    const done = status === "done";
    const set: Partial<typeof milestones.$inferInsert> = {
      status,
      evidenceText,
      evidenceUrl,
      completedOn: done ? (patch.completedOn ?? before.completedOn ?? params.today) : null,
      verifiedBy: done ? (before.status === "done" ? before.verifiedBy : actor.id) : null,
      verifiedAt: done ? (before.status === "done" ? before.verifiedAt : new Date()) : null,
    };
    if (newlyReported) Object.assign(set, { reportedBy: actor.id, reportedAt: new Date() });
    if (patch.comment !== undefined) set.comment = patch.comment;
    if (patch.dueOn !== undefined) set.dueOn = patch.dueOn;
    if (patch.title !== undefined && before.templateId === null) set.title = patch.title;
    return save(tx, actor.id, newlyReported ? "report" : "update", before, set);
  });
}

/** Staff accept a report: reported → done, with who verified, when, and the completion date. */
export async function verifyMilestone(
  db: Database,
  actor: MilestoneActor,
  params: { access: SQL; id: number; version: number; completedOn: string | null; today: string },
): Promise<MilestoneResult> {
  if (!isStaff(actor.role)) return { ok: false, reason: "forbidden" };
  return db.transaction(async (tx): Promise<MilestoneResult> => {
    const before = await lockMilestone(tx, params.access, params.id);
    if (!before) return { ok: false, reason: "not_found" };
    if (before.version !== params.version)
      return { ok: false, reason: "conflict", version: before.version };
    if (before.status !== "reported") return { ok: false, reason: "not_reported" };
    return save(tx, actor.id, "verify", before, {
      status: "done",
      completedOn: params.completedOn ?? params.today,
      verifiedBy: actor.id,
      verifiedAt: new Date(),
    });
  });
}

/** Staff send a report back: reported → in_progress, with the comment that says why. */
export async function sendBackMilestone(
  db: Database,
  actor: MilestoneActor,
  params: { access: SQL; id: number; version: number; comment: string },
): Promise<MilestoneResult> {
  if (!isStaff(actor.role)) return { ok: false, reason: "forbidden" };
  return db.transaction(async (tx): Promise<MilestoneResult> => {
    const before = await lockMilestone(tx, params.access, params.id);
    if (!before) return { ok: false, reason: "not_found" };
    if (before.version !== params.version)
      return { ok: false, reason: "conflict", version: before.version };
    if (before.status !== "reported") return { ok: false, reason: "not_reported" };
    return save(tx, actor.id, "send_back", before, {
      status: "in_progress",
      comment: params.comment,
    });
  });
}

/** Staff add a milestone of their own (a title, a stage, a due date) to a live cooperative. */
export async function addCustomMilestone(
  db: Database,
  actor: MilestoneActor,
  params: { access: SQL; cooperativeId: number; title: string; stage: Stage; dueOn: string },
): Promise<{ ok: true; id: number } | { ok: false; reason: "not_found" | "forbidden" }> {
  if (!isStaff(actor.role)) return { ok: false, reason: "forbidden" };
  return db.transaction(async (tx) => {
    const [coop] = await tx
      .select({ id: cooperatives.id })
      .from(cooperatives)
      .where(
        and(
          eq(cooperatives.id, params.cooperativeId),
          isNull(cooperatives.archivedAt),
          params.access,
        ),
      )
      .for("share");
    if (!coop) return { ok: false, reason: "not_found" } as const;
    const [row] = await tx
      .insert(milestones)
      .values({
        cooperativeId: coop.id,
        title: params.title,
        stage: params.stage,
        dueOn: params.dueOn,
      })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    await writeAudit(tx, {
      actorId: actor.id,
      action: "create",
      entity: "milestone",
      entityId: row.id,
      after: auditView(row),
    });
    return { ok: true, id: row.id } as const;
  });
}

/** Staff delete a custom milestone no tranche waits for, with its attachments. */
export async function deleteCustomMilestone(
  db: Database,
  actor: MilestoneActor,
  params: { access: SQL; id: number },
): Promise<MilestoneResult> {
  if (!isStaff(actor.role)) return { ok: false, reason: "forbidden" };
  return db.transaction(async (tx): Promise<MilestoneResult> => {
    const before = await lockMilestone(tx, params.access, params.id);
    if (!before) return { ok: false, reason: "not_found" };
    if (before.templateId !== null) return { ok: false, reason: "not_custom" };
    const [tranche] = await tx
      .select({ id: disbursements.id })
      .from(disbursements)
      .where(eq(disbursements.releaseMilestoneId, before.id))
      .limit(1);
    if (tranche) return { ok: false, reason: "has_tranche" };
    const removed = await tx
      .delete(attachments)
      .where(eq(attachments.milestoneId, before.id))
      .returning({ id: attachments.id });
    await tx.delete(milestones).where(eq(milestones.id, before.id));
    await writeAudit(tx, {
      actorId: actor.id,
      action: "delete",
      entity: "milestone",
      entityId: before.id,
      before: { ...auditView(before), attachment_ids: removed.map((r) => r.id) },
    });
    return { ok: true, cooperativeId: before.cooperativeId, version: before.version };
  });
}
