import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../index";
import { rowsOf } from "../index";
import { cohorts, cooperatives, programs } from "../schema";

export type MetricFilters = {
  to: string;
  from?: string;
  province?: string;
  sector?: string;
  legalForm?: string;
  area?: string;
  cohortId?: number;
  program?: string;
  womenCoop?: boolean;
  /** Limits every figure to these cooperatives (a mentor's scope), as a condition on `cooperatives`. */
  scope?: SQL;
};

/** Conditions on the `cooperatives` table shared by every metric: archived records count nowhere. */
export function cooperativeFilter(filters: MetricFilters): SQL {
  const conditions: SQL[] = [sql`${cooperatives.archivedAt} is null`];
  if (filters.province) conditions.push(eq(cooperatives.province, filters.province));
  if (filters.sector) conditions.push(sql`${cooperatives.sector}::text = ${filters.sector}`);
  if (filters.legalForm)
    conditions.push(sql`${cooperatives.legalForm}::text = ${filters.legalForm}`);
  if (filters.area) conditions.push(sql`${cooperatives.area}::text = ${filters.area}`);
  if (filters.cohortId !== undefined) conditions.push(eq(cooperatives.cohortId, filters.cohortId));
  if (filters.womenCoop !== undefined)
    conditions.push(eq(cooperatives.womenCoop, filters.womenCoop));
  if (filters.program) {
    conditions.push(
      sql`exists (select 1 from ${cohorts} join ${programs} on ${programs.id} = ${cohorts.programId} where ${cohorts.id} = ${cooperatives.cohortId} and ${programs.key} = ${filters.program})`,
    );
  }
  if (filters.scope) conditions.push(filters.scope);
  return and(...conditions)!;
}

export type JobsFigures = {
  created: number;
  createdWomen: number;
  createdYouth: number;
  createdRural: number;
  maintained: number;
};

/** Stock figures as of `to`: latest snapshot (as_of ≤ to) minus baseline, per cooperative with a baseline. */
export async function jobsAsOf(db: Executor, filters: MetricFilters): Promise<JobsFigures> {
  const result = await db.execute(sql`
    with scoped as (
      select ${cooperatives.id} as id, ${cooperatives.area} as area, ${cooperatives.stage} as stage
      from ${cooperatives} where ${cooperativeFilter(filters)}
    ),
    base as (
      select s.cooperative_id, s.jobs_total, s.jobs_women, s.jobs_youth
      from jobs_snapshots s join scoped c on c.id = s.cooperative_id
      where s.kind = 'baseline' and s.as_of <= ${filters.to}
    ),
    latest as (
      select distinct on (s.cooperative_id) s.cooperative_id, s.jobs_total, s.jobs_women, s.jobs_youth
      from jobs_snapshots s join base b on b.cooperative_id = s.cooperative_id
      where s.as_of <= ${filters.to}
      order by s.cooperative_id, s.as_of desc, s.id desc
    )
    select
      coalesce(sum(l.jobs_total - b.jobs_total), 0)::int as created,
      coalesce(sum(l.jobs_women - b.jobs_women), 0)::int as created_women,
      coalesce(sum(l.jobs_youth - b.jobs_youth), 0)::int as created_youth,
      coalesce(sum(l.jobs_total - b.jobs_total) filter (where c.area = 'rural'), 0)::int as created_rural,
      coalesce(sum(b.jobs_total) filter (where c.stage <> 'withdrawn'), 0)::int as maintained
    from base b
    join latest l on l.cooperative_id = b.cooperative_id
    join scoped c on c.id = b.cooperative_id
  `);
  const row = rowsOf<Record<string, number | string>>(result)[0] ?? {};
  return {
    created: Number(row.created ?? 0),
    createdWomen: Number(row.created_women ?? 0),
    createdYouth: Number(row.created_youth ?? 0),
    createdRural: Number(row.created_rural ?? 0),
    maintained: Number(row.maintained ?? 0),
  };
}

/** Last day of the latest quarter that ended on or before `to`, and that quarter's first day. */
export function lastCompleteQuarter(to: string): { start: string; end: string } {
  const [y, m, d] = to.split("-").map(Number) as [number, number, number];
  const quarterEndMonth = Math.ceil(m / 3) * 3;
  const endOfThisQuarter = new Date(Date.UTC(y, quarterEndMonth, 0));
  const isQuarterEnd =
    endOfThisQuarter.getUTCMonth() + 1 === m && endOfThisQuarter.getUTCDate() === d;
  const end = isQuarterEnd ? endOfThisQuarter : new Date(Date.UTC(y, quarterEndMonth - 3, 0));
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 2, 1));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** Active cooperatives, and the share of them with a snapshot in the last complete quarter before `to`. */
export async function activeAndCoverage(
  db: Executor,
  filters: MetricFilters,
): Promise<{ active: number; coverage: number | null }> {
  const quarter = lastCompleteQuarter(filters.to);
  const result = await db.execute(sql`
    select
      count(*)::int as active,
      count(*) filter (where exists (
        select 1 from jobs_snapshots s
        where s.cooperative_id = ${cooperatives.id}
          and s.as_of between ${quarter.start} and ${quarter.end}
      ))::int as reporting
    from ${cooperatives}
    where ${cooperativeFilter(filters)}
      and ${cooperatives.stage} in ('pre_incubation', 'incubation', 'post_incubation')
  `);
  const row = rowsOf<{ active: number | string; reporting: number | string }>(result)[0];
  const active = Number(row?.active ?? 0);
  return { active, coverage: active > 0 ? Number(row?.reporting ?? 0) / active : null };
}

export type DisbursedFigures = { disbursedCentimes: number; supportCentimes: number };

/** Flow figures: disbursements dated within [from, to]; support = grants, prizes, in kind, own contribution excluded. */
export async function disbursedWithin(
  db: Executor,
  filters: MetricFilters,
): Promise<DisbursedFigures> {
  const result = await db.execute(sql`
    select
      coalesce(sum(d.amount_mad), 0) * 100 as disbursed,
      coalesce(sum(d.amount_mad) filter (
        where a.kind in ('grant', 'prize', 'in_kind') and a.source <> 'own_contribution'
      ), 0) * 100 as support
    from disbursements d
    join funding_awards a on a.id = d.award_id
    join ${cooperatives} on ${cooperatives.id} = a.cooperative_id
    where d.status = 'disbursed'
      and d.disbursed_on <= ${filters.to}
      ${filters.from ? sql`and d.disbursed_on >= ${filters.from}` : sql``}
      and ${cooperativeFilter(filters)}
  `);
  const row = rowsOf<{ disbursed: string | number; support: string | number }>(result)[0];
  return {
    disbursedCentimes: Math.round(Number(row?.disbursed ?? 0)),
    supportCentimes: Math.round(Number(row?.support ?? 0)),
  };
}

export type MilestoneFigures = {
  /** null: cooperatives without a cohort. */
  cohortId: number | null;
  total: number;
  done: number;
  waived: number;
  overdue: number;
  /** done ÷ (all − waived); null when every milestone is waived or there are none. */
  completion: number | null;
};

/**
 * Milestone completion and overdue (DOMAIN.md "Metrics"), per cohort of the filtered cooperatives.
 * Overdue = not done, not waived, due date before `today`. The one definition every card,
 * grid, chart and export uses; sum the rows (or use `milestoneTotals`) for an overall figure.
 */
export async function milestonesByCohort(
  db: Executor,
  filters: MetricFilters,
  today: string,
): Promise<MilestoneFigures[]> {
  const result = await db.execute(sql`
    select
      ${cooperatives.cohortId} as cohort_id,
      count(*)::int as total,
      count(*) filter (where m.status = 'done')::int as done,
      count(*) filter (where m.status = 'waived')::int as waived,
      count(*) filter (
        where m.status not in ('done', 'waived') and m.due_on < ${today}
      )::int as overdue
    from milestones m
    join ${cooperatives} on ${cooperatives.id} = m.cooperative_id
    where ${cooperativeFilter(filters)}
    group by ${cooperatives.cohortId}
    order by ${cooperatives.cohortId} nulls last
  `);
  return rowsOf<Record<string, number | string | null>>(result).map((row) =>
    milestoneFigures(
      row.cohort_id === null ? null : Number(row.cohort_id),
      Number(row.total),
      Number(row.done),
      Number(row.waived),
      Number(row.overdue),
    ),
  );
}

export function milestoneFigures(
  cohortId: number | null,
  total: number,
  done: number,
  waived: number,
  overdue: number,
): MilestoneFigures {
  const countable = total - waived;
  return {
    cohortId,
    total,
    done,
    waived,
    overdue,
    completion: countable > 0 ? done / countable : null,
  };
}

/** The same figures over every filtered cooperative. */
export async function milestoneTotals(
  db: Executor,
  filters: MetricFilters,
  today: string,
): Promise<MilestoneFigures> {
  const rows = await milestonesByCohort(db, filters, today);
  const sum = (key: "total" | "done" | "waived" | "overdue") =>
    rows.reduce((acc, row) => acc + row[key], 0);
  return milestoneFigures(null, sum("total"), sum("done"), sum("waived"), sum("overdue"));
}
