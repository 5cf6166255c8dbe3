import "server-only";
import { and, asc, count, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { FundingFilters } from "@/lib/validation/funding";
import type { Executor } from "../index";
import {
  cooperatives,
  disbursements,
  fundingAwards,
  milestones,
  milestoneTemplates,
  programs,
} from "../schema";

type Names = { ar: string; fr: string; en: string };

/**
 * Awards the viewer may see (`access` from lib/dal.ts), never of an archived cooperative, with
 * the ledger's filters; `program` is the award's programme, `from`/`to` bound its award date.
 */
export function awardConditions(access: SQL, filters: Partial<FundingFilters>, dated = true): SQL {
  const conditions: (SQL | undefined)[] = [
    access,
    isNull(cooperatives.archivedAt),
    filters.province ? eq(cooperatives.province, filters.province) : undefined,
    filters.cohortId ? eq(cooperatives.cohortId, filters.cohortId) : undefined,
    filters.program
      ? sql`${fundingAwards.programId} in (select p.id from ${programs} p where p.key = ${filters.program})`
      : undefined,
    filters.source ? eq(fundingAwards.source, filters.source) : undefined,
    filters.kind ? eq(fundingAwards.kind, filters.kind) : undefined,
    filters.status ? eq(fundingAwards.status, filters.status) : undefined,
    dated && filters.from ? gte(fundingAwards.awardedOn, filters.from) : undefined,
    dated && filters.to ? lte(fundingAwards.awardedOn, filters.to) : undefined,
  ];
  return and(...conditions.filter((c): c is SQL => c !== undefined))!;
}

const tranchesSum = (status: "disbursed" | "planned") =>
  sql<string>`(select coalesce(sum(d.amount_mad), 0.00) from ${disbursements} d
    where d.award_id = ${fundingAwards.id} and d.status = ${status})::text`;

const awardColumns = {
  id: fundingAwards.id,
  cooperativeId: fundingAwards.cooperativeId,
  cooperativeName: cooperatives.name,
  legalForm: cooperatives.legalForm,
  programKey: programs.key,
  programAr: programs.nameAr,
  programFr: programs.nameFr,
  programEn: programs.nameEn,
  source: fundingAwards.source,
  kind: fundingAwards.kind,
  status: fundingAwards.status,
  awardedOn: fundingAwards.awardedOn,
  amountMad: fundingAwards.amountMad,
  coFinancingMad: fundingAwards.coFinancingMad,
  notes: fundingAwards.notes,
  disbursedMad: tranchesSum("disbursed"),
  plannedMad: tranchesSum("planned"),
  remainingMad: sql<string>`(${fundingAwards.amountMad} - (select coalesce(sum(d.amount_mad), 0.00)
    from ${disbursements} d where d.award_id = ${fundingAwards.id}))::text`,
};

function namesOf(ar: string | null, fr: string | null, en: string | null): Names | null {
  return ar !== null && fr !== null && en !== null ? { ar, fr, en } : null;
}

type AwardSelect = Awaited<ReturnType<typeof awardsQuery>>[number];

/** Money as exact decimal text: paid out, planned, and what is left to commit (amount − every tranche). */
function toAwardRow({ programAr, programFr, programEn, ...row }: AwardSelect) {
  return { ...row, programNames: namesOf(programAr, programFr, programEn) };
}

export type AwardRow = ReturnType<typeof toAwardRow>;

/** A select of awards joined to their cooperative and programme, under `where`. */
function awardsFrom<T extends PgSelect>(query: T, where: SQL) {
  return query
    .innerJoin(cooperatives, eq(cooperatives.id, fundingAwards.cooperativeId))
    .leftJoin(programs, eq(programs.id, fundingAwards.programId))
    .where(where);
}

function awardsQuery(db: Executor, where: SQL) {
  return awardsFrom(db.select(awardColumns).from(fundingAwards).$dynamic(), where);
}

/** One page of the ledger, newest award first. */
export async function searchAwards(
  db: Executor,
  params: { access: SQL; filters: FundingFilters; pageSize: number },
): Promise<{ rows: AwardRow[]; total: number }> {
  const where = awardConditions(params.access, params.filters);
  const [totalRow] = await db
    .select({ n: count() })
    .from(fundingAwards)
    .innerJoin(cooperatives, eq(cooperatives.id, fundingAwards.cooperativeId))
    .where(where);
  const rows = await awardsQuery(db, where)
    .orderBy(desc(fundingAwards.awardedOn), desc(fundingAwards.id))
    .limit(params.pageSize)
    .offset((params.filters.page - 1) * params.pageSize);
  return { rows: rows.map(toAwardRow), total: totalRow?.n ?? 0 };
}

/** Every award matching the filters (GET /api/export/funding), by id. */
export async function exportAwards(
  db: Executor,
  params: { access: SQL; filters: FundingFilters },
): Promise<AwardRow[]> {
  const rows = await awardsQuery(db, awardConditions(params.access, params.filters)).orderBy(
    asc(fundingAwards.id),
  );
  return rows.map(toAwardRow);
}

export type FundingTotal = { committedMad: string; disbursedMad: string };
export type ProgramTotal = FundingTotal & { programKey: string | null; programNames: Names | null };
export type SourceTotal = FundingTotal & { source: (typeof fundingAwards.$inferSelect)["source"] };

/**
 * DOMAIN.md's flow figures within [from, to] (`to` defaults to today): committed = amounts of
 * approved, disbursing or completed awards awarded in the period; disbursed = tranches dated in it.
 */
export async function fundingTotals(
  db: Executor,
  params: { access: SQL; filters: FundingFilters; today: string },
): Promise<{ total: FundingTotal; byProgram: ProgramTotal[]; bySource: SourceTotal[] }> {
  const { from } = params.filters;
  const to = params.filters.to ?? params.today;
  const committed = sql<string>`coalesce(sum(${fundingAwards.amountMad}) filter (where
    ${fundingAwards.status} in ('approved', 'disbursing', 'completed')
    and ${fundingAwards.awardedOn} <= ${to}
    ${from ? sql`and ${fundingAwards.awardedOn} >= ${from}` : sql``}), 0.00)::text`;
  const disbursed = sql<string>`coalesce(sum((select sum(d.amount_mad) from ${disbursements} d
    where d.award_id = ${fundingAwards.id} and d.status = 'disbursed' and d.disbursed_on <= ${to}
    ${from ? sql`and d.disbursed_on >= ${from}` : sql``})), 0.00)::text`;
  const where = awardConditions(params.access, params.filters, false);
  const some = sql`(${committed})::numeric > 0 or (${disbursed})::numeric > 0`;
  const base = () =>
    db
      .select({ committedMad: committed, disbursedMad: disbursed })
      .from(fundingAwards)
      .innerJoin(cooperatives, eq(cooperatives.id, fundingAwards.cooperativeId))
      .where(where);
  const [total, byProgram, bySource] = await Promise.all([
    base(),
    db
      .select({
        committedMad: committed,
        disbursedMad: disbursed,
        programKey: programs.key,
        programAr: programs.nameAr,
        programFr: programs.nameFr,
        programEn: programs.nameEn,
      })
      .from(fundingAwards)
      .innerJoin(cooperatives, eq(cooperatives.id, fundingAwards.cooperativeId))
      .leftJoin(programs, eq(programs.id, fundingAwards.programId))
      .where(where)
      .groupBy(programs.id)
      .having(some)
      .orderBy(sql`${committed}::numeric desc`, asc(programs.key)),
    db
      .select({ committedMad: committed, disbursedMad: disbursed, source: fundingAwards.source })
      .from(fundingAwards)
      .innerJoin(cooperatives, eq(cooperatives.id, fundingAwards.cooperativeId))
      .where(where)
      .groupBy(fundingAwards.source)
      .having(some)
      .orderBy(sql`${committed}::numeric desc`, asc(fundingAwards.source)),
  ]);
  return {
    total: total[0] ?? { committedMad: "0.00", disbursedMad: "0.00" },
    byProgram: byProgram.map(({ programAr, programFr, programEn, ...row }) => ({
      ...row,
      programNames: namesOf(programAr, programFr, programEn),
    })),
    bySource,
  };
}

const milestoneLabel = {
  milestoneId: milestones.id,
  milestoneStatus: milestones.status,
  milestoneTitle: milestones.title,
  labelAr: milestoneTemplates.labelAr,
  labelFr: milestoneTemplates.labelFr,
  labelEn: milestoneTemplates.labelEn,
};

type LabelColumns = {
  milestoneTitle: string | null;
  labelAr: string | null;
  labelFr: string | null;
  labelEn: string | null;
};

export function milestoneNames(row: LabelColumns): Names {
  const title = row.milestoneTitle ?? "";
  return { ar: row.labelAr ?? title, fr: row.labelFr ?? title, en: row.labelEn ?? title };
}

/** Planned tranches of open awards whose release milestone is verified done: staff may pay them. */
export async function releasableTranches(
  db: Executor,
  params: { access: SQL; filters: Partial<FundingFilters>; limit?: number },
) {
  const rows = await db
    .select({
      id: disbursements.id,
      awardId: disbursements.awardId,
      amountMad: disbursements.amountMad,
      cooperativeId: fundingAwards.cooperativeId,
      cooperativeName: cooperatives.name,
      legalForm: cooperatives.legalForm,
      source: fundingAwards.source,
      completedOn: milestones.completedOn,
      awardedOn: fundingAwards.awardedOn,
      ...milestoneLabel,
    })
    .from(disbursements)
    .innerJoin(fundingAwards, eq(fundingAwards.id, disbursements.awardId))
    .innerJoin(cooperatives, eq(cooperatives.id, fundingAwards.cooperativeId))
    .innerJoin(milestones, eq(milestones.id, disbursements.releaseMilestoneId))
    .leftJoin(milestoneTemplates, eq(milestoneTemplates.id, milestones.templateId))
    .where(
      and(
        eq(disbursements.status, "planned"),
        eq(milestones.status, "done"),
        inArray(fundingAwards.status, ["approved", "disbursing"]),
        awardConditions(params.access, params.filters, false),
      ),
    )
    .orderBy(asc(milestones.completedOn), asc(disbursements.id))
    .limit(params.limit ?? 200);
  return rows.map((row) => ({ ...row, milestone: milestoneNames(row) }));
}

export type ReleasableTranche = Awaited<ReturnType<typeof releasableTranches>>[number];

/** Paid tranches (GET /api/export/disbursements): the awards' filters, `from`/`to` on the date paid. */
export async function exportDisbursements(
  db: Executor,
  params: { access: SQL; filters: FundingFilters },
) {
  const { from, to } = params.filters;
  return db
    .select({
      id: disbursements.id,
      awardId: disbursements.awardId,
      cooperativeId: fundingAwards.cooperativeId,
      disbursedOn: disbursements.disbursedOn,
      amountMad: disbursements.amountMad,
      reference: disbursements.reference,
    })
    .from(disbursements)
    .innerJoin(fundingAwards, eq(fundingAwards.id, disbursements.awardId))
    .innerJoin(cooperatives, eq(cooperatives.id, fundingAwards.cooperativeId))
    .where(
      and(
        eq(disbursements.status, "disbursed"),
        awardConditions(params.access, params.filters, false),
        from ? gte(disbursements.disbursedOn, from) : undefined,
        to ? lte(disbursements.disbursedOn, to) : undefined,
      ),
    )
    .orderBy(asc(disbursements.id));
}

export type DisbursementExportRow = Awaited<ReturnType<typeof exportDisbursements>>[number];

type TrancheJson = {
  id: number;
  awardId: number;
  status: (typeof disbursements.$inferSelect)["status"];
  disbursedOn: string | null;
  amountMad: string;
  reference: string | null;
} & LabelColumns & {
    milestoneId: number | null;
    milestoneStatus: (typeof milestones.$inferSelect)["status"] | null;
  };

/**
 * An award's tranches, paid ones by date then planned ones, each with the milestone it waits
 * for, in the award's own row (one index probe of disbursements_award_idx per award). Money as
 * exact decimal text, as the columns read it.
 */
const awardTranches = sql<TrancheJson[]>`coalesce((select json_agg(json_build_object(
    'id', d.id, 'awardId', d.award_id, 'status', d.status, 'disbursedOn', d.disbursed_on,
    'amountMad', d.amount_mad::text, 'reference', d.reference,
    'milestoneId', m.id, 'milestoneStatus', m.status, 'milestoneTitle', m.title,
    'labelAr', mt.label_ar, 'labelFr', mt.label_fr, 'labelEn', mt.label_en)
    order by d.disbursed_on asc nulls last, d.id)
  from ${disbursements} d
  left join ${milestones} m on m.id = d.release_milestone_id
  left join ${milestoneTemplates} mt on mt.id = m.template_id
  where d.award_id = ${fundingAwards.id}), '[]'::json)`;

/** One cooperative's awards (oldest first) with their tranches; none when it is not visible. */
export async function cooperativeFunding(
  db: Executor,
  params: { access: SQL; cooperativeId: number },
) {
  const rows = await awardsFrom(
    db
      .select({ ...awardColumns, tranches: awardTranches })
      .from(fundingAwards)
      .$dynamic(),
    and(awardConditions(params.access, {}), eq(fundingAwards.cooperativeId, params.cooperativeId))!,
  ).orderBy(asc(fundingAwards.awardedOn), asc(fundingAwards.id));
  return rows.map(({ tranches, ...award }) => ({
    ...toAwardRow(award),
    tranches: tranches.map(({ milestoneTitle, labelAr, labelFr, labelEn, ...tranche }) => ({
      ...tranche,
      milestone:
        tranche.milestoneId === null
          ? null
          : milestoneNames({ milestoneTitle, labelAr, labelFr, labelEn }),
    })),
  }));
}

export type CooperativeAward = Awaited<ReturnType<typeof cooperativeFunding>>[number];
