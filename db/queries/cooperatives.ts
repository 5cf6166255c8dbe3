import "server-only";
import { and, asc, count, desc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { ListFilters } from "@/lib/filters";
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
  status: (typeof cohorts.$inferSelect)["status"] | null;
  count: number;
};

export async function countByCohort(db: Executor, scope: SQL): Promise<CohortCount[]> {
  const rows = await db
    .select({
      cohortId: cohorts.id,
      name: cohorts.name,
      startOn: cohorts.startOn,
      status: cohorts.status,
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

export type SortKey = keyof typeof SORTS;

const SORTS = {
  id: cooperatives.id,
  name: cooperatives.name,
  name_latin: cooperatives.nameLatin,
  legal_form: cooperatives.legalForm,
  sector: cooperatives.sector,
  province: cooperatives.province,
  area: cooperatives.area,
  stage: cooperatives.stage,
  cohort: cohorts.name,
  members_total: cooperatives.membersTotal,
  members_women: cooperatives.membersWomen,
  registration_number: cooperatives.registrationNumber,
  registered_on: cooperatives.registeredOn,
  updated_at: cooperatives.updatedAt,
} as const;

export const SORT_KEYS = Object.keys(SORTS) as SortKey[];

/** The column a `sort` parameter names (`-` for descending); the name when it names none. */
function sortKey(sort: string | undefined): SortKey {
  const key = sort?.replace(/^-/, "") ?? "name";
  return Object.hasOwn(SORTS, key) ? (key as SortKey) : "name";
}

export function orderFor(sort: string | undefined) {
  const descending = sort?.startsWith("-") ?? false;
  const key = sortKey(sort);
  const column = SORTS[key];
  // Empty values sort last either way; on a NOT NULL column plain asc/desc says the same and
  // lets PostgreSQL walk the column's index (backwards for desc), which `nulls last` prevents.
  const direction = NULLABLE_SORTS.has(key)
    ? descending
      ? sql`desc nulls last`
      : sql`asc nulls last`
    : descending
      ? sql`desc`
      : sql`asc`;
  return [sql`${column} ${direction}`, descending ? desc(cooperatives.id) : asc(cooperatives.id)];
}

const NULLABLE_SORTS: ReadonlySet<string> = new Set([
  "name_latin",
  "cohort",
  "registration_number",
  "registered_on",
]);

/** `text` as a literal inside a LIKE pattern (backslash is PostgreSQL's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A cooperative whose name, Latin name or registration number contains `q` (folded: lib/search). */
export function nameMatches(q: string): SQL {
  return sql`${cooperatives.searchText} like '%' || hadina_fold(${escapeLike(q)}) || '%'`;
}

/**
 * Conditions of the cooperatives list and export: the viewer's access (lib/dal.ts
 * cooperativeAccess), live records unless archived ones are asked for, plus the URL filters.
 */
export function listConditions(access: SQL, filters: ListFilters, archived: boolean): SQL {
  const conditions: (SQL | undefined)[] = [
    access,
    archived ? isNotNull(cooperatives.archivedAt) : isNull(cooperatives.archivedAt),
    filters.province ? eq(cooperatives.province, filters.province) : undefined,
    filters.sector ? eq(cooperatives.sector, filters.sector) : undefined,
    filters.stage ? eq(cooperatives.stage, filters.stage) : undefined,
    filters.legalForm ? eq(cooperatives.legalForm, filters.legalForm) : undefined,
    filters.area ? eq(cooperatives.area, filters.area) : undefined,
    filters.cohortId ? eq(cooperatives.cohortId, filters.cohortId) : undefined,
    filters.womenCoop === undefined ? undefined : eq(cooperatives.womenCoop, filters.womenCoop),
    filters.program
      ? sql`${cooperatives.cohortId} in (select ${cohorts.id} from ${cohorts} join ${programs} on ${programs.id} = ${cohorts.programId} where ${programs.key} = ${filters.program})`
      : undefined,
    filters.q ? nameMatches(filters.q) : undefined,
  ];
  return and(...conditions.filter((c): c is SQL => c !== undefined))!;
}

export type CooperativeRow = {
  id: number;
  name: string;
  nameLatin: string | null;
  legalForm: (typeof cooperatives.$inferSelect)["legalForm"];
  sector: (typeof cooperatives.$inferSelect)["sector"];
  province: string;
  area: (typeof cooperatives.$inferSelect)["area"];
  stage: Stage;
  cohortId: number | null;
  cohortName: string | null;
  membersTotal: number;
  membersWomen: number;
  registrationNumber: string | null;
  registeredOn: string | null;
  womenCoop: boolean;
  archivedAt: Date | null;
};

export const rowColumns = {
  id: cooperatives.id,
  name: cooperatives.name,
  nameLatin: cooperatives.nameLatin,
  legalForm: cooperatives.legalForm,
  sector: cooperatives.sector,
  province: cooperatives.province,
  area: cooperatives.area,
  stage: cooperatives.stage,
  cohortId: cooperatives.cohortId,
  cohortName: cohorts.name,
  membersTotal: cooperatives.membersTotal,
  membersWomen: cooperatives.membersWomen,
  registrationNumber: cooperatives.registrationNumber,
  registeredOn: cooperatives.registeredOn,
  womenCoop: cooperatives.womenCoop,
  archivedAt: cooperatives.archivedAt,
};

export async function searchCooperatives(
  db: Executor,
  params: { access: SQL; filters: ListFilters; archived: boolean; pageSize: number },
): Promise<{ rows: CooperativeRow[]; total: number }> {
  const where = listConditions(params.access, params.filters, params.archived);
  const [totalRow] = await db.select({ n: count() }).from(cooperatives).where(where);
  const total = totalRow?.n ?? 0;
  const order = orderFor(params.filters.sort);
  // A deferred join: the offset runs over ids alone (an index-only scan where an index has the
  // sort), then only the page's rows are read, so page 2,000 does not fetch 50,000 whole rows.
  // Cohorts join the ids only to sort by cohort: PostgreSQL drops an unused left join, but the
  // scan still reads `cohort_id` from each row, so the index-only scan became a heap scan and a
  // sort (page 40 of Fès at national scale: 5.7 ms instead of 0.4 ms).
  const ids = db.select({ id: cooperatives.id }).from(cooperatives).$dynamic();
  const page = (
    sortKey(params.filters.sort) === "cohort"
      ? ids.leftJoin(cohorts, eq(cohorts.id, cooperatives.cohortId))
      : ids
  )
    .where(where)
    .orderBy(...order)
    .limit(params.pageSize)
    .offset((params.filters.page - 1) * params.pageSize)
    .as("page");
  const rows = await db
    .select(rowColumns)
    .from(cooperatives)
    .innerJoin(page, eq(page.id, cooperatives.id))
    .leftJoin(cohorts, eq(cohorts.id, cooperatives.cohortId))
    .orderBy(...order);
  return { rows, total };
}

export type CooperativeExportRow = CooperativeRow & {
  commune: string | null;
  membersYouth: number;
  shareCapitalMad: string | null;
  contactName: string | null;
  phone: string | null;
  email: string | null;
};

/** Every row matching the filters (not one page), in the list's order. */
export async function exportCooperatives(
  db: Executor,
  params: { access: SQL; filters: ListFilters },
): Promise<CooperativeExportRow[]> {
  return db
    .select({
      ...rowColumns,
      commune: cooperatives.commune,
      membersYouth: cooperatives.membersYouth,
      shareCapitalMad: cooperatives.shareCapitalMad,
      contactName: cooperatives.contactName,
      phone: cooperatives.phone,
      email: cooperatives.email,
    })
    .from(cooperatives)
    .leftJoin(cohorts, eq(cohorts.id, cooperatives.cohortId))
    .where(listConditions(params.access, params.filters, false))
    .orderBy(...orderFor(params.filters.sort ?? "id"));
}

/** A cooperative's archived state and stage under the viewer's `access`; undefined when out of reach. */
export async function cooperativeState(
  db: Executor,
  params: { access: SQL; cooperativeId: number },
): Promise<{ archivedAt: Date | null; stage: Stage } | undefined> {
  const [row] = await db
    .select({ archivedAt: cooperatives.archivedAt, stage: cooperatives.stage })
    .from(cooperatives)
    .where(and(eq(cooperatives.id, params.cooperativeId), params.access));
  return row;
}
