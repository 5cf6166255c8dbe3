import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "../index";
import { cooperatives, disbursements, fundingAwards, milestones, programs } from "../schema";
import { AWARD_TRANSITIONS, OPEN_AWARD_STATUSES } from "@/lib/validation/funding";
import { writeAudit } from "./audit";

export type AwardStatus = (typeof fundingAwards.$inferSelect)["status"];
const isOpen = (status: AwardStatus) => (OPEN_AWARD_STATUSES as readonly string[]).includes(status);
type LockedAward = { id: number; cooperativeId: number; status: AwardStatus; awardedOn: string };

/**
 * The award, locked (SELECT … FOR UPDATE) until the transaction ends: two people recording
 * tranches at the same moment take turns, so the second one sees the first one's tranche.
 */
async function lockAward(tx: Transaction, access: SQL, id: number): Promise<LockedAward | null> {
  const [row] = await tx
    .select({
      id: fundingAwards.id,
      cooperativeId: fundingAwards.cooperativeId,
      status: fundingAwards.status,
      awardedOn: fundingAwards.awardedOn,
    })
    .from(fundingAwards)
    .innerJoin(cooperatives, eq(cooperatives.id, fundingAwards.cooperativeId))
    .where(and(eq(fundingAwards.id, id), isNull(cooperatives.archivedAt), access))
    .for("update", { of: fundingAwards });
  return row ?? null;
}

/** What is left of the award once every tranche (planned ones too) is counted, in SQL numeric. */
async function room(tx: Transaction, awardId: number, amountMad: string) {
  const left = sql`${fundingAwards.amountMad} - coalesce(sum(${disbursements.amountMad}), 0)`;
  const [row] = await tx
    .select({
      remainingMad: sql<string>`(${left})::text`,
      fits: sql<boolean>`(${left}) >= ${amountMad}::numeric`,
    })
    .from(fundingAwards)
    .leftJoin(disbursements, eq(disbursements.awardId, fundingAwards.id))
    .where(eq(fundingAwards.id, awardId))
    .groupBy(fundingAwards.id);
  return { remainingMad: row?.remainingMad ?? "0.00", fits: row?.fits === true };
}

async function setStatus(
  tx: Transaction,
  actorId: number,
  award: LockedAward,
  to: AwardStatus,
  why: Record<string, unknown>,
) {
  await tx
    .update(fundingAwards)
    .set({ status: to, version: sql`${fundingAwards.version} + 1`, updatedAt: sql`now()` })
    .where(eq(fundingAwards.id, award.id));
  await writeAudit(tx, {
    actorId,
    action: "change_status",
    entity: "funding_award",
    entityId: award.id,
    before: { status: award.status },
    after: { status: to, ...why },
  });
}

/** After a tranche is paid: an approved award is disbursing, a fully disbursed one completed. */
async function advance(tx: Transaction, actorId: number, award: LockedAward, trancheId: number) {
  const [row] = await tx
    .select({
      full: sql<boolean>`${fundingAwards.amountMad} <= coalesce(sum(${disbursements.amountMad}) filter (where ${disbursements.status} = 'disbursed'), 0)`,
    })
    .from(fundingAwards)
    .leftJoin(disbursements, eq(disbursements.awardId, fundingAwards.id))
    .where(eq(fundingAwards.id, award.id))
    .groupBy(fundingAwards.id);
  const to: AwardStatus = row?.full === true ? "completed" : "disbursing";
  if (to === award.status) return to;
  await setStatus(tx, actorId, award, to, {
    reason: to === "completed" ? "fully_disbursed" : "first_disbursement",
    disbursement_id: trancheId,
  });
  return to;
}

export type AwardColumns = {
  cooperativeId: number;
  program: string | null;
  source: (typeof fundingAwards.$inferInsert)["source"];
  kind: (typeof fundingAwards.$inferInsert)["kind"];
  amountMad: string;
  coFinancingMad: string;
  awardedOn: string;
  status: "requested" | "approved";
  notes: string | null;
};

export async function createAward(
  db: Database,
  actorId: number,
  params: { access: SQL; columns: AwardColumns },
): Promise<{ ok: true; id: number } | { ok: false; reason: "not_found" | "unknown_program" }> {
  const { program, ...columns } = params.columns;
  return db.transaction(async (tx) => {
    const [coop] = await tx
      .select({ id: cooperatives.id })
      .from(cooperatives)
      .where(
        and(
          eq(cooperatives.id, columns.cooperativeId),
          isNull(cooperatives.archivedAt),
          params.access,
        ),
      )
      // The lock the award's cooperative_figures trigger takes (migration 0006), taken first: a
      // share lock here would deadlock two awards recorded at once for one cooperative.
      .for("no key update");
    if (!coop) return { ok: false, reason: "not_found" } as const;
    let programId: number | null = null;
    if (program) {
      const [row] = await tx
        .select({ id: programs.id })
        .from(programs)
        .where(eq(programs.key, program));
      if (!row) return { ok: false, reason: "unknown_program" } as const;
      programId = row.id;
    }
    const [row] = await tx
      .insert(fundingAwards)
      .values({ ...columns, programId, createdBy: actorId })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    await writeAudit(tx, {
      actorId,
      action: "create",
      entity: "funding_award",
      entityId: row.id,
      after: { ...row, createdAt: undefined, updatedAt: undefined },
    });
    return { ok: true, id: row.id } as const;
  });
}

export type StatusResult =
  | { ok: true; cooperativeId: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "not_allowed"; from: AwardStatus };

export async function updateAwardStatus(
  db: Database,
  actorId: number,
  params: { access: SQL; awardId: number; to: AwardStatus },
): Promise<StatusResult> {
  return db.transaction(async (tx) => {
    const award = await lockAward(tx, params.access, params.awardId);
    if (!award) return { ok: false, reason: "not_found" } as const;
    if (!AWARD_TRANSITIONS[award.status].includes(params.to))
      return { ok: false, reason: "not_allowed", from: award.status } as const;
    await setStatus(tx, actorId, award, params.to, {});
    return { ok: true, cooperativeId: award.cooperativeId } as const;
  });
}

export type TrancheResult =
  | { ok: true; id: number; cooperativeId: number; awardStatus: AwardStatus }
  | { ok: false; reason: "not_found" | "milestone_invalid" | "milestone_not_done" }
  | { ok: false; reason: "before_award"; awardedOn: string }
  | { ok: false; reason: "not_open"; status: AwardStatus }
  | { ok: false; reason: "exceeds"; remainingMad: string };

/** Checks of a tranche's award and release milestone, in the transaction that holds the lock. */
async function checkMilestone(
  tx: Transaction,
  award: LockedAward,
  milestoneId: number | null,
  paid: boolean,
): Promise<"ok" | "milestone_invalid" | "milestone_not_done"> {
  if (milestoneId === null) return "ok";
  const [milestone] = await tx
    .select({ status: milestones.status })
    .from(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.cooperativeId, award.cooperativeId)));
  if (!milestone || milestone.status === "waived") return "milestone_invalid";
  return paid && milestone.status !== "done" ? "milestone_not_done" : "ok";
}

export async function recordDisbursement(
  db: Database,
  actorId: number,
  params: {
    access: SQL;
    awardId: number;
    status: "disbursed" | "planned";
    disbursedOn: string | null;
    amountMad: string;
    reference: string | null;
    releaseMilestoneId: number | null;
  },
): Promise<TrancheResult> {
  return db.transaction(async (tx): Promise<TrancheResult> => {
    const award = await lockAward(tx, params.access, params.awardId);
    if (!award) return { ok: false, reason: "not_found" };
    if (!isOpen(award.status)) return { ok: false, reason: "not_open", status: award.status };
    const paid = params.status === "disbursed";
    if (paid && params.disbursedOn !== null && params.disbursedOn < award.awardedOn)
      return { ok: false, reason: "before_award", awardedOn: award.awardedOn };
    const milestone = await checkMilestone(tx, award, params.releaseMilestoneId, paid);
    if (milestone !== "ok") return { ok: false, reason: milestone };
    const { remainingMad, fits } = await room(tx, award.id, params.amountMad);
    if (!fits) return { ok: false, reason: "exceeds", remainingMad };
    const [row] = await tx
      .insert(disbursements)
      .values({
        awardId: award.id,
        status: params.status,
        disbursedOn: paid ? params.disbursedOn : null,
        amountMad: params.amountMad,
        reference: params.reference,
        releaseMilestoneId: params.releaseMilestoneId,
        createdBy: actorId,
      })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    const awardStatus = paid ? await advance(tx, actorId, award, row.id) : award.status;
    await writeAudit(tx, {
      actorId,
      action: "create",
      entity: "disbursement",
      entityId: row.id,
      after: {
        ...row,
        createdAt: undefined,
        award_status: { before: award.status, after: awardStatus },
      },
    });
    return { ok: true, id: row.id, cooperativeId: award.cooperativeId, awardStatus };
  });
}

export type ReleaseResult =
  | { ok: true; cooperativeId: number; awardStatus: AwardStatus }
  | { ok: false; reason: "not_found" | "not_planned" | "not_releasable" }
  | { ok: false; reason: "before_award"; awardedOn: string }
  | { ok: false; reason: "not_open"; status: AwardStatus };

/** Marks a planned tranche disbursed, once its release milestone (if any) is verified done. */
export async function releaseDisbursement(
  db: Database,
  actorId: number,
  params: { access: SQL; id: number; disbursedOn: string; reference: string | null },
): Promise<ReleaseResult> {
  return db.transaction(async (tx): Promise<ReleaseResult> => {
    const [target] = await tx
      .select({ awardId: disbursements.awardId })
      .from(disbursements)
      .where(eq(disbursements.id, params.id));
    const award = target ? await lockAward(tx, params.access, target.awardId) : null;
    if (!award) return { ok: false, reason: "not_found" };
    const [before] = await tx
      .select()
      .from(disbursements)
      .where(eq(disbursements.id, params.id))
      .for("update");
    if (!before) return { ok: false, reason: "not_found" };
    if (before.status !== "planned") return { ok: false, reason: "not_planned" };
    if (!isOpen(award.status)) return { ok: false, reason: "not_open", status: award.status };
    if (params.disbursedOn < award.awardedOn)
      return { ok: false, reason: "before_award", awardedOn: award.awardedOn };
    const milestone = await checkMilestone(tx, award, before.releaseMilestoneId, true);
    if (milestone !== "ok") return { ok: false, reason: "not_releasable" };
    await tx
      .update(disbursements)
      .set({
        status: "disbursed",
        disbursedOn: params.disbursedOn,
        reference: params.reference ?? before.reference,
      })
      .where(eq(disbursements.id, params.id));
    const awardStatus = await advance(tx, actorId, award, params.id);
    await writeAudit(tx, {
      actorId,
      action: "release",
      entity: "disbursement",
      entityId: params.id,
      before: { status: before.status, disbursed_on: null, reference: before.reference },
      after: {
        status: "disbursed",
        disbursed_on: params.disbursedOn,
        reference: params.reference ?? before.reference,
        award_status: { before: award.status, after: awardStatus },
      },
    });
    return { ok: true, cooperativeId: award.cooperativeId, awardStatus };
  });
}
