import "server-only";
import { and, asc, count, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { OPEN_AWARD_STATUSES } from "@/lib/validation/funding";
import type { Executor } from "../index";
import {
  cohorts,
  cooperatives,
  disbursements,
  fundingAwards,
  milestones,
  milestoneTemplates,
  programs,
  type MILESTONE_STATUSES,
  type Stage,
} from "../schema";
import { awardConditions } from "./funding-ledger";
import {
  milestoneFigures,
  milestonesByCohort,
  milestoneTotals,
  type MilestoneFigures,
} from "./metrics";

type Names = { ar: string; fr: string; en: string };
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export type FollowUpCounts = {
  /** DOMAIN.md overdue milestones (metrics.ts milestoneTotals). */
  overdue: number;
  /** Milestones a mentor reported done, waiting for staff to verify them. */
  awaiting: number;
  /** Planned tranches of open awards whose release milestone is done (the ledger's "ready to release"). */
  releasable: number;
};

/** The staff home's follow-up tiles, over the cooperatives of `scope` (lib/dal.ts cooperativeScope). */
export async function followUpCounts(
  db: Executor,
  params: { scope: SQL; today: string },
): Promise<FollowUpCounts> {
  const [totals, awaiting, releasable] = await Promise.all([
    milestoneTotals(db, { to: params.today, scope: params.scope }, params.today),
    db
      .select({ n: count() })
      .from(milestones)
      .innerJoin(cooperatives, eq(cooperatives.id, milestones.cooperativeId))
      .where(and(eq(milestones.status, "reported"), isNull(cooperatives.archivedAt), params.scope)),
    db
      .select({ n: count() })
      .from(disbursements)
      .innerJoin(fundingAwards, eq(fundingAwards.id, disbursements.awardId))
      .innerJoin(cooperatives, eq(cooperatives.id, fundingAwards.cooperativeId))
      .innerJoin(milestones, eq(milestones.id, disbursements.releaseMilestoneId))
      .where(
        and(
          eq(disbursements.status, "planned"),
          eq(milestones.status, "done"),
          inArray(fundingAwards.status, [...OPEN_AWARD_STATUSES]),
          awardConditions(params.scope, {}, false),
        ),
      ),
  ]);
  return {
    overdue: totals.overdue,
    awaiting: awaiting[0]?.n ?? 0,
    releasable: releasable[0]?.n ?? 0,
  };
}

export type CohortCompletion = {
  id: number;
  name: string;
  programNames: Names;
  figures: MilestoneFigures;
};

/** Milestone completion of each active cohort (metrics.ts milestonesByCohort), oldest first. */
export async function activeCohortCompletion(
  db: Executor,
  params: { scope: SQL; today: string },
): Promise<CohortCompletion[]> {
  const [figures, active] = await Promise.all([
    milestonesByCohort(db, { to: params.today, scope: params.scope }, params.today),
    db
      .select({
        id: cohorts.id,
        name: cohorts.name,
        ar: programs.nameAr,
        fr: programs.nameFr,
        en: programs.nameEn,
      })
      .from(cohorts)
      .innerJoin(programs, eq(programs.id, cohorts.programId))
      .where(eq(cohorts.status, "active"))
      .orderBy(asc(cohorts.startOn), asc(cohorts.id)),
  ]);
  return active.map(({ ar, fr, en, ...cohort }) => ({
    ...cohort,
    programNames: { ar, fr, en },
    figures:
      figures.find((f) => f.cohortId === cohort.id) ?? milestoneFigures(cohort.id, 0, 0, 0, 0),
  }));
}

export type GridColumn = { templateId: number; key: string; stage: Stage; names: Names };
export type GridCell = { status: MilestoneStatus; overdue: boolean; dueOn: string | null };
export type GridRow = {
  cooperativeId: number;
  name: string;
  legalForm: string;
  stage: Stage;
  /** By template id; a template the cooperative has no milestone for is absent. */
  cells: Record<number, GridCell>;
  /** Its custom milestones (no template). */
  custom: { total: number; done: number; overdue: number };
};
export type ProgressGrid = { columns: GridColumn[]; rows: GridRow[] };

/**
 * The cohort's cooperatives × the milestone templates of the stages its milestones belong to
 * (by stage, then sort order). A cell is overdue as DOMAIN.md says: not done, not waived, due
 * before `today`. Archived cooperatives are left out, as from every figure.
 */
export async function cohortProgressGrid(
  db: Executor,
  params: { cohortId: number; today: string },
): Promise<ProgressGrid> {
  const member = and(eq(cooperatives.cohortId, params.cohortId), isNull(cooperatives.archivedAt));
  const overdue = sql<boolean>`(${milestones.status} not in ('done', 'waived') and ${milestones.dueOn} < ${params.today})`;
  const used = db
    .select({ templateId: milestones.templateId })
    .from(milestones)
    .innerJoin(cooperatives, eq(cooperatives.id, milestones.cooperativeId))
    .where(and(member, isNotNull(milestones.templateId)));
  const [members, cells, custom, columns] = await Promise.all([
    db
      .select({
        cooperativeId: cooperatives.id,
        name: cooperatives.name,
        legalForm: cooperatives.legalForm,
        stage: cooperatives.stage,
      })
      .from(cooperatives)
      .where(member)
      .orderBy(asc(cooperatives.name), asc(cooperatives.id)),
    db
      .select({
        cooperativeId: milestones.cooperativeId,
        templateId: milestones.templateId,
        status: milestones.status,
        dueOn: milestones.dueOn,
        overdue,
      })
      .from(milestones)
      .innerJoin(cooperatives, eq(cooperatives.id, milestones.cooperativeId))
      .where(and(member, isNotNull(milestones.templateId))),
    db
      .select({
        cooperativeId: milestones.cooperativeId,
        total: count(),
        done: sql<number>`(count(*) filter (where ${milestones.status} = 'done'))::int`,
        overdue: sql<number>`(count(*) filter (where ${overdue}))::int`,
      })
      .from(milestones)
      .innerJoin(cooperatives, eq(cooperatives.id, milestones.cooperativeId))
      .where(and(member, isNull(milestones.templateId)))
      .groupBy(milestones.cooperativeId),
    db
      .select({
        templateId: milestoneTemplates.id,
        key: milestoneTemplates.key,
        stage: milestoneTemplates.stage,
        ar: milestoneTemplates.labelAr,
        fr: milestoneTemplates.labelFr,
        en: milestoneTemplates.labelEn,
      })
      .from(milestoneTemplates)
      .where(
        and(
          sql`${milestoneTemplates.stage} in (select t.stage from ${milestoneTemplates} t where t.id in (${used}))`,
          or(
            inArray(milestoneTemplates.id, used),
            and(
              eq(milestoneTemplates.active, true),
              or(
                isNull(milestoneTemplates.programId),
                sql`${milestoneTemplates.programId} = (select c.program_id from ${cohorts} c where c.id = ${params.cohortId})`,
              ),
            ),
          ),
        ),
      )
      .orderBy(
        asc(milestoneTemplates.stage),
        asc(milestoneTemplates.sortOrder),
        asc(milestoneTemplates.id),
      ),
  ]);
  const rows = members.map((m) => ({
    ...m,
    cells: {} as Record<number, GridCell>,
    custom: { total: 0, done: 0, overdue: 0 },
  }));
  const byId = new Map(rows.map((row) => [row.cooperativeId, row]));
  for (const cell of cells) {
    const row = byId.get(cell.cooperativeId);
    if (row && cell.templateId !== null)
      row.cells[cell.templateId] = {
        status: cell.status,
        overdue: cell.overdue === true,
        dueOn: cell.dueOn,
      };
  }
  for (const summary of custom) {
    const row = byId.get(summary.cooperativeId);
    if (row)
      row.custom = {
        total: Number(summary.total),
        done: Number(summary.done),
        overdue: Number(summary.overdue),
      };
  }
  return {
    columns: columns.map(({ ar, fr, en, ...column }) => ({ ...column, names: { ar, fr, en } })),
    rows,
  };
}
