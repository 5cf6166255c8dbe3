import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import type { Executor } from "../index";
import { cohorts, cooperatives, provinces, type Stage } from "../schema";
import { cooperativeFilter, type MetricFilters } from "./metrics";

export type DirectoryRow = {
  id: number;
  name: string;
  legalForm: (typeof cooperatives.$inferSelect)["legalForm"];
  sector: (typeof cooperatives.$inferSelect)["sector"];
  province: { key: string; ar: string; fr: string; en: string };
  stage: Stage;
  cohortId: number | null;
  cohortName: string | null;
  /** latest − baseline as of `to`; null without a baseline (DOMAIN.md counts none). */
  jobsCreated: number | null;
  /** Every disbursement up to `to`, in MAD (exact decimal text). */
  fundingDisbursedMad: string;
};

/**
 * The officials' directory: one page of the filtered cooperatives by name, with their jobs
 * created and funding disbursed as of `to`. No contact column is ever selected here.
 */
export async function cooperativeDirectory(
  db: Executor,
  params: { filters: MetricFilters; page: number; pageSize: number },
): Promise<{ rows: DirectoryRow[]; total: number }> {
  const { filters } = params;
  const where = cooperativeFilter(filters);
  const [totalRow] = await db.select({ n: count() }).from(cooperatives).where(where);
  const jobsCreated = sql<number | null>`(
    select l.jobs_total - b.jobs_total
    from jobs_snapshots b
    cross join lateral (
      select s.jobs_total from jobs_snapshots s
      where s.cooperative_id = b.cooperative_id and s.as_of <= ${filters.to}
      order by s.as_of desc, s.id desc limit 1
    ) l
    where b.cooperative_id = ${cooperatives.id} and b.kind = 'baseline' and b.as_of <= ${filters.to}
  )`.mapWith((value) => (value === null ? null : Number(value)));
  const disbursed = sql<string>`(
    select coalesce(sum(d.amount_mad), 0.00) from disbursements d
    join funding_awards a on a.id = d.award_id
    where a.cooperative_id = ${cooperatives.id} and d.status = 'disbursed'
      and d.disbursed_on <= ${filters.to}
  )::text`;
  const rows = await db
    .select({
      id: cooperatives.id,
      name: cooperatives.name,
      legalForm: cooperatives.legalForm,
      sector: cooperatives.sector,
      provinceKey: provinces.key,
      ar: provinces.nameAr,
      fr: provinces.nameFr,
      en: provinces.nameEn,
      stage: cooperatives.stage,
      cohortId: cooperatives.cohortId,
      cohortName: cohorts.name,
      jobsCreated,
      fundingDisbursedMad: disbursed,
    })
    .from(cooperatives)
    .innerJoin(provinces, eq(provinces.key, cooperatives.province))
    .leftJoin(cohorts, eq(cohorts.id, cooperatives.cohortId))
    .where(where)
    .orderBy(asc(cooperatives.name), asc(cooperatives.id))
    .limit(params.pageSize)
    .offset((params.page - 1) * params.pageSize);
  return {
    total: totalRow?.n ?? 0,
    rows: rows.map(({ provinceKey, ar, fr, en, ...row }) => ({
      ...row,
      province: { key: provinceKey, ar, fr, en },
    })),
  };
}
