import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { cooperatives } from "../schema";
import type { MetricFilters } from "./metrics";

/*
 * The figures of DOMAIN.md "Metrics" as SQL aggregates over `cooperatives` joined to its
 * `cooperative_figures` row `f` (per-cooperative totals kept by triggers, migration 0006). Each
 * figure is written once here; db/queries/metrics.ts runs them one figure at a time, and
 * `figuresSummary` (db/queries/figures-summary.ts) all in one pass. A total holds up to its
 * "last …" date: for a cooperative with rows after `to`, the fallback reads its own rows.
 */

/** A cooperative's latest snapshot's `column` as of `to`: its figures row, or its snapshots when later. */
export function latestAsOf(column: "jobs_total" | "jobs_women" | "jobs_youth", to: string): SQL {
  const kept = sql.raw(`f.latest_${column.slice(5)}`);
  return sql`case when f.latest_as_of <= ${to} then ${kept} else (
    select j.${sql.raw(column)} from jobs_snapshots j
    where j.cooperative_id = f.cooperative_id and j.as_of <= ${to}
    order by j.as_of desc, j.id desc limit 1) end`;
}

/**
 * The jobs figures as aggregates over `cooperatives` joined to its `cooperative_figures` row `f`:
 * latest snapshot (as_of ≤ to) minus baseline, over cooperatives with a baseline dated ≤ `to`.
 */
export function jobsSums(to: string): SQL {
  const counted = sql`f.base_as_of <= ${to}`;
  const total = sql`(${latestAsOf("jobs_total", to)} - f.base_total)`;
  return sql`
      coalesce(sum(${total}) filter (where ${counted}), 0)::int as created,
      coalesce(sum(${latestAsOf("jobs_women", to)} - f.base_women) filter (where ${counted}), 0)::int as created_women,
      coalesce(sum(${latestAsOf("jobs_youth", to)} - f.base_youth) filter (where ${counted}), 0)::int as created_youth,
      coalesce(sum(${total}) filter (where ${counted} and ${cooperatives.area} = 'rural'), 0)::int as created_rural,
      coalesce(sum(f.base_total) filter (where ${counted} and ${cooperatives.stage} <> 'withdrawn'), 0)::int as maintained`;
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

/**
 * A snapshot dated within the quarter, for the cooperative `id` whose figures are `f`: its
 * latest snapshot answers unless it is dated after the quarter (then the snapshots are read).
 */
export function reportedIn(quarter: { start: string; end: string }, id: SQL): SQL {
  return sql`case
    when f.latest_as_of is null or f.latest_as_of < ${quarter.start} then false
    when f.latest_as_of <= ${quarter.end} then true
    else exists (select 1 from jobs_snapshots s where s.cooperative_id = ${id}
      and s.as_of between ${quarter.start} and ${quarter.end}) end`;
}

/** Support disbursed (DOMAIN.md): grants, prizes and in-kind support, own contribution excluded. */
export const SUPPORT = sql`a.kind in ('grant', 'prize', 'in_kind') and a.source <> 'own_contribution'`;
export const COMMITTED = sql`a.status in ('approved', 'disbursing', 'completed')`;

/**
 * Up to `to` with no lower bound (the default period, and cost per job's numerator), a total of
 * `cooperative_figures` where it holds up to `to` (its last dated row is not after `to`), else
 * the cooperative's own rows summed (`fallback`, a correlated subquery on `cooperatives`).
 */
export function upTo(total: SQL, lastOn: SQL, filters: MetricFilters, fallback: SQL): SQL {
  return sql`coalesce(sum(case when ${lastOn} is null or ${lastOn} <= ${filters.to}
    then ${total} else ${fallback} end), 0)`;
}

export function paidUpTo(filters: MetricFilters, condition: SQL = sql`true`): SQL {
  return sql`(select coalesce(sum(d.amount_mad), 0) from disbursements d
    join funding_awards a on a.id = d.award_id
    where a.cooperative_id = ${cooperatives.id} and d.status = 'disbursed'
      and d.disbursed_on <= ${filters.to} and ${condition})`;
}

/** A cooperative's committed awards awarded up to `to` (the fallback of committed). */
export function awardedUpTo(filters: MetricFilters): SQL {
  return sql`(select coalesce(sum(a.amount_mad), 0) from funding_awards a
    where a.cooperative_id = ${cooperatives.id} and ${COMMITTED} and a.awarded_on <= ${filters.to})`;
}

/** A cooperative's session minutes up to `to` (the fallback of mentoring hours). */
export function heldUpTo(filters: MetricFilters): SQL {
  return sql`(select coalesce(sum(s.duration_minutes), 0) from mentoring_sessions s
    where s.cooperative_id = ${cooperatives.id} and s.held_on <= ${filters.to})`;
}

/** The stage (graduated or withdrawn) a cooperative last reached up to `to`, or null. */
export function reachedStage(to: string): SQL {
  return sql`case when f.exit_on is null then null when f.exit_on <= ${to} then f.exit_stage else (
      select sc.to_stage from stage_changes sc
      where sc.cooperative_id = f.cooperative_id and sc.to_stage in ('graduated', 'withdrawn')
        and sc.changed_on <= ${to}
      order by sc.changed_on desc, sc.id desc limit 1
    ) end`;
}
