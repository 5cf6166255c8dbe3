import "server-only";
import { and, asc, eq, isNull, notExists, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { MilestoneStatus } from "@/lib/validation/milestone";
import type { Executor, Transaction } from "../index";
import {
  attachments,
  cohorts,
  cooperatives,
  disbursements,
  milestoneTemplates,
  milestones,
  users,
  type Role,
  type Stage,
} from "../schema";
import { cooperativeState } from "./cooperatives";
import { milestoneTotals, type MilestoneFigures } from "./metrics";

type Names = { ar: string; fr: string; en: string };

/**
 * DOMAIN.md's overdue (as lib/metrics counts it): not done, not waived, due date passed; a
 * milestone due today is not overdue yet.
 */
export function overdueCondition(today: string): SQL {
  return sql`(${milestones.status} not in ('done', 'waived') and ${milestones.dueOn} < ${today})`;
}

/** Completion and overdue of one cooperative's milestones, by the metric's one definition. */
export async function milestoneFiguresFor(
  db: Executor,
  cooperativeId: number,
  today: string,
): Promise<MilestoneFigures> {
  return milestoneTotals(db, { to: today, scope: eq(cooperatives.id, cooperativeId) }, today);
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** What the audit entry of a stage change keeps of each milestone it created. */
export type CreatedMilestone = { template: string; due_on: string | null };

/**
 * A cooperative entering a stage gets that stage's active templates (generic ones and those of
 * its cohort's programme) it does not have yet, due at the cohort's start plus the template's
 * offset (no due date without a cohort). Runs in the caller's transaction, which audits it.
 */
export async function createStageMilestones(
  tx: Executor,
  params: { cooperativeId: number; cohortId: number | null; stage: Stage },
): Promise<CreatedMilestone[]> {
  const [cohort] =
    params.cohortId === null
      ? []
      : await tx
          .select({ startOn: cohorts.startOn, programId: cohorts.programId })
          .from(cohorts)
          .where(eq(cohorts.id, params.cohortId));
  const templates = await tx
    .select({
      id: milestoneTemplates.id,
      key: milestoneTemplates.key,
      offset: milestoneTemplates.dueOffsetDays,
    })
    .from(milestoneTemplates)
    .where(
      and(
        eq(milestoneTemplates.stage, params.stage),
        eq(milestoneTemplates.active, true),
        cohort
          ? or(
              isNull(milestoneTemplates.programId),
              eq(milestoneTemplates.programId, cohort.programId),
            )
          : isNull(milestoneTemplates.programId),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(milestones)
            .where(
              and(
                eq(milestones.cooperativeId, params.cooperativeId),
                eq(milestones.templateId, milestoneTemplates.id),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(milestoneTemplates.sortOrder), asc(milestoneTemplates.id));
  if (templates.length === 0) return [];
  const rows = await tx
    .insert(milestones)
    .values(
      templates.map((t) => ({
        cooperativeId: params.cooperativeId,
        templateId: t.id,
        stage: params.stage,
        dueOn: cohort ? addDays(cohort.startOn, t.offset) : null,
      })),
    )
    .onConflictDoNothing()
    .returning({ templateId: milestones.templateId, dueOn: milestones.dueOn });
  return templates.flatMap((t) => {
    const row = rows.find((r) => r.templateId === t.id);
    return row ? [{ template: t.key, due_on: row.dueOn }] : [];
  });
}

export type AttachmentInfo = {
  id: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
};

/** An attachment as json_build_object gives it (the timestamp as text). */
type AttachmentJson = Omit<AttachmentInfo, "createdAt"> & { createdAt: string };

export type MilestoneItem = {
  id: number;
  templateKey: string | null;
  names: Names;
  custom: boolean;
  stage: Stage;
  status: MilestoneStatus;
  dueOn: string | null;
  completedOn: string | null;
  evidenceText: string | null;
  evidenceUrl: string | null;
  comment: string | null;
  reportedBy: string | null;
  reportedAt: Date | null;
  verifiedBy: string | null;
  verifiedAt: Date | null;
  version: number;
  overdue: boolean;
  /** A tranche waits for it: it may not be deleted. */
  hasTranche: boolean;
  attachments: AttachmentInfo[];
};

const reporter = alias(users, "reporter");
const verifier = alias(users, "verifier");

/**
 * A cooperative's milestones in pipeline order, within the viewer's access; null when it is out
 * of reach. Without `evidence` (officials), evidence, comments and attachments stay out.
 */
export async function cooperativeMilestones(
  db: Executor,
  params: { access: SQL; cooperativeId: number; evidence: boolean; today: string },
): Promise<{ archived: boolean; stage: Stage; milestones: MilestoneItem[] } | null> {
  // One round trip when the cooperative has milestones (each row carries the cooperative's state,
  // read under the viewer's access); the cooperative alone is read only when there are none.
  const rows = await db
    .select({
      cooperative: { archivedAt: cooperatives.archivedAt, stage: cooperatives.stage },
      milestone: {
        id: milestones.id,
        templateKey: milestoneTemplates.key,
        title: milestones.title,
        labelAr: milestoneTemplates.labelAr,
        labelFr: milestoneTemplates.labelFr,
        labelEn: milestoneTemplates.labelEn,
        stage: milestones.stage,
        status: milestones.status,
        dueOn: milestones.dueOn,
        completedOn: milestones.completedOn,
        evidenceText: milestones.evidenceText,
        evidenceUrl: milestones.evidenceUrl,
        comment: milestones.comment,
        reportedBy: reporter.name,
        reportedAt: milestones.reportedAt,
        verifiedBy: verifier.name,
        verifiedAt: milestones.verifiedAt,
        version: milestones.version,
        overdue: sql<boolean>`${overdueCondition(params.today)}`,
        hasTranche: sql<boolean>`exists (select 1 from ${disbursements} where ${disbursements.releaseMilestoneId} = ${milestones.id})`,
        // Its files in the same round trip, for whoever may see evidence.
        files: params.evidence
          ? sql<
              AttachmentJson[]
            >`(select json_agg(json_build_object('id', ${attachments.id}, 'filename', ${attachments.filename}, 'contentType', ${attachments.contentType}, 'sizeBytes', ${attachments.sizeBytes}, 'createdAt', ${attachments.createdAt}) order by ${attachments.id}) from ${attachments} where ${attachments.milestoneId} = ${milestones.id})`
          : sql<null>`null`,
      },
    })
    .from(milestones)
    .innerJoin(cooperatives, eq(cooperatives.id, milestones.cooperativeId))
    .leftJoin(milestoneTemplates, eq(milestoneTemplates.id, milestones.templateId))
    .leftJoin(reporter, eq(reporter.id, milestones.reportedBy))
    .leftJoin(verifier, eq(verifier.id, milestones.verifiedBy))
    .where(and(eq(milestones.cooperativeId, params.cooperativeId), params.access))
    .orderBy(
      asc(milestones.stage),
      sql`${milestoneTemplates.sortOrder} asc nulls last`,
      sql`${milestones.dueOn} asc nulls last`,
      asc(milestones.id),
    );
  const items = rows.map((row) => row.milestone);
  const coop = rows[0]?.cooperative ?? (await cooperativeState(db, params));
  if (!coop) return null;
  return {
    archived: coop.archivedAt !== null,
    stage: coop.stage,
    milestones: items.map(({ title, labelAr, labelFr, labelEn, files, ...row }) => ({
      ...row,
      custom: row.templateKey === null,
      names: {
        ar: labelAr ?? title ?? "",
        fr: labelFr ?? title ?? "",
        en: labelEn ?? title ?? "",
      },
      hasTranche: row.hasTranche === true,
      overdue: row.overdue === true,
      evidenceText: params.evidence ? row.evidenceText : null,
      evidenceUrl: params.evidence ? row.evidenceUrl : null,
      comment: params.evidence ? row.comment : null,
      attachments: (files ?? []).map((f) => ({ ...f, createdAt: new Date(f.createdAt) })),
    })),
  };
}

/**
 * The milestones a tranche may wait for, from a cooperative's list: its own, waived ones excepted,
 * by due date (undated last), then by id.
 */
export function releaseCandidates(items: readonly MilestoneItem[]) {
  return items
    .filter((m) => m.status !== "waived")
    .sort(
      (a, b) =>
        (a.dueOn === null ? 1 : 0) - (b.dueOn === null ? 1 : 0) ||
        // ISO dates: their text order is their date order.
        ((a.dueOn ?? "") < (b.dueOn ?? "") ? -1 : (a.dueOn ?? "") > (b.dueOn ?? "") ? 1 : 0) ||
        a.id - b.id,
    )
    .map((m) => ({ id: m.id, status: m.status, names: m.names }));
}

export type MilestoneActor = { id: number; role: Role };

export type Locked = typeof milestones.$inferSelect;

/** The milestone of a live cooperative within access, locked until the transaction ends. */
export async function lockMilestone(
  tx: Transaction,
  access: SQL,
  id: number,
): Promise<Locked | null> {
  const [row] = await tx
    .select({ milestone: milestones })
    .from(milestones)
    .innerJoin(cooperatives, eq(cooperatives.id, milestones.cooperativeId))
    .where(and(eq(milestones.id, id), isNull(cooperatives.archivedAt), access))
    .for("update", { of: milestones });
  return row?.milestone ?? null;
}

/** The fields the audit log keeps of a milestone (snake_case, as DOMAIN.md names them). */
export function auditView(row: Locked): Record<string, unknown> {
  return {
    cooperative_id: row.cooperativeId,
    template_id: row.templateId,
    title: row.title,
    stage: row.stage,
    status: row.status,
    due_on: row.dueOn,
    completed_on: row.completedOn,
    evidence_text: row.evidenceText,
    evidence_url: row.evidenceUrl,
    comment: row.comment,
    reported_by: row.reportedBy,
    verified_by: row.verifiedBy,
  };
}
