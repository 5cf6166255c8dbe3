import "server-only";
import type { SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { cachedFigures } from "@/db/queries/figure-cache";
import { figuresUpTo } from "@/db/queries/figures-summary";
import {
  committedWithin,
  disbursedWithin,
  graduationFigures,
  graduationWithin,
  mentoringHoursWithin,
  type JobsFigures,
  type MetricFilters,
} from "@/db/queries/metrics";
import { parseListFilters, type ListFilters } from "./filters";

export type { MetricFilters } from "@/db/queries/metrics";

export type HeadlineFigures = {
  asOf: string;
  jobs: JobsFigures;
  activeCooperatives: number;
  reportingCoverage: number | null;
  fundingDisbursedMad: number;
  supportDisbursedMad: number;
  costPerJobMad: number | null;
};

/** cost per job created = support disbursed up to `to` (no lower bound) ÷ jobs created as of `to`. */
export function costPerJob(supportUpToCentimes: number, jobsCreated: number): number | null {
  if (jobsCreated <= 0) return null;
  return Math.round(supportUpToCentimes / jobsCreated) / 100;
}

/** Minutes → hours with two decimals, as mentoringHoursWithin gives them. */
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export type ImpactSummary = HeadlineFigures & {
  fundingCommittedMad: number;
  mentoringHours: number;
  graduated: number;
  withdrawn: number;
  graduationRate: number | null;
};

/**
 * Every headline figure of the impact dashboard (DOMAIN.md "Metrics"), for one set of filters:
 * the stock figures and everything "up to `to`" in one pass (db/queries/figures-summary.ts); with
 * `from`, the flows of the period (disbursed, committed, hours, graduation) read beside it.
 */
export async function impactSummary(db: Executor, filters: MetricFilters): Promise<ImpactSummary> {
  return filters.scope
    ? computeSummary(db, filters)
    : cachedFigures(db, "summary", filters, (tx) => computeSummary(tx, filters));
}

async function computeSummary(db: Executor, filters: MetricFilters): Promise<ImpactSummary> {
  const [upTo, period] = await Promise.all([
    figuresUpTo(db, { ...filters, from: undefined }),
    filters.from
      ? Promise.all([
          disbursedWithin(db, filters),
          committedWithin(db, filters),
          mentoringHoursWithin(db, filters),
          graduationWithin(db, filters),
        ])
      : null,
  ]);
  const [disbursed, committed, hours, graduation] = period ?? [
    { disbursedCentimes: upTo.disbursedCentimes, supportCentimes: upTo.supportCentimes },
    upTo.committedCentimes,
    hoursOf(upTo.minutes),
    graduationFigures(null, upTo.graduated, upTo.withdrawn),
  ];
  return {
    asOf: filters.to,
    jobs: upTo.jobs,
    activeCooperatives: upTo.active,
    reportingCoverage: upTo.active > 0 ? upTo.reporting / upTo.active : null,
    fundingDisbursedMad: disbursed.disbursedCentimes / 100,
    supportDisbursedMad: disbursed.supportCentimes / 100,
    costPerJobMad: costPerJob(upTo.supportCentimes, upTo.jobs.created),
    fundingCommittedMad: committed / 100,
    mentoringHours: hours,
    graduated: graduation.graduated,
    withdrawn: graduation.withdrawn,
    graduationRate: graduation.rate,
  };
}

/**
 * The JSON of GET /api/impact/summary: snake_case keys, numbers as numbers, money in MAD.
 * Reporting coverage is 0 when no cooperative is active (nobody to report yet).
 */
export function summaryJson(summary: ImpactSummary) {
  return {
    as_of: summary.asOf,
    active_cooperatives: summary.activeCooperatives,
    jobs_created: summary.jobs.created,
    jobs_created_women: summary.jobs.createdWomen,
    jobs_created_youth: summary.jobs.createdYouth,
    jobs_created_rural: summary.jobs.createdRural,
    jobs_maintained: summary.jobs.maintained,
    reporting_coverage: summary.reportingCoverage ?? 0,
    funding_committed_mad: summary.fundingCommittedMad,
    funding_disbursed_mad: summary.fundingDisbursedMad,
    support_disbursed_mad: summary.supportDisbursedMad,
    cost_per_job_mad: summary.costPerJobMad,
    mentoring_hours: summary.mentoringHours,
    graduation_rate: summary.graduationRate,
  };
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

/** A real calendar date written YYYY-MM-DD, 1900–2199 (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!/^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The filters of the impact figures (DOMAIN.md "Filters"): the list's, without search, stage, sort or page. */
export type ImpactQuery = Pick<
  ListFilters,
  | "province"
  | "sector"
  | "legalForm"
  | "area"
  | "cohortId"
  | "program"
  | "womenCoop"
  | "from"
  | "to"
>;

/**
 * Parses the impact filters. `invalid` names a period bound that is present but not a date, or
 * a `from` after `to`: the JSON routes answer 400, the pages ignore it.
 */
export function parseImpactQuery(params: Params): { query: ImpactQuery; invalid: string[] } {
  const list = parseListFilters(params);
  const raw = (key: "from" | "to") => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    const single = Array.isArray(value) ? value[0] : value;
    return single?.trim() || undefined;
  };
  const invalid: string[] = [];
  const bound = (key: "from" | "to") => {
    const value = raw(key);
    if (value === undefined) return undefined;
    if (isCalendarDate(value)) return value;
    invalid.push(key);
    return undefined;
  };
  const from = bound("from");
  const to = bound("to");
  const inverted = from !== undefined && to !== undefined && from > to;
  if (inverted) invalid.push("period");
  return {
    invalid,
    query: {
      province: list.province,
      sector: list.sector,
      legalForm: list.legalForm,
      area: list.area,
      cohortId: list.cohortId,
      program: list.program,
      womenCoop: list.womenCoop,
      from: inverted ? undefined : from,
      to: inverted ? undefined : to,
    },
  };
}

/** The metric filters of a query: `to` defaults to today; `scope` limits a mentor to assigned cooperatives. */
export function impactFilters(
  query: ImpactQuery,
  context: { today: string; scope?: SQL },
): MetricFilters {
  return { ...query, to: query.to ?? context.today, scope: context.scope };
}

/** The URL query of the impact filters, with overrides (undefined removes a key). */
export function impactQueryString(
  query: ImpactQuery,
  overrides: Record<string, string | undefined> = {},
): string {
  const entries: Record<string, string | number | boolean | undefined> = {
    from: query.from,
    to: query.to,
    province: query.province,
    sector: query.sector,
    program: query.program,
    cohort: query.cohortId,
    legal_form: query.legalForm,
    area: query.area,
    women_coop: query.womenCoop,
    ...overrides,
  };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The first day of the quarter `count − 1` quarters before `today`'s: the last `count` quarters. */
export function lastQuartersFrom(today: string, count: number): string {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const quarter = Math.floor((month - 1) / 3) - (count - 1);
  return new Date(Date.UTC(year, quarter * 3, 1)).toISOString().slice(0, 10);
}
