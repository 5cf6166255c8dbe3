import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database, Executor } from "../index";
import {
  cohorts,
  cooperatives,
  programs,
  provinces,
  stageChanges,
  users,
  type Stage,
} from "../schema";
import { writeAudit } from "./audit";
import { createStageMilestones } from "./milestones";

export type CooperativeRecord = typeof cooperatives.$inferSelect & {
  cohort: { id: number; name: string; programKey: string; programNames: Names } | null;
  provinceNames: Names;
};

type Names = { ar: string; fr: string; en: string };

/** One cooperative within the viewer's access (the condition comes from lib/dal.ts), or null. */
export async function getCooperative(
  db: Executor,
  access: SQL,
  id: number,
): Promise<CooperativeRecord | null> {
  const [row] = await db
    .select({
      coop: cooperatives,
      cohortName: cohorts.name,
      programKey: programs.key,
      programAr: programs.nameAr,
      programFr: programs.nameFr,
      programEn: programs.nameEn,
      provinceAr: provinces.nameAr,
      provinceFr: provinces.nameFr,
      provinceEn: provinces.nameEn,
    })
    .from(cooperatives)
    .innerJoin(provinces, eq(provinces.key, cooperatives.province))
    .leftJoin(cohorts, eq(cohorts.id, cooperatives.cohortId))
    .leftJoin(programs, eq(programs.id, cohorts.programId))
    .where(and(eq(cooperatives.id, id), access))
    .limit(1);
  if (!row) return null;
  const cohort =
    row.coop.cohortId !== null && row.cohortName !== null && row.programKey !== null
      ? {
          id: row.coop.cohortId,
          name: row.cohortName,
          programKey: row.programKey,
          programNames: { ar: row.programAr!, fr: row.programFr!, en: row.programEn! },
        }
      : null;
  return {
    ...row.coop,
    cohort,
    provinceNames: { ar: row.provinceAr, fr: row.provinceFr, en: row.provinceEn },
  };
}

export type StageChange = {
  id: number;
  fromStage: Stage | null;
  toStage: Stage;
  changedOn: string;
  reason: string | null;
  by: string | null;
};

export async function stageHistory(db: Executor, cooperativeId: number): Promise<StageChange[]> {
  return db
    .select({
      id: stageChanges.id,
      fromStage: stageChanges.fromStage,
      toStage: stageChanges.toStage,
      changedOn: stageChanges.changedOn,
      reason: stageChanges.reason,
      by: users.name,
    })
    .from(stageChanges)
    .leftJoin(users, eq(users.id, stageChanges.changedBy))
    .where(eq(stageChanges.cooperativeId, cooperativeId))
    .orderBy(desc(stageChanges.changedOn), desc(stageChanges.id));
}

export type CooperativeColumns = Omit<
  typeof cooperatives.$inferInsert,
  "id" | "stage" | "archivedAt" | "version" | "createdBy" | "createdAt" | "updatedAt" | "searchText"
>;

export async function provinceExists(db: Executor, key: string): Promise<boolean> {
  const [row] = await db
    .select({ key: provinces.key })
    .from(provinces)
    .where(eq(provinces.key, key));
  return Boolean(row);
}

export async function cohortExists(db: Executor, id: number): Promise<boolean> {
  const [row] = await db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, id));
  return Boolean(row);
}

function snapshot(
  row: typeof cooperatives.$inferSelect,
): Partial<typeof cooperatives.$inferSelect> {
  const copy: Partial<typeof cooperatives.$inferSelect> = { ...row };
  delete copy.searchText;
  delete copy.createdAt;
  delete copy.updatedAt;
  return copy;
}

export async function createCooperative(
  db: Database,
  actorId: number,
  columns: CooperativeColumns,
  today: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(cooperatives)
      .values({ ...columns, stage: "applicant", createdBy: actorId })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    await tx.insert(stageChanges).values({
      cooperativeId: row.id,
      fromStage: null,
      toStage: "applicant",
      changedOn: today,
      changedBy: actorId,
    });
    const created = await createStageMilestones(tx, {
      cooperativeId: row.id,
      cohortId: row.cohortId,
      stage: row.stage,
    });
    await writeAudit(tx, {
      actorId,
      action: "create",
      entity: "cooperative",
      entityId: row.id,
      after: { ...snapshot(row), ...(created.length > 0 && { milestones_created: created }) },
    });
    return row.id;
  });
}

export type UpdateResult =
  | { ok: true; version: number }
  | { ok: false; reason: "conflict"; current: typeof cooperatives.$inferSelect }
  | { ok: false; reason: "not_found" };

/** Saves only when nobody saved in between (the version the form was opened with). */
export async function updateCooperative(
  db: Database,
  actorId: number,
  params: { id: number; access: SQL; version: number; columns: CooperativeColumns },
): Promise<UpdateResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(cooperatives)
      .where(and(eq(cooperatives.id, params.id), params.access))
      .for("update");
    if (!before) return { ok: false, reason: "not_found" } as const;
    if (before.version !== params.version)
      return { ok: false, reason: "conflict", current: before } as const;
    const [after] = await tx
      .update(cooperatives)
      .set({ ...params.columns, version: sql`${cooperatives.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(cooperatives.id, params.id), eq(cooperatives.version, params.version)))
      .returning();
    if (!after) return { ok: false, reason: "conflict", current: before } as const;
    await writeAudit(tx, {
      actorId,
      action: "update",
      entity: "cooperative",
      entityId: params.id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return { ok: true, version: after.version } as const;
  });
}

export async function changeStage(
  db: Database,
  actorId: number,
  params: { id: number; access: SQL; to: Stage; reason: string; today: string },
): Promise<"ok" | "not_found" | "unchanged"> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(cooperatives)
      .where(
        and(eq(cooperatives.id, params.id), params.access, sql`${cooperatives.archivedAt} is null`),
      )
      .for("update");
    if (!before) return "not_found";
    if (before.stage === params.to) return "unchanged";
    await tx
      .update(cooperatives)
      .set({ stage: params.to, version: sql`${cooperatives.version} + 1`, updatedAt: sql`now()` })
      .where(eq(cooperatives.id, params.id));
    await tx.insert(stageChanges).values({
      cooperativeId: params.id,
      fromStage: before.stage,
      toStage: params.to,
      changedOn: params.today,
      changedBy: actorId,
      reason: params.reason,
    });
    const created = await createStageMilestones(tx, {
      cooperativeId: params.id,
      cohortId: before.cohortId,
      stage: params.to,
    });
    await writeAudit(tx, {
      actorId,
      action: "change_stage",
      entity: "cooperative",
      entityId: params.id,
      before: { stage: before.stage },
      after: {
        stage: params.to,
        reason: params.reason,
        ...(created.length > 0 && { milestones_created: created }),
      },
    });
    return "ok";
  });
}

export async function setArchived(
  db: Database,
  actorId: number,
  params: { id: number; access: SQL; archived: boolean },
): Promise<"ok" | "not_found" | "unchanged"> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ archivedAt: cooperatives.archivedAt })
      .from(cooperatives)
      .where(and(eq(cooperatives.id, params.id), params.access))
      .for("update");
    if (!before) return "not_found";
    if ((before.archivedAt !== null) === params.archived) return "unchanged";
    const [after] = await tx
      .update(cooperatives)
      .set({
        archivedAt: params.archived ? sql`now()` : null,
        version: sql`${cooperatives.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(cooperatives.id, params.id))
      .returning({ archivedAt: cooperatives.archivedAt });
    await writeAudit(tx, {
      actorId,
      action: params.archived ? "archive" : "restore",
      entity: "cooperative",
      entityId: params.id,
      before: { archived_at: before.archivedAt },
      after: { archived_at: after?.archivedAt ?? null },
    });
    return "ok";
  });
}

export async function cohortOptions(db: Executor) {
  return db
    .select({ id: cohorts.id, name: cohorts.name, status: cohorts.status })
    .from(cohorts)
    .orderBy(desc(cohorts.startOn), asc(cohorts.id));
}

/** Past this many cohorts, a filter's select lists the open ones only (see cohortChoices). */
export const COHORT_CHOICES = 200;

/**
 * The cohorts a filter's select offers. At national scale there are hundreds, and every list page
 * has the select: past COHORT_CHOICES it offers the selected one, every cohort of the chosen
 * programme, and the planned and active ones where the form has no programme filter (sessions,
 * milestones); `openOnly` then says so under the select.
 */
export async function cohortChoices(
  db: Executor,
  chosen: { cohortId?: number; program?: string } = {},
  /** "program": past COHORT_CHOICES, no open cohorts either until a programme is chosen. */
  narrowBy?: "program",
): Promise<{ options: { value: string; label: string }[]; openOnly: boolean }> {
  const all = await db
    .select({ id: cohorts.id, name: cohorts.name, status: cohorts.status, program: programs.key })
    .from(cohorts)
    .innerJoin(programs, eq(programs.id, cohorts.programId))
    .orderBy(desc(cohorts.startOn), asc(cohorts.id));
  const openOnly = all.length > COHORT_CHOICES;
  return {
    openOnly,
    options: all
      .filter(
        (c) =>
          !openOnly ||
          (c.status !== "closed" && narrowBy === undefined) ||
          c.id === chosen.cohortId ||
          (chosen.program !== undefined && c.program === chosen.program),
      )
      .map((c) => ({ value: String(c.id), label: c.name })),
  };
}

export async function provinceOptions(db: Executor) {
  return db
    .select({
      key: provinces.key,
      ar: provinces.nameAr,
      fr: provinces.nameFr,
      en: provinces.nameEn,
    })
    .from(provinces)
    .orderBy(asc(provinces.key));
}

export async function programOptions(db: Executor) {
  return db
    .select({ key: programs.key, ar: programs.nameAr, fr: programs.nameFr, en: programs.nameEn })
    .from(programs)
    .orderBy(asc(programs.key));
}
