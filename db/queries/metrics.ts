import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../index";
import { rowsOf } from "../index";
import { STAGES, cohorts, cooperatives, programs, type Stage } from "../schema";
import {
  COMMITTED,
  SUPPORT,
  awardedUpTo,
  heldUpTo,
  jobsSums,
  lastCompleteQuarter,
  paidUpTo,
  reachedStage,
  reportedIn,
  upTo,
} from "./figure-columns";

export { lastCompleteQuarter } from "./figure-columns";

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

/** The filtered cooperatives (`scoped`), with an optional grouping key for breakdowns. */
function scopedCte(filters: MetricFilters, key: SQL = sql`null::text`): SQL {
  return sql`scoped as (
      select ${cooperatives.id} as id, ${cooperatives.area} as area, ${cooperatives.stage} as stage,
        ${key} as key
      from ${cooperatives} where ${cooperativeFilter(filters)}
    )`;
}

/**
 * `base`: each scoped cooperative's baseline; `latest`: its latest snapshot; both dated ≤ `to`.
 * Read from `cooperative_figures` (kept by triggers, migration 0006): a cooperative whose latest
 * snapshot is after `to` looks its snapshot up instead, so a past `to` stays exact.
 */
function snapshotCtes(filters: MetricFilters): SQL {
  return sql`fig as (
      select f.* from cooperative_figures f join scoped c on c.id = f.cooperative_id
      where f.base_as_of <= ${filters.to}
    ),
    base as (
      select cooperative_id, base_as_of as as_of, base_total as jobs_total,
        base_women as jobs_women, base_youth as jobs_youth
      from fig
    ),
    latest as (
      select cooperative_id, latest_total as jobs_total, latest_women as jobs_women,
        latest_youth as jobs_youth
      from fig where latest_as_of <= ${filters.to}
      union all
      select f.cooperative_id, s.jobs_total, s.jobs_women, s.jobs_youth
      from fig f cross join lateral (
        select j.jobs_total, j.jobs_women, j.jobs_youth from jobs_snapshots j
        where j.cooperative_id = f.cooperative_id and j.as_of <= ${filters.to}
        order by j.as_of desc, j.id desc limit 1
      ) s
      where f.latest_as_of > ${filters.to}
    )`;
}

function toJobsFigures(row: Record<string, unknown>): JobsFigures {
  return {
    created: Number(row.created ?? 0),
    createdWomen: Number(row.created_women ?? 0),
    createdYouth: Number(row.created_youth ?? 0),
    createdRural: Number(row.created_rural ?? 0),
    maintained: Number(row.maintained ?? 0),
  };
}

/** Stock figures as of `to`, in one pass over the filtered cooperatives' figures rows. */
export async function jobsAsOf(db: Executor, filters: MetricFilters): Promise<JobsFigures> {
  const result = await db.execute(sql`
    select ${jobsSums(filters.to)}
    from ${cooperatives} join cooperative_figures f on f.cooperative_id = ${cooperatives.id}
    where ${cooperativeFilter(filters)} and f.base_as_of <= ${filters.to}
  `);
  return toJobsFigures(rowsOf<Record<string, unknown>>(result)[0] ?? {});
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
      count(*) filter (where ${reportedIn(quarter, sql`${cooperatives.id}`)})::int as reporting
    from ${cooperatives} left join cooperative_figures f on f.cooperative_id = ${cooperatives.id}
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
  const result = filters.from
    ? await db.execute(sql`
    select
      coalesce(sum(d.amount_mad), 0) * 100 as disbursed,
      coalesce(sum(d.amount_mad) filter (where ${SUPPORT}), 0) * 100 as support
    from disbursements d
    join funding_awards a on a.id = d.award_id
    join ${cooperatives} on ${cooperatives.id} = a.cooperative_id
    where d.status = 'disbursed'
      and d.disbursed_on <= ${filters.to} and d.disbursed_on >= ${filters.from}
      and ${cooperativeFilter(filters)}
  `)
    : await db.execute(sql`
    select
      ${upTo(sql`f.disbursed_mad`, sql`f.last_disbursed_on`, filters, paidUpTo(filters))} * 100 as disbursed,
      ${upTo(sql`f.support_mad`, sql`f.last_disbursed_on`, filters, paidUpTo(filters, SUPPORT))} * 100 as support
    from ${cooperatives} join cooperative_figures f on f.cooperative_id = ${cooperatives.id}
    where ${cooperativeFilter(filters)}
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

/** `column` within [from, to] (no lower bound without `from`). */
function within(column: SQL, filters: MetricFilters): SQL {
  return filters.from
    ? sql`${column} between ${filters.from} and ${filters.to}`
    : sql`${column} <= ${filters.to}`;
}

const centimes = (value: unknown) => Math.round(Number(value ?? 0));

/** Funding committed: amounts of approved, disbursing or completed awards awarded in [from, to], in centimes. */
export async function committedWithin(db: Executor, filters: MetricFilters): Promise<number> {
  const result = filters.from
    ? await db.execute(sql`
    select coalesce(sum(a.amount_mad), 0) * 100 as committed
    from funding_awards a
    join ${cooperatives} on ${cooperatives.id} = a.cooperative_id
    where ${COMMITTED} and ${within(sql`a.awarded_on`, filters)} and ${cooperativeFilter(filters)}
  `)
    : await db.execute(sql`
    select ${upTo(sql`f.committed_mad`, sql`f.last_committed_on`, filters, awardedUpTo(filters))} * 100 as committed
    from ${cooperatives} join cooperative_figures f on f.cooperative_id = ${cooperatives.id}
    where ${cooperativeFilter(filters)}
  `);
  return centimes(rowsOf<{ committed: unknown }>(result)[0]?.committed);
}

/** Mentoring hours: Σ durations of sessions held in [from, to]. */
export async function mentoringHoursWithin(db: Executor, filters: MetricFilters): Promise<number> {
  const result = filters.from
    ? await db.execute(sql`
    select coalesce(sum(s.duration_minutes), 0)::bigint as minutes
    from mentoring_sessions s
    join ${cooperatives} on ${cooperatives.id} = s.cooperative_id
    where ${within(sql`s.held_on`, filters)} and ${cooperativeFilter(filters)}
  `)
    : await db.execute(sql`
    select ${upTo(sql`f.session_minutes`, sql`f.last_held_on`, filters, heldUpTo(filters))}::bigint as minutes
    from ${cooperatives} join cooperative_figures f on f.cooperative_id = ${cooperatives.id}
    where ${cooperativeFilter(filters)}
  `);
  const minutes = Number(rowsOf<{ minutes: unknown }>(result)[0]?.minutes ?? 0);
  return Math.round((minutes / 60) * 100) / 100;
}

export type GraduationFigures = {
  /** null: cooperatives without a cohort, or every cohort together. */
  cohortId: number | null;
  graduated: number;
  withdrawn: number;
  /** graduated ÷ (graduated + withdrawn); null when no cooperative reached either stage. */
  rate: number | null;
};

export function graduationFigures(
  cohortId: number | null,
  graduated: number,
  withdrawn: number,
): GraduationFigures {
  const reached = graduated + withdrawn;
  return { cohortId, graduated, withdrawn, rate: reached > 0 ? graduated / reached : null };
}

/**
 * Graduation per cohort: cooperatives whose stage became graduated or withdrawn in [from, to],
 * each counted once, by the last of those changes in the period.
 */
export async function graduationByCohort(
  db: Executor,
  filters: MetricFilters,
): Promise<GraduationFigures[]> {
  const result = await db.execute(sql`
    with reached as (${
      filters.from
        ? sql`
      select distinct on (sc.cooperative_id) sc.to_stage, ${cooperatives.cohortId} as cohort_id
      from stage_changes sc
      join ${cooperatives} on ${cooperatives.id} = sc.cooperative_id
      where sc.to_stage in ('graduated', 'withdrawn')
        and ${within(sql`sc.changed_on`, filters)} and ${cooperativeFilter(filters)}
      order by sc.cooperative_id, sc.changed_on desc, sc.id desc`
        : sql`
      select ${reachedStage(filters.to)} as to_stage, ${cooperatives.cohortId} as cohort_id
      from ${cooperatives} join cooperative_figures f on f.cooperative_id = ${cooperatives.id}
      where f.exit_on is not null and ${cooperativeFilter(filters)}`
    }
    )
    select cohort_id,
      count(*) filter (where to_stage = 'graduated')::int as graduated,
      count(*) filter (where to_stage = 'withdrawn')::int as withdrawn
    from reached group by cohort_id order by cohort_id nulls last
  `);
  return rowsOf<Record<string, unknown>>(result).map((row) =>
    graduationFigures(
      row.cohort_id === null ? null : Number(row.cohort_id),
      Number(row.graduated),
      Number(row.withdrawn),
    ),
  );
}

/** The graduation rate over every filtered cooperative. */
export async function graduationWithin(
  db: Executor,
  filters: MetricFilters,
): Promise<GraduationFigures> {
  const rows = await graduationByCohort(db, filters);
  const sum = (key: "graduated" | "withdrawn") => rows.reduce((acc, row) => acc + row[key], 0);
  return graduationFigures(null, sum("graduated"), sum("withdrawn"));
}

export type JobsDimension = "province" | "sector" | "program" | "cohort";

const DIMENSIONS: Record<JobsDimension, SQL> = {
  province: sql`${cooperatives.province}`,
  sector: sql`${cooperatives.sector}::text`,
  cohort: sql`${cooperatives.cohortId}::text`,
  program: sql`(select p.key from ${cohorts} ch join ${programs} p on p.id = ch.program_id
    where ch.id = ${cooperatives.cohortId})`,
};

export type JobsBreakdown = JobsFigures & {
  /** The province or sector key, the cohort's id as text, the cohort's programme key; null: none. */
  key: string | null;
  active: number;
  /** Share of the group's active cooperatives reporting in the last complete quarter. */
  coverage: number | null;
};

/** Jobs created and reporting coverage as of `to`, per group of the filtered cooperatives that has any. */
export async function jobsBy(
  db: Executor,
  filters: MetricFilters,
  dimension: JobsDimension,
): Promise<JobsBreakdown[]> {
  const quarter = lastCompleteQuarter(filters.to);
  const active = sql`${cooperatives.stage} in ('pre_incubation', 'incubation', 'post_incubation')`;
  const result = await db.execute(sql`
    select ${DIMENSIONS[dimension]} as key,
      count(*) filter (where ${active})::int as active,
      count(*) filter (where ${active} and ${reportedIn(quarter, sql`${cooperatives.id}`)})::int as reporting,
      ${jobsSums(filters.to)}
    from ${cooperatives} left join cooperative_figures f on f.cooperative_id = ${cooperatives.id}
    where ${cooperativeFilter(filters)}
    group by 1
    order by 1 nulls last
  `);
  return rowsOf<Record<string, unknown>>(result).map((row) => {
    const active = Number(row.active);
    return {
      key: row.key === null ? null : String(row.key),
      ...toJobsFigures(row),
      active,
      coverage: active > 0 ? Number(row.reporting) / active : null,
    };
  });
}

export type QuarterFigures = {
  /** `2026-Q3` */
  quarter: string;
  /** The quarter's last day, or `to` for the quarter it falls in. */
  asOf: string;
  created: number;
  createdWomen: number;
  createdYouth: number;
  disbursedCentimes: number;
  supportCentimes: number;
};

/**
 * Quarterly series: jobs created as of each quarter's end (cumulative, as `jobsAsOf`), and
 * funding and support disbursed within each quarter (and the period). From the quarter of
 * `from` (without it, of the earliest snapshot or disbursement) to the quarter of `to`.
 * Each cooperative's change of delta is counted in the quarter of its snapshot, so the sums run
 * over snapshots once instead of once per quarter.
 */
export async function quarterlySeries(
  db: Executor,
  filters: MetricFilters,
): Promise<QuarterFigures[]> {
  const quarterOf = (column: SQL) => sql`date_trunc('quarter', (${column})::timestamp)::date`;
  const result = await db.execute(sql`
    with ${scopedCte(filters)}, ${snapshotCtes(filters)},
    deltas as (
      select s.cooperative_id, s.as_of,
        s.jobs_total - b.jobs_total as d_total, s.jobs_women - b.jobs_women as d_women,
        s.jobs_youth - b.jobs_youth as d_youth
      from jobs_snapshots s join base b on b.cooperative_id = s.cooperative_id
      where s.as_of >= b.as_of and s.as_of <= ${filters.to}
    ),
    steps as (
      select ${quarterOf(sql`as_of`)} as q,
        d_total - coalesce(lag(d_total) over w, 0) as s_total,
        d_women - coalesce(lag(d_women) over w, 0) as s_women,
        d_youth - coalesce(lag(d_youth) over w, 0) as s_youth
      from deltas window w as (partition by cooperative_id order by as_of)
    ),
    job_steps as (
      select q, sum(s_total) as t, sum(s_women) as w, sum(s_youth) as y from steps group by q
    ),
    paid as (
      select ${quarterOf(sql`d.disbursed_on`)} as q, sum(d.amount_mad) as disbursed,
        coalesce(sum(d.amount_mad) filter (where ${SUPPORT}), 0) as support
      from disbursements d
      join funding_awards a on a.id = d.award_id
      join scoped c on c.id = a.cooperative_id
      where d.status = 'disbursed' and ${within(sql`d.disbursed_on`, filters)}
      group by 1
    ),
    quarters as (
      select q::date as q from generate_series(
        date_trunc('quarter', coalesce(
          ${filters.from ?? null}::date,
          least((select min(as_of) from deltas), (select min(q) from paid)),
          ${filters.to}::date
        )::timestamp),
        ${filters.to}::date::timestamp,
        interval '3 months'
      ) as q
    )
    select to_char(qs.q, 'YYYY-"Q"Q') as quarter,
      least((qs.q + interval '3 months' - interval '1 day')::date, ${filters.to}::date)::text as as_of,
      coalesce((select sum(t) from job_steps j where j.q <= qs.q), 0)::int as created,
      coalesce((select sum(w) from job_steps j where j.q <= qs.q), 0)::int as created_women,
      coalesce((select sum(y) from job_steps j where j.q <= qs.q), 0)::int as created_youth,
      coalesce(p.disbursed, 0) * 100 as disbursed,
      coalesce(p.support, 0) * 100 as support
    from quarters qs left join paid p on p.q = qs.q
    order by qs.q
  `);
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    quarter: String(row.quarter),
    asOf: String(row.as_of),
    created: Number(row.created),
    createdWomen: Number(row.created_women),
    createdYouth: Number(row.created_youth),
    disbursedCentimes: centimes(row.disbursed),
    supportCentimes: centimes(row.support),
  }));
}

export type SourceFigures = {
  source: string;
  committedCentimes: number;
  disbursedCentimes: number;
};

/** Funding committed and disbursed in [from, to], by the award's funding source. */
export async function fundingBySource(
  db: Executor,
  filters: MetricFilters,
): Promise<SourceFigures[]> {
  const result = await db.execute(sql`
    with awards as (
      select a.id, a.source, a.status, a.amount_mad, a.awarded_on
      from funding_awards a
      join ${cooperatives} on ${cooperatives.id} = a.cooperative_id
      where ${cooperativeFilter(filters)}
    ),
    committed as (
      select a.source, sum(a.amount_mad) as amount from awards a
      where ${COMMITTED} and ${within(sql`a.awarded_on`, filters)} group by a.source
    ),
    paid as (
      select a.source, sum(d.amount_mad) as amount
      from disbursements d join awards a on a.id = d.award_id
      where d.status = 'disbursed' and ${within(sql`d.disbursed_on`, filters)}
      group by a.source
    )
    select coalesce(c.source, p.source)::text as source,
      coalesce(c.amount, 0) * 100 as committed, coalesce(p.amount, 0) * 100 as disbursed
    from committed c full join paid p on p.source = c.source
    order by coalesce(c.amount, 0) desc, coalesce(p.amount, 0) desc, 1
  `);
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    source: String(row.source),
    committedCentimes: centimes(row.committed),
    disbursedCentimes: centimes(row.disbursed),
  }));
}

export type ProgramFigures = {
  /** null: awards without a programme and cooperatives without a cohort. */
  programKey: string | null;
  programNames: { ar: string; fr: string; en: string } | null;
  /** Support disbursed by the programme's awards in [from, to]. */
  supportCentimes: number;
  /** The same up to `to`, no lower bound (the numerator of cost per job). */
  supportUpToCentimes: number;
  /** Jobs created as of `to` by the cooperatives of the programme's cohorts. */
  created: number;
  /** Jobs created as of `to` by the cooperatives its support reached (the denominator). */
  recipientsCreated: number;
};

/**
 * DOMAIN.md "By programme": funding by the award's programme, jobs by the programme of the
 * cooperative's cohort, and for cost per job the jobs of the cooperatives that received the
 * programme's support (one cooperative may count under several programmes).
 */
export async function programFigures(
  db: Executor,
  filters: MetricFilters,
): Promise<ProgramFigures[]> {
  const inPeriod = filters.from ? sql`d.disbursed_on >= ${filters.from}` : sql`true`;
  const result = await db.execute(sql`
    with ${scopedCte(filters)}, ${snapshotCtes(filters)},
    created as (
      select b.cooperative_id, l.jobs_total - b.jobs_total as jobs
      from base b join latest l on l.cooperative_id = b.cooperative_id
    ),
    support as (
      select coalesce(a.program_id, 0) as pid, a.cooperative_id, d.amount_mad, ${inPeriod} as in_period
      from disbursements d
      join funding_awards a on a.id = d.award_id
      join scoped c on c.id = a.cooperative_id
      where d.status = 'disbursed' and d.disbursed_on <= ${filters.to} and ${SUPPORT}
    ),
    by_award as (
      select pid, coalesce(sum(amount_mad) filter (where in_period), 0) as within,
        sum(amount_mad) as up_to
      from support group by pid
    ),
    by_recipient as (
      select r.pid, sum(cr.jobs) as jobs
      from (select distinct pid, cooperative_id from support) r
      join created cr on cr.cooperative_id = r.cooperative_id
      group by r.pid
    ),
    by_cohort as (
      select coalesce(ch.program_id, 0) as pid, sum(cr.jobs) as jobs
      from created cr
      join ${cooperatives} co on co.id = cr.cooperative_id
      left join ${cohorts} ch on ch.id = co.cohort_id
      group by 1
    ),
    ids as (select pid from by_award union select pid from by_cohort)
    select p.key, p.name_ar, p.name_fr, p.name_en,
      coalesce(a.within, 0) * 100 as support, coalesce(a.up_to, 0) * 100 as support_up_to,
      coalesce(k.jobs, 0)::int as created, coalesce(r.jobs, 0)::int as recipients_created
    from ids
    left join by_award a on a.pid = ids.pid
    left join by_recipient r on r.pid = ids.pid
    left join by_cohort k on k.pid = ids.pid
    left join ${programs} p on p.id = ids.pid
    order by p.key is null, coalesce(a.within, 0) desc, p.key
  `);
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    programKey: row.key === null ? null : String(row.key),
    programNames:
      row.key === null
        ? null
        : { ar: String(row.name_ar), fr: String(row.name_fr), en: String(row.name_en) },
    supportCentimes: centimes(row.support),
    supportUpToCentimes: centimes(row.support_up_to),
    created: Number(row.created),
    recipientsCreated: Number(row.recipients_created),
  }));
}

/** The incubation funnel: filtered cooperatives per current stage, every stage in pipeline order. */
export async function stageFunnel(
  db: Executor,
  filters: MetricFilters,
): Promise<{ stage: Stage; count: number }[]> {
  const result = await db.execute(sql`
    select ${cooperatives.stage}::text as stage, count(*)::int as count
    from ${cooperatives} where ${cooperativeFilter(filters)}
    group by ${cooperatives.stage}
  `);
  const rows = rowsOf<{ stage: string; count: unknown }>(result);
  return STAGES.map((stage) => ({
    stage,
    count: Number(rows.find((row) => row.stage === stage)?.count ?? 0),
  }));
}
