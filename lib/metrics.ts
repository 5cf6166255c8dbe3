import "server-only";
import type { Executor } from "@/db";
import {
  activeAndCoverage,
  disbursedWithin,
  jobsAsOf,
  type JobsFigures,
  type MetricFilters,
} from "@/db/queries/metrics";

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

export async function headlineFigures(
  db: Executor,
  filters: MetricFilters,
): Promise<HeadlineFigures> {
  const [jobs, active, within, upTo] = await Promise.all([
    jobsAsOf(db, filters),
    activeAndCoverage(db, filters),
    disbursedWithin(db, filters),
    disbursedWithin(db, { ...filters, from: undefined }),
  ]);
  return {
    asOf: filters.to,
    jobs,
    activeCooperatives: active.active,
    reportingCoverage: active.coverage,
    fundingDisbursedMad: within.disbursedCentimes / 100,
    supportDisbursedMad: within.supportCentimes / 100,
    costPerJobMad: costPerJob(upTo.supportCentimes, jobs.created),
  };
}
