import "server-only";
import { and, asc, count, desc, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Database, Executor } from "../index";
import { STAGES, cohorts, cooperatives, programs, type Stage } from "../schema";
import { writeAudit } from "./audit";

type Names = { ar: string; fr: string; en: string };

export type CohortSummary = {
  id: number;
  name: string;
  programId: number;
  programKey: string;
  programNames: Names;
  startOn: string;
  endOn: string;
  capacity: number;
  status: (typeof cohorts.$inferSelect)["status"];
  enrolled: number;
};

const summaryColumns = {
  id: cohorts.id,
  name: cohorts.name,
  programId: cohorts.programId,
  programKey: programs.key,
  ar: programs.nameAr,
  fr: programs.nameFr,
  en: programs.nameEn,
  startOn: cohorts.startOn,
  endOn: cohorts.endOn,
  capacity: cohorts.capacity,
  status: cohorts.status,
  enrolled:
    sql<number>`(select count(*) from ${cooperatives} where ${cooperatives.cohortId} = ${cohorts.id} and ${cooperatives.archivedAt} is null)`.mapWith(
      Number,
    ),
};

function toSummary({
  ar,
  fr,
  en,
  ...row
}: { ar: string; fr: string; en: string } & Omit<CohortSummary, "programNames">): CohortSummary {
  return { ...row, programNames: { ar, fr, en } };
}

export async function listCohorts(db: Executor): Promise<CohortSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .orderBy(desc(cohorts.startOn), asc(cohorts.id));
  return rows.map(toSummary);
}

export async function getCohort(db: Executor, id: number): Promise<CohortSummary | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .where(eq(cohorts.id, id));
  return row ? toSummary(row) : null;
}

export async function cohortFunnel(
  db: Executor,
  id: number,
): Promise<{ stage: Stage; count: number }[]> {
  const rows = await db
    .select({ stage: cooperatives.stage, count: count() })
    .from(cooperatives)
    .where(and(eq(cooperatives.cohortId, id), isNull(cooperatives.archivedAt)))
    .groupBy(cooperatives.stage);
  return STAGES.map((stage) => ({ stage, count: rows.find((r) => r.stage === stage)?.count ?? 0 }));
}

export async function cohortMembers(db: Executor, id: number) {
  return db
    .select({
      id: cooperatives.id,
      name: cooperatives.name,
      nameLatin: cooperatives.nameLatin,
      legalForm: cooperatives.legalForm,
      province: cooperatives.province,
      stage: cooperatives.stage,
    })
    .from(cooperatives)
    .where(and(eq(cooperatives.cohortId, id), isNull(cooperatives.archivedAt)))
    .orderBy(asc(cooperatives.name), asc(cooperatives.id));
}

/** Cooperatives that may join a cohort: live, and not in another active cohort. */
export async function enrolmentCandidates(db: Executor, cohortId: number, q: string, limit = 20) {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select({
      id: cooperatives.id,
      name: cooperatives.name,
      nameLatin: cooperatives.nameLatin,
      stage: cooperatives.stage,
      cohortName: cohorts.name,
    })
    .from(cooperatives)
    .leftJoin(cohorts, eq(cohorts.id, cooperatives.cohortId))
    .where(
      and(
        isNull(cooperatives.archivedAt),
        or(isNull(cooperatives.cohortId), ne(cohorts.status, "active")),
        or(isNull(cooperatives.cohortId), ne(cooperatives.cohortId, cohortId)),
        sql`${cooperatives.searchText} like '%' || hadina_fold(${escaped}) || '%'`,
      ),
    )
    .orderBy(asc(cooperatives.name))
    .limit(limit);
}

export type CohortColumns = Omit<typeof cohorts.$inferInsert, "id" | "createdAt" | "updatedAt">;

export async function saveCohort(
  db: Database,
  actorId: number,
  id: number | null,
  columns: CohortColumns,
): Promise<number | "not_found"> {
  return db.transaction(async (tx) => {
    if (id === null) {
      const [row] = await tx.insert(cohorts).values(columns).returning();
      if (!row) throw new Error("insert returned nothing");
      await writeAudit(tx, {
        actorId,
        action: "create",
        entity: "cohort",
        entityId: row.id,
        after: row,
      });
      return row.id;
    }
    const [before] = await tx.select().from(cohorts).where(eq(cohorts.id, id)).for("update");
    if (!before) return "not_found";
    const [after] = await tx
      .update(cohorts)
      .set({ ...columns, updatedAt: sql`now()` })
      .where(eq(cohorts.id, id))
      .returning();
    await writeAudit(tx, {
      actorId,
      action: "update",
      entity: "cohort",
      entityId: id,
      before,
      after,
    });
    return id;
  });
}

export type EnrolResult = "ok" | "not_found" | "full" | "in_active_cohort" | "closed";

export async function enrol(
  db: Database,
  actorId: number,
  params: { cohortId: number; cooperativeId: number },
): Promise<EnrolResult> {
  return db.transaction(async (tx) => {
    const [cohort] = await tx
      .select()
      .from(cohorts)
      .where(eq(cohorts.id, params.cohortId))
      .for("update");
    if (!cohort) return "not_found";
    if (cohort.status === "closed") return "closed";
    const [coop] = await tx
      .select({
        id: cooperatives.id,
        cohortId: cooperatives.cohortId,
        cohortStatus: cohorts.status,
      })
      .from(cooperatives)
      .leftJoin(cohorts, eq(cohorts.id, cooperatives.cohortId))
      .where(and(eq(cooperatives.id, params.cooperativeId), isNull(cooperatives.archivedAt)))
      .for("update", { of: cooperatives });
    if (!coop) return "not_found";
    if (coop.cohortId === params.cohortId) return "ok";
    if (coop.cohortId !== null && coop.cohortStatus === "active") return "in_active_cohort";
    const [filled] = await tx
      .select({ n: count() })
      .from(cooperatives)
      .where(and(eq(cooperatives.cohortId, params.cohortId), isNull(cooperatives.archivedAt)));
    if ((filled?.n ?? 0) >= cohort.capacity) return "full";
    await tx
      .update(cooperatives)
      .set({
        cohortId: params.cohortId,
        version: sql`${cooperatives.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(cooperatives.id, params.cooperativeId));
    await writeAudit(tx, {
      actorId,
      action: "enrol",
      entity: "cooperative",
      entityId: params.cooperativeId,
      before: { cohort_id: coop.cohortId },
      after: { cohort_id: params.cohortId },
    });
    return "ok";
  });
}

export async function removeFromCohort(
  db: Database,
  actorId: number,
  params: { cohortId: number; cooperativeId: number },
): Promise<"ok" | "not_found"> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(cooperatives)
      .set({ cohortId: null, version: sql`${cooperatives.version} + 1`, updatedAt: sql`now()` })
      .where(
        and(eq(cooperatives.id, params.cooperativeId), eq(cooperatives.cohortId, params.cohortId)),
      )
      .returning({ id: cooperatives.id });
    if (!updated) return "not_found";
    await writeAudit(tx, {
      actorId,
      action: "remove_from_cohort",
      entity: "cooperative",
      entityId: params.cooperativeId,
      before: { cohort_id: params.cohortId },
      after: { cohort_id: null },
    });
    return "ok";
  });
}

export async function listPrograms(db: Executor) {
  return db.select().from(programs).orderBy(desc(programs.active), asc(programs.key));
}

export type ProgramColumns = Pick<
  typeof programs.$inferInsert,
  "key" | "nameAr" | "nameFr" | "nameEn" | "description" | "active"
>;

export async function saveProgram(
  db: Database,
  actorId: number,
  id: number | null,
  columns: ProgramColumns,
): Promise<number | "not_found" | "key_taken"> {
  return db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: programs.id })
      .from(programs)
      .where(and(eq(programs.key, columns.key), id === null ? undefined : ne(programs.id, id)));
    if (clash) return "key_taken";
    if (id === null) {
      const [row] = await tx.insert(programs).values(columns).returning();
      if (!row) throw new Error("insert returned nothing");
      await writeAudit(tx, {
        actorId,
        action: "create",
        entity: "program",
        entityId: row.id,
        after: row,
      });
      return row.id;
    }
    const [before] = await tx.select().from(programs).where(eq(programs.id, id)).for("update");
    if (!before) return "not_found";
    const [after] = await tx
      .update(programs)
      .set({ ...columns, updatedAt: sql`now()` })
      .where(eq(programs.id, id))
      .returning();
    await writeAudit(tx, {
      actorId,
      action: "update",
      entity: "program",
      entityId: id,
      before,
      after,
    });
    return id;
  });
}
