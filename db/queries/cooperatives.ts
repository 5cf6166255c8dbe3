import "server-only";
import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../index";
import { STAGES, cohorts, cooperatives, programs, provinces, type Stage } from "../schema";

export async function countByStage(
  db: Executor,
  scope: SQL,
): Promise<{ stage: Stage; count: number }[]> {
  const rows = await db
    .select({ stage: cooperatives.stage, count: count() })
    .from(cooperatives)
    .where(scope)
    .groupBy(cooperatives.stage);
  return STAGES.map((stage) => ({ stage, count: rows.find((r) => r.stage === stage)?.count ?? 0 }));
}

export type CohortCount = {
  cohortId: number | null;
  name: string | null;
  programKey: string | null;
  programNames: { ar: string; fr: string; en: string } | null;
  startOn: string | null;
  count: number;
};

export async function countByCohort(db: Executor, scope: SQL): Promise<CohortCount[]> {
  const rows = await db
    .select({
      cohortId: cohorts.id,
      name: cohorts.name,
      startOn: cohorts.startOn,
      programKey: programs.key,
      ar: programs.nameAr,
      fr: programs.nameFr,
      en: programs.nameEn,
      count: count(),
    })
    .from(cooperatives)
    .leftJoin(cohorts, eq(cohorts.id, cooperatives.cohortId))
    .leftJoin(programs, eq(programs.id, cohorts.programId))
    .where(scope)
    .groupBy(cohorts.id, programs.id)
    .orderBy(sql`${cohorts.startOn} desc nulls last`);
  return rows.map(({ ar, fr, en, ...row }) => ({
    ...row,
    programNames: ar && fr && en ? { ar, fr, en } : null,
  }));
}

export type CooperativeListItem = {
  id: number;
  name: string;
  nameLatin: string | null;
  stage: Stage;
  province: { key: string; ar: string; fr: string; en: string };
};

export async function listCooperatives(
  db: Executor,
  scope: SQL,
  limit = 200,
): Promise<CooperativeListItem[]> {
  const rows = await db
    .select({
      id: cooperatives.id,
      name: cooperatives.name,
      nameLatin: cooperatives.nameLatin,
      stage: cooperatives.stage,
      key: provinces.key,
      ar: provinces.nameAr,
      fr: provinces.nameFr,
      en: provinces.nameEn,
    })
    .from(cooperatives)
    .innerJoin(provinces, eq(provinces.key, cooperatives.province))
    .where(and(scope))
    .orderBy(asc(cooperatives.name), asc(cooperatives.id))
    .limit(limit);
  return rows.map(({ key, ar, fr, en, ...row }) => ({ ...row, province: { key, ar, fr, en } }));
}
