import "server-only";
import { count, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../index";
import { ROLES, loginAttempts, users, type Role } from "../schema";
import { writeAudit } from "./audit";
import { purgeExpiredSignInAttempts } from "./throttle";

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  mustChangePassword: boolean;
};

export type CredentialUser = SessionUser & {
  passwordHash: string;
  active: boolean;
  sessionVersion: number;
};

const sessionColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  locale: users.locale,
  mustChangePassword: users.mustChangePassword,
};

export async function findUserByEmail(db: Executor, email: string): Promise<CredentialUser | null> {
  const [row] = await db
    .select({
      ...sessionColumns,
      passwordHash: users.passwordHash,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

export async function findActiveUser(
  db: Executor,
  id: number,
  sessionVersion: number,
): Promise<SessionUser | null> {
  const [row] = await db
    .select({ ...sessionColumns, active: users.active, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row || !row.active || row.sessionVersion !== sessionVersion) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    mustChangePassword: row.mustChangePassword,
  };
}

export async function recordSignIn(
  db: Executor,
  input: { email: string; userId: number | null; success: boolean; ip: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({
      email: input.email.trim().toLowerCase().slice(0, 320),
      ip: input.ip,
      success: input.success,
    });
    await purgeExpiredSignInAttempts(tx);
    if (input.success && input.userId !== null) {
      await tx
        .update(users)
        .set({ lastLoginAt: sql`now()` })
        .where(eq(users.id, input.userId));
    }
    await writeAudit(tx, {
      actorId: input.userId,
      action: input.success ? "sign_in" : "sign_in_failed",
      entity: "user",
      entityId: input.userId,
      after: { email: input.email.trim().toLowerCase().slice(0, 320) },
      ip: input.ip,
    });
  });
}

export async function endSessions(db: Database, userId: number, action: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await writeAudit(tx, { actorId: userId, action, entity: "user", entityId: userId });
  });
}

export async function setUserLocale(db: Database, userId: number, locale: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.id, userId));
    await tx
      .update(users)
      .set({ locale, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
    await writeAudit(tx, {
      actorId: userId,
      action: "update",
      entity: "user",
      entityId: userId,
      before: { locale: before?.locale ?? null },
      after: { locale },
    });
  });
}

export async function usersByRole(
  db: Executor,
): Promise<{ role: Role; active: number; total: number }[]> {
  const rows = await db
    .select({
      role: users.role,
      total: count(),
      active: sql<number>`count(*) filter (where ${users.active})`.mapWith(Number),
    })
    .from(users)
    .groupBy(users.role);
  return ROLES.map((role) => {
    const row = rows.find((r) => r.role === role);
    return { role, active: row?.active ?? 0, total: row?.total ?? 0 };
  });
}

export async function createUser(
  db: Database,
  input: { email: string; name: string; role: Role; passwordHash: string },
  actorId: number | null,
): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ ...input, email: input.email.trim().toLowerCase() })
      .returning({ id: users.id });
    if (!row) throw new Error("insert returned nothing");
    await writeAudit(tx, {
      actorId,
      action: "create",
      entity: "user",
      entityId: row.id,
      after: { email: input.email.trim().toLowerCase(), name: input.name, role: input.role },
    });
    return row.id;
  });
}
