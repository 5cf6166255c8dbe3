import "server-only";
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNull,
  lte,
  sql,
  sum,
  type SQL,
} from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { SessionFilters, SessionInput } from "@/lib/validation/session";
import type { Database, Executor } from "../index";
import {
  attachments,
  cooperatives,
  mentoringSessions,
  users,
  type SESSION_TOPICS,
} from "../schema";
import { writeAudit } from "./audit";
import { userNameMatches } from "./assignments";
import { nameMatches } from "./cooperatives";

type Topic = (typeof SESSION_TOPICS)[number];

export type MentoringSession = {
  id: string;
  cooperativeId: number;
  cooperative: string;
  legalForm: string;
  mentorId: number;
  mentor: string;
  heldOn: string;
  durationMinutes: number;
  mode: (typeof mentoringSessions.$inferSelect)["mode"];
  topics: Topic[];
  attendees: number;
  notes: string | null;
  nextSteps: string | null;
  followUpOn: string | null;
  version: number;
};

const sessionColumns = {
  id: mentoringSessions.id,
  cooperativeId: mentoringSessions.cooperativeId,
  cooperative: cooperatives.name,
  legalForm: cooperatives.legalForm,
  mentorId: mentoringSessions.mentorId,
  mentor: users.name,
  heldOn: mentoringSessions.heldOn,
  durationMinutes: mentoringSessions.durationMinutes,
  mode: mentoringSessions.mode,
  topics: mentoringSessions.topics,
  attendees: mentoringSessions.attendees,
  notes: mentoringSessions.notes,
  nextSteps: mentoringSessions.nextSteps,
  followUpOn: mentoringSessions.followUpOn,
  version: mentoringSessions.version,
};

function columnsOf(input: SessionInput) {
  return {
    cooperativeId: input.cooperative_id,
    heldOn: input.held_on,
    durationMinutes: input.duration_minutes,
    mode: input.mode,
    topics: input.topics,
    attendees: input.attendees,
    notes: input.notes,
    nextSteps: input.next_steps,
    followUpOn: input.follow_up_on,
  };
}

/** The audit's picture of a session: DOMAIN.md keys, no timestamps. */
function auditView(row: typeof mentoringSessions.$inferSelect) {
  return {
    cooperative_id: row.cooperativeId,
    mentor_id: row.mentorId,
    held_on: row.heldOn,
    duration_minutes: row.durationMinutes,
    mode: row.mode,
    topics: row.topics,
    attendees: row.attendees,
    notes: row.notes,
    next_steps: row.nextSteps,
    follow_up_on: row.followUpOn,
    version: row.version,
  };
}

/**
 * A live cooperative within `access`, locked so it cannot be archived under the write. The lock
 * is the one the cooperative_figures trigger takes when the session is written (FOR NO KEY
 * UPDATE, migration 0006), taken first: with FOR SHARE here, two sessions logged at once for one
 * cooperative each held a share lock the other's trigger waited for, a deadlock (40P01, a 500)
 * that `npm run loadtest` hit on PostgreSQL. Now the second waits here for the first to commit.
 */
async function reachable(tx: Executor, access: SQL, cooperativeId: number): Promise<boolean> {
  const [coop] = await tx
    .select({ id: cooperatives.id })
    .from(cooperatives)
    .where(and(eq(cooperatives.id, cooperativeId), isNull(cooperatives.archivedAt), access))
    .for("no key update");
  return Boolean(coop);
}

export type CreateResult =
  | { ok: true; id: string; created: boolean; cooperativeId: number }
  | { ok: false; reason: "not_found" | "conflict" };

/**
 * Logs a session under the id its device made. The same id sent again by the same mentor names
 * the session already saved (created: false), so a resent queue never makes a second one; the id
 * of someone else's session is a conflict. The primary key settles two sends at the same moment.
 */
export async function createSession(
  db: Database,
  actorId: number,
  params: { access: SQL; id: string; input: SessionInput },
): Promise<CreateResult> {
  return db.transaction(async (tx) => {
    const cooperativeId = params.input.cooperative_id;
    if (!(await reachable(tx, params.access, cooperativeId))) {
      return { ok: false, reason: "not_found" } as const;
    }
    const [row] = await tx
      .insert(mentoringSessions)
      .values({ id: params.id, mentorId: actorId, ...columnsOf(params.input) })
      .onConflictDoNothing({ target: mentoringSessions.id })
      .returning();
    if (!row) {
      const [existing] = await tx
        .select({
          mentorId: mentoringSessions.mentorId,
          cooperativeId: mentoringSessions.cooperativeId,
        })
        .from(mentoringSessions)
        .where(eq(mentoringSessions.id, params.id));
      if (existing?.mentorId !== actorId) return { ok: false, reason: "conflict" } as const;
      return { ok: true, id: params.id, created: false, cooperativeId: existing.cooperativeId };
    }
    await writeAudit(tx, {
      actorId,
      action: "create",
      entity: "mentoring_session",
      entityId: row.id,
      after: auditView(row),
    });
    return { ok: true, id: row.id, created: true, cooperativeId } as const;
  });
}

export type UpdateResult =
  { ok: true; cooperativeIds: number[] } | { ok: false; reason: "not_found" | "stale" };

/**
 * Edits a session the viewer may edit (`editable`: any for staff, their own for a mentor) in a
 * cooperative within `access`, moving it only to another cooperative within `access`. `version`
 * is the one the form was opened with: a session saved by someone else meanwhile is stale.
 */
export async function updateSession(
  db: Database,
  actorId: number,
  params: { access: SQL; editable: SQL; id: string; version: number; input: SessionInput },
): Promise<UpdateResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ session: mentoringSessions })
      .from(mentoringSessions)
      .innerJoin(cooperatives, eq(cooperatives.id, mentoringSessions.cooperativeId))
      .where(
        and(
          eq(mentoringSessions.id, params.id),
          isNull(cooperatives.archivedAt),
          params.access,
          params.editable,
        ),
      )
      .for("update", { of: mentoringSessions });
    if (!current) return { ok: false, reason: "not_found" } as const;
    const before = current.session;
    const target = params.input.cooperative_id;
    if (target !== before.cooperativeId && !(await reachable(tx, params.access, target))) {
      return { ok: false, reason: "not_found" } as const;
    }
    if (before.version !== params.version) return { ok: false, reason: "stale" } as const;
    const [after] = await tx
      .update(mentoringSessions)
      .set({ ...columnsOf(params.input), version: before.version + 1, updatedAt: new Date() })
      .where(eq(mentoringSessions.id, before.id))
      .returning();
    if (!after) throw new Error("update returned nothing");
    await writeAudit(tx, {
      actorId,
      action: "update",
      entity: "mentoring_session",
      entityId: before.id,
      before: auditView(before),
      after: auditView(after),
    });
    return { ok: true, cooperativeIds: [...new Set([before.cooperativeId, target])] } as const;
  });
}

/** A session's file as a list shows it: a link to download it under its name. */
export type SessionFile = { id: number; sessionId: string; filename: string };

/** A session with its files, oldest first: what a list of sessions shows (SessionItems). */
export type ListedSession = MentoringSession & { files: SessionFile[] };

/**
 * The session's files in the same round trip as the session (one index probe of
 * attachments_session_idx per listed row), instead of a query for the page's files after it.
 */
const sessionFiles = sql<SessionFile[]>`coalesce((select json_agg(json_build_object(
    'id', ${attachments.id}, 'sessionId', ${attachments.sessionId}, 'filename', ${attachments.filename})
    order by ${attachments.id})
  from ${attachments} where ${attachments.sessionId} = ${mentoringSessions.id}), '[]'::json)`;

const listColumns = { ...sessionColumns, files: sessionFiles };

/** A select of sessions joined to their cooperative and mentor, which every read here needs. */
function joined<T extends PgSelect>(query: T) {
  return query
    .innerJoin(cooperatives, eq(cooperatives.id, mentoringSessions.cooperativeId))
    .innerJoin(users, eq(users.id, mentoringSessions.mentorId));
}

function listQuery(db: Executor) {
  return joined(db.select(listColumns).from(mentoringSessions).$dynamic());
}

function baseQuery(db: Executor) {
  return joined(db.select(sessionColumns).from(mentoringSessions).$dynamic());
}

/** One session of a live cooperative within `access` (a mentor: an assigned one), or null. */
export async function getSession(
  db: Executor,
  params: { access: SQL; id: string },
): Promise<MentoringSession | null> {
  const [row] = await baseQuery(db).where(
    and(eq(mentoringSessions.id, params.id), isNull(cooperatives.archivedAt), params.access),
  );
  return row ?? null;
}

export type CooperativeSessions = {
  /** The latest `limit`, with their files. */
  latest: ListedSession[];
  /** Every session of the cooperative within `access` held up to `today`, and their minutes. */
  totals: { sessions: number; minutes: number };
};

/**
 * A cooperative's sessions within `access`, the latest first, under the count and minutes of all
 * of them: one statement, the totals a window over the same rows (an archived cooperative's
 * record counts its sessions too, as it lists them).
 */
export async function cooperativeSessions(
  db: Executor,
  params: { access: SQL; cooperativeId: number; limit: number; today: string },
): Promise<CooperativeSessions> {
  const held = sql`${mentoringSessions.heldOn} <= ${params.today}`;
  const totalled = db
    .select({
      session: listColumns,
      totalSessions: sql<number>`count(*) filter (where ${held}) over ()`.mapWith(Number),
      totalMinutes:
        sql<number>`coalesce(sum(${mentoringSessions.durationMinutes}) filter (where ${held}) over (), 0)`.mapWith(
          Number,
        ),
    })
    .from(mentoringSessions)
    .$dynamic();
  const rows = await joined(totalled)
    .where(and(eq(mentoringSessions.cooperativeId, params.cooperativeId), params.access))
    .orderBy(desc(mentoringSessions.heldOn), desc(mentoringSessions.createdAt))
    .limit(params.limit);
  const first = rows[0];
  return {
    latest: rows.map((row) => row.session),
    totals: { sessions: first?.totalSessions ?? 0, minutes: first?.totalMinutes ?? 0 },
  };
}

/**
 * The sessions list's filters; `mentorName` (URL `mentor_q`) keeps the sessions of every mentor
 * whose name contains it: the mentor filter once there are too many mentors to list.
 */
export type SessionListFilters = SessionFilters & { mentorName?: string };

/**
 * The accounts named like `mentorName`, looked up first: given as a subquery, PostgreSQL guessed
 * a few and walked a million sessions by date looking for theirs (11 s when none matched).
 */
async function mentorsNamed(db: Executor, filters: SessionListFilters): Promise<SQL | undefined> {
  if (!filters.mentorName) return undefined;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(userNameMatches(filters.mentorName));
  return rows.length === 0
    ? sql`false`
    : inArray(
        mentoringSessions.mentorId,
        rows.map((r) => r.id),
      );
}

/** The list's and export's conditions: live cooperatives within `access`, and the URL's filters. */
function filterConditions(access: SQL, filters: SessionFilters, mentors?: SQL): SQL {
  return and(
    isNull(cooperatives.archivedAt),
    access,
    filters.mentorId ? eq(mentoringSessions.mentorId, filters.mentorId) : undefined,
    mentors,
    filters.cooperativeId ? eq(mentoringSessions.cooperativeId, filters.cooperativeId) : undefined,
    // The cohort's cooperatives first, then their sessions by cooperative_idx: as a condition
    // on the joined cooperative, PostgreSQL walked the sessions newest first until it met a page
    // of the cohort's (44,000 index entries for page 2 at national scale, 180 ms; now 11 ms).
    filters.cohortId
      ? sql`${mentoringSessions.cooperativeId} in (select k.id from ${cooperatives} k where k.cohort_id = ${filters.cohortId})`
      : undefined,
    // Likewise the cooperatives named like `q` (an unaliased subquery: nameMatches names the
    // table): a rare name's page of sessions 55 → 13 ms at national scale, a common name's
    // 3 → 4 ms (PostgreSQL still walks the dates for it).
    filters.q
      ? sql`${mentoringSessions.cooperativeId} in (select ${cooperatives.id} from ${cooperatives} where ${nameMatches(filters.q)})`
      : undefined,
    filters.topic
      ? sql`${filters.topic}::session_topic = any(${mentoringSessions.topics})`
      : undefined,
    filters.from ? gte(mentoringSessions.heldOn, filters.from) : undefined,
    filters.to ? lte(mentoringSessions.heldOn, filters.to) : undefined,
  )!;
}

const newestFirst = [
  desc(mentoringSessions.heldOn),
  desc(mentoringSessions.createdAt),
  asc(mentoringSessions.id),
];

/**
 * `total` counts at most SESSION_COUNT_CAP + 1 rows: past the cap (`capped`), the page says
 * "more than" and leaves the hours out, so an unfiltered list over a million sessions reads a
 * bounded number of rows instead of the whole table.
 */
export type SessionPage = {
  rows: ListedSession[];
  total: number;
  minutes: number;
  capped: boolean;
};

/**
 * 1,000: counting 10,001 live sessions took 79 ms at national scale (one index probe of the
 * cooperative per session), a third of the page's time; 1,001 take 8–15 ms. Past it, 50 pages of
 * 20 are linked, and the filters narrow the rest.
 */
export const SESSION_COUNT_CAP = 1_000;

export async function searchSessions(
  db: Executor,
  params: { access: SQL; filters: SessionListFilters; pageSize: number; countCap?: number },
): Promise<SessionPage> {
  const cap = params.countCap ?? SESSION_COUNT_CAP;
  const mentors = await mentorsNamed(db, params.filters);
  const where = filterConditions(params.access, params.filters, mentors);
  const matching = db
    .select({ minutes: mentoringSessions.durationMinutes })
    .from(mentoringSessions)
    .innerJoin(cooperatives, eq(cooperatives.id, mentoringSessions.cooperativeId))
    .where(where)
    .limit(cap + 1)
    .as("matching");
  const [totals, rows] = await Promise.all([
    db.select({ total: count(), minutes: sum(matching.minutes).mapWith(Number) }).from(matching),
    listQuery(db)
      .where(where)
      .orderBy(...newestFirst)
      .limit(params.pageSize)
      .offset((params.filters.page - 1) * params.pageSize),
  ]);
  const total = totals[0]?.total ?? 0;
  const capped = total > cap;
  return {
    rows,
    total: capped ? cap : total,
    minutes: capped ? 0 : (totals[0]?.minutes ?? 0),
    capped,
  };
}

/** Every session matching the filters, for GET /api/export/sessions. */
export async function exportSessions(
  db: Executor,
  params: { access: SQL; filters: SessionListFilters },
): Promise<MentoringSession[]> {
  const mentors = await mentorsNamed(db, params.filters);
  return baseQuery(db)
    .where(filterConditions(params.access, params.filters, mentors))
    .orderBy(...newestFirst);
}

/** Sessions and minutes held in [from, to] at live cooperatives, by `where` (a mentor, say). */
export async function sessionTotals(
  db: Executor,
  params: { where: SQL; from: string; to: string },
): Promise<{ sessions: number; minutes: number }> {
  const [row] = await db
    .select({ sessions: count(), minutes: sum(mentoringSessions.durationMinutes).mapWith(Number) })
    .from(mentoringSessions)
    .innerJoin(cooperatives, eq(cooperatives.id, mentoringSessions.cooperativeId))
    .where(
      and(
        params.where,
        isNull(cooperatives.archivedAt),
        gte(mentoringSessions.heldOn, params.from),
        lte(mentoringSessions.heldOn, params.to),
      ),
    );
  return { sessions: row?.sessions ?? 0, minutes: row?.minutes ?? 0 };
}

export type FollowUp = {
  sessionId: string;
  cooperativeId: number;
  cooperative: string;
  legalForm: string;
  followUpOn: string;
  nextSteps: string | null;
};

/** A mentor's follow-up dates from `today` on, at cooperatives within `access`, soonest first. */
export async function upcomingFollowUps(
  db: Executor,
  params: { access: SQL; mentorId: number; today: string; limit: number },
): Promise<FollowUp[]> {
  const rows = await db
    .select({
      sessionId: mentoringSessions.id,
      cooperativeId: cooperatives.id,
      cooperative: cooperatives.name,
      legalForm: cooperatives.legalForm,
      followUpOn: mentoringSessions.followUpOn,
      nextSteps: mentoringSessions.nextSteps,
    })
    .from(mentoringSessions)
    .innerJoin(cooperatives, eq(cooperatives.id, mentoringSessions.cooperativeId))
    .where(
      and(
        eq(mentoringSessions.mentorId, params.mentorId),
        isNull(cooperatives.archivedAt),
        params.access,
        gte(mentoringSessions.followUpOn, params.today),
      ),
    )
    .orderBy(asc(mentoringSessions.followUpOn), asc(cooperatives.name))
    .limit(params.limit);
  return rows.map((row) => ({ ...row, followUpOn: row.followUpOn ?? params.today }));
}

type CooperativeOption = { id: number; name: string };

/** Every cooperative within `scope` by name: a mentor's session form (short, and usable offline). */
export async function cooperativeOptions(db: Executor, scope: SQL): Promise<CooperativeOption[]> {
  return db
    .select({ id: cooperatives.id, name: cooperatives.name })
    .from(cooperatives)
    .where(scope)
    .orderBy(asc(cooperatives.name), asc(cooperatives.id));
}

/** Past this many cooperatives in scope, a filter offers a name search instead of a list. */
export const COOPERATIVE_CHOICES_MAX = 200;
/** How many cooperatives a name search offers at most. */
export const COOPERATIVE_MATCHES_MAX = 30;

/**
 * The cooperatives within `scope` by name, for a filter's list; null when there are more than
 * COOPERATIVE_CHOICES_MAX (a page listing a country's 65,000 would weigh megabytes).
 */
export async function cooperativeChoices(
  db: Executor,
  scope: SQL,
): Promise<CooperativeOption[] | null> {
  const rows = await db
    .select({ id: cooperatives.id, name: cooperatives.name })
    .from(cooperatives)
    .where(scope)
    .orderBy(asc(cooperatives.name), asc(cooperatives.id))
    .limit(COOPERATIVE_CHOICES_MAX + 1);
  return rows.length > COOPERATIVE_CHOICES_MAX ? null : rows;
}

/** One cooperative within `scope`, or null: a preselected choice, or who a list is filtered by. */
export async function cooperativeOption(
  db: Executor,
  scope: SQL,
  id: number,
): Promise<CooperativeOption | null> {
  const [row] = await db
    .select({ id: cooperatives.id, name: cooperatives.name })
    .from(cooperatives)
    .where(and(eq(cooperatives.id, id), scope));
  return row ?? null;
}

/**
 * The session form's cooperatives. A mentor's, or any short list, come whole (`search` null).
 * Past COOPERATIVE_CHOICES_MAX, when `searchable` (staff), the cooperatives whose name or number
 * contains `q` (none without `q`), at most COOPERATIVE_MATCHES_MAX, after `keep` (the one
 * preselected or the session's own) when it is within `scope`.
 */
export async function sessionCooperatives(
  db: Executor,
  scope: SQL,
  params: { searchable: boolean; q?: string; keep?: number },
): Promise<{
  options: CooperativeOption[];
  /** null: the whole list; else how many match `q` (at most the limit), and whether more do. */
  search: { found: number; more: boolean } | null;
}> {
  if (!params.searchable) return { options: await cooperativeOptions(db, scope), search: null };
  const all = await cooperativeChoices(db, scope);
  if (all) return { options: all, search: null };
  const [kept, matches] = await Promise.all([
    params.keep === undefined ? null : cooperativeOption(db, scope, params.keep),
    params.q
      ? db
          .select({ id: cooperatives.id, name: cooperatives.name })
          .from(cooperatives)
          .where(and(scope, nameMatches(params.q)))
          .orderBy(asc(cooperatives.name), asc(cooperatives.id))
          .limit(COOPERATIVE_MATCHES_MAX + 1)
      : [],
  ]);
  const found = matches.slice(0, COOPERATIVE_MATCHES_MAX);
  return {
    options: kept ? [kept, ...found.filter((c) => c.id !== kept.id)] : found,
    search: { found: found.length, more: matches.length > COOPERATIVE_MATCHES_MAX },
  };
}
