import "server-only";
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { openOn } from "@/db/queries/assignments";
import { findActiveUser, type SessionUser } from "@/db/queries/users";
import { cooperatives, mentorAssignments, mentoringSessions, type Role } from "@/db/schema";
import { authOptions } from "./auth";
import { todayIso } from "./dates";
import { ForbiddenError, UnauthorizedError } from "./errors";

export type Viewer = SessionUser;

/** The signed-in user, re-read from the database once per request (role, active flag, session version). */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user;
  if (!user || !user.id) return null;
  return findActiveUser(await getDb(), user.id, user.sv);
});

/**
 * For pages and server actions: anonymous visitors go to /login, and a user with a temporary
 * password goes to /account until it is changed (the proxy passes the path in x-pathname).
 */
export async function verifySession(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (viewer.mustChangePassword && (await headers()).get("x-pathname") !== "/account") {
    redirect("/account");
  }
  return viewer;
}

/** For pages: a role that may not see the page gets "not found", as for a record it may not see. */
export async function requireRole(...roles: Role[]): Promise<Viewer> {
  const viewer = await verifySession();
  if (!roles.includes(viewer.role)) notFound();
  return viewer;
}

/** For route handlers and server actions answering data: typed errors, mapped to 401 and 403. */
export async function authorize(...roles: Role[]): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new UnauthorizedError();
  if (roles.length > 0 && !roles.includes(viewer.role)) throw new ForbiddenError();
  return viewer;
}

export function canSeeContacts(viewer: Viewer): boolean {
  return viewer.role === "admin" || viewer.role === "staff" || viewer.role === "mentor";
}

/**
 * Cooperatives a mentor is assigned to today (an assignment not ended, or starting later so the
 * mentor can prepare: db/queries/assignments.ts openOn). "Today" is Casablanca's date, not the
 * database server's (PostgreSQL's current_date is UTC here: an assignment ending on a day ended
 * an hour early, or late, around midnight).
 */
export function assignedTo(mentorId: number): SQL {
  return sql`exists (select 1 from ${mentorAssignments} where ${and(
    eq(mentorAssignments.cooperativeId, cooperatives.id),
    eq(mentorAssignments.mentorId, mentorId),
    openOn(todayIso()),
  )})`;
}

/** Which cooperatives the viewer may see at all, archived or not: a mentor's assigned ones only. */
export function cooperativeAccess(viewer: Viewer): SQL {
  return viewer.role === "mentor" ? assignedTo(viewer.id) : sql`true`;
}

/**
 * The cooperatives a viewer's figures cover: a mentor's assigned ones; undefined for every other
 * role, who see figures over every cooperative (and may read them from the figure cache).
 */
export function metricScope(viewer: Viewer): SQL | undefined {
  return viewer.role === "mentor" ? assignedTo(viewer.id) : undefined;
}

/** The WHERE clause of every cooperative read: archived records never, a mentor's own only. */
export function cooperativeScope(viewer: Viewer): SQL {
  return and(isNull(cooperatives.archivedAt), cooperativeAccess(viewer))!;
}

/** Staff and admins may retrieve archived records (to restore them); nobody else sees them. */
export function canSeeArchived(viewer: Viewer): boolean {
  return viewer.role === "admin" || viewer.role === "staff";
}

export function canEditCooperatives(viewer: Viewer): boolean {
  return viewer.role === "admin" || viewer.role === "staff";
}

/** Jobs snapshots: admin and staff for any cooperative, a mentor within their scope, officials never. */
export function canSubmitJobs(role: Role): boolean {
  return role === "admin" || role === "staff" || role === "mentor";
}

/** Mentoring sessions: admin and staff for any cooperative, a mentor within scope, officials never. */
export function canLogSessions(role: Role): boolean {
  return role === "admin" || role === "staff" || role === "mentor";
}

/** The sessions a viewer may edit: any for admin and staff, a mentor's own only. */
export function sessionEditScope(viewer: Viewer): SQL {
  return viewer.role === "mentor" ? eq(mentoringSessions.mentorId, viewer.id) : sql`true`;
}

/** Milestones: admin and staff for any cooperative, a mentor (status, evidence) within scope, officials never. */
export function canUpdateMilestones(role: Role): boolean {
  return role === "admin" || role === "staff" || role === "mentor";
}

/** Milestone evidence and attachments can hold personal data: officials never see them. */
export function canSeeEvidence(role: Role): boolean {
  return role === "admin" || role === "staff" || role === "mentor";
}
