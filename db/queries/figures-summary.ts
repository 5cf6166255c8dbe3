import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "../index";
import { rowsOf } from "../index";
import { cooperatives } from "../schema";
import {
  awardedUpTo,
  heldUpTo,
  jobsSums,
  lastCompleteQuarter,
  paidUpTo,
  reachedStage,
  reportedIn,
  SUPPORT,
  upTo,
} from "./figure-columns";
import { cooperativeFilter, type JobsFigures, type MetricFilters } from "./metrics";

/** Every headline figure as of `to` with no lower bound, money in centimes. */
export type FiguresUpTo = {
  jobs: JobsFigures;
  active: number;
  /** Active cooperatives with a snapshot in the last complete quarter before `to`. */
  reporting: number;
  disbursedCentimes: number;
  supportCentimes: number;
  committedCentimes: number;
  minutes: number;
  graduated: number;
  withdrawn: number;
};

/**
 * The headline figures up to `to` in ONE pass over the filtered cooperatives and their
 * `cooperative_figures` rows, instead of one scan per figure: the same expressions
 * (db/queries/figure-columns.ts) as the one-figure functions of db/queries/metrics.ts, which a
 * test checks against this. With `from`, the flow figures of the period are read separately.
 */
export async function figuresUpTo(db: Executor, filters: MetricFilters): Promise<FiguresUpTo> {
  const { to } = filters;
  const quarter = lastCompleteQuarter(to);
  const active = sql`${cooperatives.stage} in ('pre_incubation', 'incubation', 'post_incubation')`;
  const reached = reachedStage(to);
  const result = await db.execute(sql`
    select ${jobsSums(to)},
      count(*) filter (where ${active})::int as active,
      count(*) filter (where ${active} and ${reportedIn(quarter, sql`${cooperatives.id}`)})::int as reporting,
      ${upTo(sql`f.disbursed_mad`, sql`f.last_disbursed_on`, filters, paidUpTo(filters))} * 100 as disbursed,
      ${upTo(sql`f.support_mad`, sql`f.last_disbursed_on`, filters, paidUpTo(filters, SUPPORT))} * 100 as support,
      ${upTo(sql`f.committed_mad`, sql`f.last_committed_on`, filters, awardedUpTo(filters))} * 100 as committed,
      ${upTo(sql`f.session_minutes`, sql`f.last_held_on`, filters, heldUpTo(filters))}::bigint as minutes,
      count(*) filter (where ${reached} = 'graduated')::int as graduated,
      count(*) filter (where ${reached} = 'withdrawn')::int as withdrawn
    from ${cooperatives} left join cooperative_figures f on f.cooperative_id = ${cooperatives.id}
    where ${cooperativeFilter(filters)}
  `);
  const row = rowsOf<Record<string, unknown>>(result)[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    jobs: {
      created: n("created"),
      createdWomen: n("created_women"),
      createdYouth: n("created_youth"),
      createdRural: n("created_rural"),
      maintained: n("maintained"),
    },
    active: n("active"),
    reporting: n("reporting"),
    disbursedCentimes: Math.round(n("disbursed")),
    supportCentimes: Math.round(n("support")),
    committedCentimes: Math.round(n("committed")),
    minutes: n("minutes"),
    graduated: n("graduated"),
    withdrawn: n("withdrawn"),
  };
}
