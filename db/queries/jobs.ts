import "server-only";
import { and, asc, count, eq, gte, inArray, lte, notExists, sql, type SQL } from "drizzle-orm";
import type { ListFilters } from "@/lib/filters";
import type { JobsFieldErrors, JobsSnapshotInput } from "@/lib/validation/jobs";
import type { Database, Executor } from "../index";
import { ACTIVE_STAGES, cooperatives, jobsSnapshots, users } from "../schema";
import { writeAudit } from "./audit";
import { cooperativeState, listConditions } from "./cooperatives";
import { jobsAsOf, lastCompleteQuarter, type JobsFigures } from "./metrics";

/** Who may submit jobs snapshots (DOMAIN.md): admin and staff for any cooperative, mentors for assigned ones. */
export type JobsSnapshot = {
  id: number;
  kind: "baseline" | "periodic";
  asOf: string;
  jobsTotal: number;
  jobsWomen: number;
  jobsYouth: number;
  seasonalJobs: number;
  membersTotal: number | null;
  source: string;
  notes: string | null;
  reportedBy: string | null;
};

const snapshotColumns = {
  id: jobsSnapshots.id,
  kind: jobsSnapshots.kind,
  asOf: jobsSnapshots.asOf,
  jobsTotal: jobsSnapshots.jobsTotal,
  jobsWomen: jobsSnapshots.jobsWomen,
  jobsYouth: jobsSnapshots.jobsYouth,
  seasonalJobs: jobsSnapshots.seasonalJobs,
  membersTotal: jobsSnapshots.membersTotal,
  source: jobsSnapshots.source,
  notes: jobsSnapshots.notes,
  reportedBy: users.name,
};

/** A cooperative's snapshots, oldest first, within the viewer's access; null when it is out of reach. */
export async function snapshotHistory(
  db: Executor,
  params: { access: SQL; cooperativeId: number },
): Promise<{ archived: boolean; snapshots: JobsSnapshot[] } | null> {
  // One round trip when the cooperative has snapshots (each row carries its archived state, read
  // under the viewer's access); the cooperative alone is read only when there are none.
  const rows = await db
    .select({ snapshot: snapshotColumns, archivedAt: cooperatives.archivedAt })
    .from(jobsSnapshots)
    .innerJoin(cooperatives, eq(cooperatives.id, jobsSnapshots.cooperativeId))
    .leftJoin(users, eq(users.id, jobsSnapshots.submittedBy))
    .where(and(eq(jobsSnapshots.cooperativeId, params.cooperativeId), params.access))
    .orderBy(asc(jobsSnapshots.asOf), asc(jobsSnapshots.id));
  const coop = rows[0] ?? (await cooperativeState(db, params));
  if (!coop) return null;
  return {
    archived: coop.archivedAt !== null,
    snapshots: rows.map((row) => row.snapshot),
  };
}

/** Jobs created by one cooperative as of `to`: the metric of lib/metrics, limited to that cooperative. */
export async function jobsCreatedFor(
  db: Executor,
  cooperativeId: number,
  to: string,
): Promise<JobsFigures> {
  return jobsAsOf(db, { to, scope: eq(cooperatives.id, cooperativeId) });
}

export type SubmitResult =
  | { ok: true; id: number; beforeBaseline: boolean }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; errors: JobsFieldErrors };

const TAKEN = {
  baseline: { kind: "baselineExists" },
  date: { as_of: "dateTaken" },
} satisfies Record<string, JobsFieldErrors>;

/** The field error of a unique violation (code 23505) on jobs_snapshots, whichever driver threw it. */
export function snapshotConflict(error: unknown): JobsFieldErrors | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const { code, constraint_name, constraint } = e as {
      code?: unknown;
      constraint_name?: unknown;
      constraint?: unknown;
    };
    if (code !== "23505") continue;
    const name = String(constraint_name ?? constraint ?? "");
    return name === "jobs_snapshots_one_baseline" ? TAKEN.baseline : TAKEN.date;
  }
  return null;
}

/**
 * Records a snapshot for a cooperative the viewer may reach (not archived), with its audit entry.
 * The checks name the field at fault; the unique indexes answer for two submissions at once.
 */
export async function submitSnapshot(
  db: Database,
  actorId: number,
  params: { access: SQL; cooperativeId: number; input: JobsSnapshotInput },
): Promise<SubmitResult> {
  const { input, cooperativeId } = params;
  try {
    return await db.transaction(async (tx) => {
      const [coop] = await tx
        .select({ id: cooperatives.id })
        .from(cooperatives)
        .where(
          and(
            eq(cooperatives.id, cooperativeId),
            sql`${cooperatives.archivedAt} is null`,
            params.access,
          ),
        )
        .for("update");
      if (!coop) return { ok: false, reason: "not_found" } as const;
      const existing = await tx
        .select({ kind: jobsSnapshots.kind, asOf: jobsSnapshots.asOf })
        .from(jobsSnapshots)
        .where(eq(jobsSnapshots.cooperativeId, cooperativeId));
      const baseline = existing.find((s) => s.kind === "baseline");
      if (input.kind === "baseline" && baseline) {
        return { ok: false, reason: "invalid", errors: TAKEN.baseline } as const;
      }
      if (existing.some((s) => s.asOf === input.as_of)) {
        return { ok: false, reason: "invalid", errors: TAKEN.date } as const;
      }
      const [row] = await tx
        .insert(jobsSnapshots)
        .values({
          cooperativeId,
          kind: input.kind,
          asOf: input.as_of,
          jobsTotal: input.jobs_total,
          jobsWomen: input.jobs_women,
          jobsYouth: input.jobs_youth,
          seasonalJobs: input.jobs_seasonal,
          membersTotal: input.members_total,
          source: input.source,
          notes: input.notes,
          submittedBy: actorId,
        })
        .returning();
      if (!row) throw new Error("insert returned nothing");
      const after: Partial<typeof row> = { ...row };
      delete after.createdAt;
      await writeAudit(tx, {
        actorId,
        action: "create",
        entity: "jobs_snapshot",
        entityId: row.id,
        after,
      });
      const beforeBaseline = input.kind === "periodic" && !!baseline && input.as_of < baseline.asOf;
      return { ok: true, id: row.id, beforeBaseline } as const;
    });
  } catch (error) {
    const errors = snapshotConflict(error);
    if (!errors) throw error;
    return { ok: false, reason: "invalid", errors };
  }
}

export type MissingReports = {
  quarter: { start: string; end: string };
  count: number;
  cooperatives: { id: number; name: string; legalForm: string }[];
};

/** Active cooperatives in scope with no snapshot dated in the last complete quarter before `today`. */
export async function missingJobsReports(
  db: Executor,
  params: { scope: SQL; today: string; limit?: number },
): Promise<MissingReports> {
  const quarter = lastCompleteQuarter(params.today);
  const where = and(
    params.scope,
    sql`${cooperatives.archivedAt} is null`,
    inArray(cooperatives.stage, [...ACTIVE_STAGES]),
    notExists(
      db
        .select({ one: sql`1` })
        .from(jobsSnapshots)
        .where(
          and(
            eq(jobsSnapshots.cooperativeId, cooperatives.id),
            gte(jobsSnapshots.asOf, quarter.start),
            lte(jobsSnapshots.asOf, quarter.end),
          ),
        ),
    ),
  );
  const [total, rows] = await Promise.all([
    db.select({ n: count() }).from(cooperatives).where(where),
    db
      .select({ id: cooperatives.id, name: cooperatives.name, legalForm: cooperatives.legalForm })
      .from(cooperatives)
      .where(where)
      .orderBy(asc(cooperatives.name), asc(cooperatives.id))
      .limit(params.limit ?? 10),
  ]);
  return { quarter, count: total[0]?.n ?? 0, cooperatives: rows };
}

export type JobsExportRow = JobsSnapshot & {
  cooperativeId: number;
  cooperative: string;
  legalForm: string;
};

/** Every snapshot of the cooperatives matching the list filters, `from`/`to` bounding as_of. */
export async function exportSnapshots(
  db: Executor,
  params: { access: SQL; filters: ListFilters },
): Promise<JobsExportRow[]> {
  const { filters } = params;
  return db
    .select({
      ...snapshotColumns,
      cooperativeId: cooperatives.id,
      cooperative: cooperatives.name,
      legalForm: cooperatives.legalForm,
    })
    .from(jobsSnapshots)
    .innerJoin(cooperatives, eq(cooperatives.id, jobsSnapshots.cooperativeId))
    .leftJoin(users, eq(users.id, jobsSnapshots.submittedBy))
    .where(
      and(
        listConditions(params.access, filters, false),
        filters.from ? gte(jobsSnapshots.asOf, filters.from) : undefined,
        filters.to ? lte(jobsSnapshots.asOf, filters.to) : undefined,
      ),
    )
    .orderBy(asc(cooperatives.id), asc(jobsSnapshots.asOf), asc(jobsSnapshots.id));
}
