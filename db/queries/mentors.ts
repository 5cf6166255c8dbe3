import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../index";
import { cooperatives, mentorAssignments, mentoringSessions, milestones, users } from "../schema";

export type MentorLoad = {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  active: boolean;
  /** Live cooperatives with a running assignment today. */
  cooperatives: number;
  sessionsMonth: number;
  minutesMonth: number;
  sessionsYear: number;
  minutesYear: number;
  lastSession: string | null;
};

/**
 * The outer row's key, spelled out: drizzle leaves a column of a single-table select unqualified,
 * which a correlated subquery would read as its own table's column.
 */
const outerUser = sql.raw(`"users"."id"`);
const outerCooperative = sql.raw(`"cooperatives"."id"`);

/** Sessions of live cooperatives by the mentor of the outer row, held within [from, to]. */
function heldBetween(from: string, to: string) {
  return sql`from ${mentoringSessions} s join ${cooperatives} c on c.id = s.cooperative_id
    where s.mentor_id = ${outerUser} and c.archived_at is null
      and s.held_on between ${from}::date and ${to}::date`;
}

function loadColumns(today: string) {
  const month = `${today.slice(0, 7)}-01`;
  const year = `${today.slice(0, 4)}-01-01`;
  return {
    id: users.id,
    name: users.name,
    email: users.email,
    phone: users.phone,
    active: users.active,
    cooperatives: sql<number>`(select count(distinct a.cooperative_id)::int
      from ${mentorAssignments} a join ${cooperatives} c on c.id = a.cooperative_id
      where a.mentor_id = ${outerUser} and c.archived_at is null
        and (a.end_on is null or a.end_on >= ${today}::date))`,
    sessionsMonth: sql<number>`(select count(*)::int ${heldBetween(month, today)})`,
    minutesMonth: sql<number>`(select coalesce(sum(s.duration_minutes), 0)::int ${heldBetween(month, today)})`,
    sessionsYear: sql<number>`(select count(*)::int ${heldBetween(year, today)})`,
    minutesYear: sql<number>`(select coalesce(sum(s.duration_minutes), 0)::int ${heldBetween(year, today)})`,
    lastSession: sql<string | null>`(select to_char(max(s.held_on), 'YYYY-MM-DD')
      ${heldBetween("2000-01-01", today)})`,
  };
}

/** Every account with the mentor role and their load as of `today`, active ones first. */
export async function mentorLoads(db: Executor, today: string): Promise<MentorLoad[]> {
  return db
    .select(loadColumns(today))
    .from(users)
    .where(eq(users.role, "mentor"))
    .orderBy(sql`${users.active} desc`, asc(users.name), asc(users.id));
}

/** One mentor's load, or null when the id is not a mentor's. */
export async function mentorLoad(
  db: Executor,
  params: { mentorId: number; today: string },
): Promise<MentorLoad | null> {
  const [row] = await db
    .select(loadColumns(params.today))
    .from(users)
    .where(and(eq(users.id, params.mentorId), eq(users.role, "mentor")));
  return row ?? null;
}

export type MentorCooperative = {
  id: number;
  name: string;
  nameLatin: string | null;
  legalForm: string;
  stage: (typeof cooperatives.$inferSelect)["stage"];
  lastSession: string | null;
  daysSince: number | null;
  openMilestones: number;
  overdueMilestones: number;
};

/**
 * The cooperatives of `scope` (a mentor's: lib/dal.ts cooperativeScope) with the date of their
 * last session by anyone, the days since, and their open and overdue milestones (DOMAIN.md: not
 * done, not waived; overdue when the due date has passed). The longest without a session first.
 */
export async function mentorCooperatives(
  db: Executor,
  params: { scope: SQL; today: string },
): Promise<MentorCooperative[]> {
  const last = sql`(select max(s.held_on) from ${mentoringSessions} s
    where s.cooperative_id = ${outerCooperative} and s.held_on <= ${params.today}::date)`;
  const open = sql`from ${milestones} m where m.cooperative_id = ${outerCooperative}
    and m.status not in ('done', 'waived')`;
  return db
    .select({
      id: cooperatives.id,
      name: cooperatives.name,
      nameLatin: cooperatives.nameLatin,
      legalForm: cooperatives.legalForm,
      stage: cooperatives.stage,
      lastSession: sql<string | null>`to_char(${last}, 'YYYY-MM-DD')`,
      daysSince: sql<number | null>`(${params.today}::date - ${last})`,
      openMilestones: sql<number>`(select count(*)::int ${open})`,
      overdueMilestones: sql<number>`(select count(*)::int ${open}
        and m.due_on < ${params.today}::date)`,
    })
    .from(cooperatives)
    .where(params.scope)
    .orderBy(sql`${last} asc nulls first`, asc(cooperatives.name), asc(cooperatives.id));
}
