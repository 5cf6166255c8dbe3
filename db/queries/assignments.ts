import "server-only";
import {
  and,
  asc,
  desc,
  eq,
  exists,
  gte,
  isNull,
  lte,
  notExists,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { AssignmentInput } from "@/lib/validation/session";
import type { Database, Executor } from "../index";
import { cooperatives, mentorAssignments, mentoringSessions, users } from "../schema";
import { writeAudit } from "./audit";
import { escapeLike, nameMatches } from "./cooperatives";

/** An assignment still running on `today` (or starting later): what gives a mentor access (lib/dal.ts). */
export function openOn(today: string): SQL {
  return or(isNull(mentorAssignments.endOn), gte(mentorAssignments.endOn, today))!;
}

export type Assignment = {
  id: number;
  mentorId: number;
  mentor: string;
  cooperativeId: number;
  cooperative: string;
  legalForm: string;
  startOn: string;
  endOn: string | null;
  open: boolean;
};

const assignmentColumns = (today: string) => ({
  id: mentorAssignments.id,
  mentorId: mentorAssignments.mentorId,
  mentor: users.name,
  cooperativeId: mentorAssignments.cooperativeId,
  cooperative: cooperatives.name,
  legalForm: cooperatives.legalForm,
  startOn: mentorAssignments.startOn,
  endOn: mentorAssignments.endOn,
  open: sql<boolean>`(${openOn(today)})`,
});

/** Assignments matching `where`, the running ones first, then the most recent. */
async function assignmentsWhere(db: Executor, where: SQL, today: string): Promise<Assignment[]> {
  return db
    .select(assignmentColumns(today))
    .from(mentorAssignments)
    .innerJoin(users, eq(users.id, mentorAssignments.mentorId))
    .innerJoin(cooperatives, eq(cooperatives.id, mentorAssignments.cooperativeId))
    .where(where)
    .orderBy(
      sql`(${openOn(today)}) desc`,
      desc(mentorAssignments.startOn),
      desc(mentorAssignments.id),
    );
}

export function cooperativeAssignments(db: Executor, cooperativeId: number, today: string) {
  return assignmentsWhere(db, eq(mentorAssignments.cooperativeId, cooperativeId), today);
}

/** A mentor's assignments to cooperatives that are not archived. */
export function mentorAssignmentList(db: Executor, mentorId: number, today: string) {
  return assignmentsWhere(
    db,
    and(eq(mentorAssignments.mentorId, mentorId), isNull(cooperatives.archivedAt))!,
    today,
  );
}

type MentorOption = { id: number; name: string };

/** Past this many active mentors, choosing one is a name search instead of a list. */
export const MENTOR_CHOICES_MAX = 200;
/** How many mentors a name search offers at most. */
export const MENTOR_MATCHES_MAX = 25;

const activeMentor = () => and(eq(users.role, "mentor"), eq(users.active, true))!;

/** An account whose name contains `q`, both folded by hadina_fold (hamza forms, accents, case). */
export function userNameMatches(q: string): SQL {
  return sql`hadina_fold(${users.name}) like '%' || hadina_fold(${escapeLike(q)}) || '%'`;
}

/**
 * Active accounts with the mentor role, by name: the choices of an assignment or a filter; null
 * when there are more than MENTOR_CHOICES_MAX (a country's 2,000 would weigh hundreds of KB).
 */
export async function mentorChoices(db: Executor): Promise<MentorOption[] | null> {
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(activeMentor())
    .orderBy(asc(users.name), asc(users.id))
    .limit(MENTOR_CHOICES_MAX + 1);
  return rows.length > MENTOR_CHOICES_MAX ? null : rows;
}

/** Active mentors whose name contains `q`, by name: at most `limit`, and whether more match. */
export async function searchMentors(
  db: Executor,
  q: string,
  limit = MENTOR_MATCHES_MAX,
): Promise<{ mentors: MentorOption[]; more: boolean }> {
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(activeMentor(), userNameMatches(q)))
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit + 1);
  return { mentors: rows.slice(0, limit), more: rows.length > limit };
}

/**
 * The mentor a sessions list is filtered by, or null: an account with the mentor role, or one that
 * has logged a session (staff log sessions too); other accounts' names are not given out.
 */
export async function sessionMentor(db: Executor, id: number): Promise<MentorOption | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.id, id),
        or(
          eq(users.role, "mentor"),
          exists(
            db
              .select({ one: sql`1` })
              .from(mentoringSessions)
              .where(eq(mentoringSessions.mentorId, users.id)),
          ),
        ),
      ),
    );
  return row ?? null;
}

type CooperativeOption = { id: number; name: string };

/** Past this many assignable cooperatives, the mentor's page finds one by name instead of a list. */
export const ASSIGNABLE_CHOICES_MAX = 200;
/** How many assignable cooperatives a name search offers at most. */
export const ASSIGNABLE_MATCHES_MAX = 30;

/**
 * Live cooperatives a mentor is not assigned to today (and not graduated or withdrawn), by name:
 * the choices on the mentor's page. `q` keeps those whose name or number contains it (folded);
 * `limit` caps them.
 */
export async function assignableCooperatives(
  db: Executor,
  mentorId: number,
  today: string,
  params: { q?: string; limit?: number } = {},
): Promise<CooperativeOption[]> {
  const query = db
    .select({ id: cooperatives.id, name: cooperatives.name })
    .from(cooperatives)
    .where(
      and(
        isNull(cooperatives.archivedAt),
        sql`${cooperatives.stage} not in ('graduated', 'withdrawn')`,
        params.q ? nameMatches(params.q) : undefined,
        notExists(
          db
            .select({ one: sql`1` })
            .from(mentorAssignments)
            .where(
              and(
                eq(mentorAssignments.cooperativeId, cooperatives.id),
                eq(mentorAssignments.mentorId, mentorId),
                openOn(today),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(cooperatives.name), asc(cooperatives.id));
  return params.limit === undefined ? query : query.limit(params.limit);
}

/**
 * The mentor's page's assignable cooperatives. Up to ASSIGNABLE_CHOICES_MAX they come whole
 * (`search` null); past it (a country's 65,000 weighed 7 MB of options), those whose name or
 * number contains `q` (none without `q`), at most ASSIGNABLE_MATCHES_MAX.
 */
export async function assignmentCooperatives(
  db: Executor,
  mentorId: number,
  today: string,
  q?: string,
): Promise<{
  options: CooperativeOption[];
  /** null: the whole list; else how many match `q` (at most the limit), and whether more do. */
  search: { found: number; more: boolean } | null;
}> {
  const all = await assignableCooperatives(db, mentorId, today, {
    limit: ASSIGNABLE_CHOICES_MAX + 1,
  });
  if (all.length <= ASSIGNABLE_CHOICES_MAX) return { options: all, search: null };
  const matches = q
    ? await assignableCooperatives(db, mentorId, today, { q, limit: ASSIGNABLE_MATCHES_MAX + 1 })
    : [];
  const found = matches.slice(0, ASSIGNABLE_MATCHES_MAX);
  return {
    options: found,
    search: { found: found.length, more: matches.length > ASSIGNABLE_MATCHES_MAX },
  };
}

export type AssignResult =
  | { ok: true; id: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; errors: Record<string, "invalidChoice" | "alreadyAssigned"> };

/**
 * Assigns a mentor (an active account with the mentor role) to a live cooperative for a period
 * that overlaps no other assignment of the same pair. The cooperative's row lock serialises two
 * staff assigning the same pair at once.
 */
export async function assignMentor(
  db: Database,
  actorId: number,
  input: AssignmentInput,
): Promise<AssignResult> {
  return db.transaction(async (tx): Promise<AssignResult> => {
    const [coop] = await tx
      .select({ id: cooperatives.id })
      .from(cooperatives)
      .where(and(eq(cooperatives.id, input.cooperative_id), isNull(cooperatives.archivedAt)))
      .for("update");
    if (!coop) return { ok: false, reason: "not_found" };
    const [mentor] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, input.mentor_id), eq(users.role, "mentor"), eq(users.active, true)));
    if (!mentor) return { ok: false, reason: "invalid", errors: { mentor_id: "invalidChoice" } };
    const [overlap] = await tx
      .select({ id: mentorAssignments.id })
      .from(mentorAssignments)
      .where(
        and(
          eq(mentorAssignments.cooperativeId, input.cooperative_id),
          eq(mentorAssignments.mentorId, input.mentor_id),
          or(isNull(mentorAssignments.endOn), gte(mentorAssignments.endOn, input.start_on)),
          input.end_on ? lte(mentorAssignments.startOn, input.end_on) : undefined,
        ),
      )
      .limit(1);
    if (overlap) {
      return { ok: false, reason: "invalid", errors: { start_on: "alreadyAssigned" } };
    }
    const [row] = await tx
      .insert(mentorAssignments)
      .values({
        mentorId: input.mentor_id,
        cooperativeId: input.cooperative_id,
        startOn: input.start_on,
        endOn: input.end_on,
        createdBy: actorId,
      })
      .returning();
    if (!row) throw new Error("insert returned nothing");
    await writeAudit(tx, {
      actorId,
      action: "assign",
      entity: "mentor_assignment",
      entityId: row.id,
      after: {
        mentor_id: row.mentorId,
        cooperative_id: row.cooperativeId,
        start_on: row.startOn,
        end_on: row.endOn,
      },
    });
    return { ok: true, id: row.id };
  });
}

function previousDay(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export type EndResult =
  | { ok: true; cooperativeId: number; mentorId: number; removed: boolean }
  | { ok: false; reason: "not_found" };

/**
 * Ends a running assignment so that the mentor's access stops at the next request: it closes on
 * the day before `today`, or, when it began today or has not begun, it is withdrawn altogether
 * (the audit log keeps it).
 */
export async function endAssignment(
  db: Database,
  actorId: number,
  params: { assignmentId: number; today: string },
): Promise<EndResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(mentorAssignments)
      .where(and(eq(mentorAssignments.id, params.assignmentId), openOn(params.today)))
      .for("update");
    if (!current) return { ok: false, reason: "not_found" } as const;
    const before = {
      mentor_id: current.mentorId,
      cooperative_id: current.cooperativeId,
      start_on: current.startOn,
      end_on: current.endOn,
    };
    const endOn = previousDay(params.today);
    const removed = current.startOn > endOn;
    if (removed) {
      await tx.delete(mentorAssignments).where(eq(mentorAssignments.id, current.id));
    } else {
      await tx.update(mentorAssignments).set({ endOn }).where(eq(mentorAssignments.id, current.id));
    }
    await writeAudit(tx, {
      actorId,
      action: "unassign",
      entity: "mentor_assignment",
      entityId: current.id,
      before,
      after: removed ? null : { ...before, end_on: endOn },
    });
    return {
      ok: true,
      cooperativeId: current.cooperativeId,
      mentorId: current.mentorId,
      removed,
    } as const;
  });
}
