import "server-only";
import { and, asc, count, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { MilestoneFilters, MilestoneStatus } from "@/lib/validation/milestone";
import type { Executor } from "../index";
import {
  MILESTONE_STATUSES,
  cooperatives,
  milestoneTemplates,
  milestones,
  users,
  type Stage,
} from "../schema";
import { listConditions } from "./cooperatives";
import { milestoneFigures, type MilestoneFigures } from "./metrics";
import { overdueCondition } from "./milestones";

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The cooperatives' conditions of the other lists (access, live records, province, cohort…),
 * `q` over the cooperative's names and the milestone's labels, `from`/`to` bounding the due date,
 * and, unless `statusFree`, the milestone's status, overdue and awaiting verification.
 */
function conditions(
  access: SQL,
  filters: MilestoneFilters,
  today: string,
  statusFree = false,
): SQL {
  const q = filters.q ? sql`'%' || hadina_fold(${escapeLike(filters.q)}) || '%'` : null;
  const parts: (SQL | undefined)[] = [
    listConditions(access, { ...filters, q: undefined }, false),
    q
      ? sql`(${cooperatives.searchText} like ${q} or hadina_fold(concat_ws(' ', ${milestones.title}, ${milestoneTemplates.labelAr}, ${milestoneTemplates.labelFr}, ${milestoneTemplates.labelEn}, ${milestoneTemplates.key})) like ${q})`
      : undefined,
    filters.from ? gte(milestones.dueOn, filters.from) : undefined,
    filters.to ? lte(milestones.dueOn, filters.to) : undefined,
  ];
  if (!statusFree) {
    parts.push(
      filters.status ? eq(milestones.status, filters.status) : undefined,
      filters.awaiting ? eq(milestones.status, "reported") : undefined,
      filters.overdue ? overdueCondition(today) : undefined,
    );
  }
  return and(...parts.filter((c): c is SQL => c !== undefined))!;
}

const reporter = alias(users, "reporter");

const rowColumns = (today: string) => ({
  id: milestones.id,
  cooperativeId: cooperatives.id,
  cooperative: cooperatives.name,
  legalForm: cooperatives.legalForm,
  templateKey: milestoneTemplates.key,
  title: milestones.title,
  labelAr: milestoneTemplates.labelAr,
  labelFr: milestoneTemplates.labelFr,
  labelEn: milestoneTemplates.labelEn,
  stage: milestones.stage,
  status: milestones.status,
  dueOn: milestones.dueOn,
  completedOn: milestones.completedOn,
  reportedBy: reporter.name,
  verifiedAt: milestones.verifiedAt,
  overdue: sql<boolean>`${overdueCondition(today)}`,
});

export type MilestoneRow = {
  id: number;
  cooperativeId: number;
  cooperative: string;
  legalForm: string;
  templateKey: string | null;
  names: { ar: string; fr: string; en: string };
  stage: Stage;
  status: MilestoneStatus;
  dueOn: string | null;
  completedOn: string | null;
  reportedBy: string | null;
  verifiedAt: Date | null;
  overdue: boolean;
};

type Raw = Omit<MilestoneRow, "names"> & {
  title: string | null;
  labelAr: string | null;
  labelFr: string | null;
  labelEn: string | null;
};

function toRow({ title, labelAr, labelFr, labelEn, ...row }: Raw): MilestoneRow {
  const name = title ?? "";
  return {
    ...row,
    names: { ar: labelAr ?? name, fr: labelFr ?? name, en: labelEn ?? name },
    overdue: row.overdue === true,
  };
}

function select(db: Executor, today: string) {
  return db
    .select(rowColumns(today))
    .from(milestones)
    .innerJoin(cooperatives, eq(cooperatives.id, milestones.cooperativeId))
    .leftJoin(milestoneTemplates, eq(milestoneTemplates.id, milestones.templateId))
    .leftJoin(reporter, eq(reporter.id, milestones.reportedBy));
}

const ORDER = [sql`${milestones.dueOn} asc nulls last`, asc(milestones.id)];

/** One page of the milestones matching the filters, soonest due first. */
export async function searchMilestones(
  db: Executor,
  params: { access: SQL; filters: MilestoneFilters; today: string; pageSize: number },
): Promise<{ rows: MilestoneRow[]; total: number }> {
  const where = conditions(params.access, params.filters, params.today);
  const [total] = await db
    .select({ n: count() })
    .from(milestones)
    .innerJoin(cooperatives, eq(cooperatives.id, milestones.cooperativeId))
    .leftJoin(milestoneTemplates, eq(milestoneTemplates.id, milestones.templateId))
    .where(where);
  const rows = await select(db, params.today)
    .where(where)
    .orderBy(...ORDER)
    .limit(params.pageSize)
    .offset((params.filters.page - 1) * params.pageSize);
  return { rows: rows.map(toRow), total: total?.n ?? 0 };
}

/** Every milestone matching the filters (not one page), in the list's order. */
export async function exportMilestones(
  db: Executor,
  params: { access: SQL; filters: MilestoneFilters; today: string },
): Promise<MilestoneRow[]> {
  const rows = await select(db, params.today)
    .where(conditions(params.access, params.filters, params.today))
    .orderBy(...ORDER);
  return rows.map(toRow);
}

export type MilestoneCounts = MilestoneFigures & {
  byStatus: Record<MilestoneStatus, number>;
};

/**
 * The figures above the list, for the filters but whatever the status: how many by status,
 * overdue, and completion as lib/metrics defines it (done ÷ (all − waived)).
 */
export async function milestoneCounts(
  db: Executor,
  params: { access: SQL; filters: MilestoneFilters; today: string },
): Promise<MilestoneCounts> {
  const rows = await db
    .select({
      status: milestones.status,
      n: count(),
      overdue: sql<number>`(count(*) filter (where ${overdueCondition(params.today)}))::int`,
    })
    .from(milestones)
    .innerJoin(cooperatives, eq(cooperatives.id, milestones.cooperativeId))
    .leftJoin(milestoneTemplates, eq(milestoneTemplates.id, milestones.templateId))
    .where(conditions(params.access, params.filters, params.today, true))
    .groupBy(milestones.status);
  const byStatus = Object.fromEntries(
    MILESTONE_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0]),
  ) as Record<MilestoneStatus, number>;
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  const overdue = rows.reduce((sum, r) => sum + Number(r.overdue), 0);
  return {
    ...milestoneFigures(null, total, byStatus.done, byStatus.waived, overdue),
    byStatus,
  };
}
