import "server-only";
import { and, asc, count, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import { hashPassword, verifyPassword } from "@/lib/password";
import type { Database, Executor, Transaction } from "../index";
import { auditLog, users, type Role } from "../schema";
import { writeAudit } from "./audit";

/** A refusal the person can act on; `code` is a key of the `validation` catalog namespace. */
export class AdminError extends Error {
  override name = "AdminError";
  constructor(
    readonly code:
      | "emailTaken"
      | "lastAdmin"
      | "cannotDeactivateSelf"
      | "cannotResetSelf"
      | "currentPasswordWrong"
      | "userNotFound",
  ) {
    super(code);
  }
}

export type UserListItem = {
  id: number;
  name: string;
  email: string;
  role: Role;
  locale: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: Date | null;
};

export async function listUsers(
  db: Executor,
  filter: { role?: Role; active?: boolean },
): Promise<UserListItem[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      locale: users.locale,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .where(
      and(
        filter.role ? eq(users.role, filter.role) : undefined,
        filter.active === undefined ? undefined : eq(users.active, filter.active),
      ),
    )
    .orderBy(desc(users.active), asc(users.name), asc(users.id));
}

/** Every account, active or not, for the audit log's "who" filter. */
export async function userOptions(db: Executor): Promise<{ id: number; name: string }[]> {
  return db.select({ id: users.id, name: users.name }).from(users).orderBy(asc(users.name));
}

type Actor = { actorId: number };

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export async function createUserAccount(
  db: Database,
  input: Actor & { name: string; email: string; role: Role; locale: string; password: string },
): Promise<number> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, email))
        .limit(1);
      if (taken) throw new AdminError("emailTaken");
      const [row] = await tx
        .insert(users)
        .values({
          name: input.name,
          email,
          role: input.role,
          locale: input.locale,
          passwordHash,
          mustChangePassword: true,
        })
        .returning({ id: users.id });
      if (!row) throw new Error("insert returned nothing");
      await writeAudit(tx, {
        actorId: input.actorId,
        action: "create",
        entity: "user",
        entityId: row.id,
        after: { name: input.name, email, role: input.role, locale: input.locale, active: true },
      });
      return row.id;
    });
  } catch (error) {
    // Two admins creating the same email at once: the unique index answers for the check above.
    if (isUniqueViolation(error)) throw new AdminError("emailTaken");
    throw error;
  }
}

/** Locks the target row, and every active admin's row, so two demotions cannot both pass. */
async function lockTarget(tx: Transaction, userId: number) {
  await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .for("update");
  const [target] = await tx
    .select({ id: users.id, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!target) throw new AdminError("userNotFound");
  return target;
}

async function assertAnotherAdmin(tx: Transaction, userId: number): Promise<void> {
  const [row] = await tx
    .select({ others: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)));
  if (!row || row.others === 0) throw new AdminError("lastAdmin");
}

export async function changeUserRole(
  db: Database,
  input: Actor & { userId: number; role: Role },
): Promise<void> {
  await db.transaction(async (tx) => {
    const target = await lockTarget(tx, input.userId);
    if (target.role === input.role) return;
    if (target.role === "admin" && target.active) await assertAnotherAdmin(tx, target.id);
    await tx
      .update(users)
      .set({ role: input.role, updatedAt: sql`now()` })
      .where(eq(users.id, target.id));
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "change_role",
      entity: "user",
      entityId: target.id,
      before: { role: target.role },
      after: { role: input.role },
    });
  });
}

/** Deactivating also ends the person's sessions: their token's version no longer matches. */
export async function setUserActive(
  db: Database,
  input: Actor & { userId: number; active: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (!input.active && input.userId === input.actorId) {
      throw new AdminError("cannotDeactivateSelf");
    }
    const target = await lockTarget(tx, input.userId);
    if (target.active === input.active) return;
    if (!input.active && target.role === "admin") await assertAnotherAdmin(tx, target.id);
    await tx
      .update(users)
      .set({
        active: input.active,
        updatedAt: sql`now()`,
        ...(input.active ? {} : { sessionVersion: sql`${users.sessionVersion} + 1` }),
      })
      .where(eq(users.id, target.id));
    await writeAudit(tx, {
      actorId: input.actorId,
      action: input.active ? "reactivate" : "deactivate",
      entity: "user",
      entityId: target.id,
      before: { active: target.active },
      after: { active: input.active },
    });
  });
}

/** A new temporary password: the person's sessions end and they choose their own at sign-in. */
export async function resetUserPassword(
  db: Database,
  input: Actor & { userId: number; password: string },
): Promise<void> {
  if (input.userId === input.actorId) throw new AdminError("cannotResetSelf");
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, mustChangePassword: users.mustChangePassword })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!target) throw new AdminError("userNotFound");
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, target.id));
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "reset_password",
      entity: "user",
      entityId: target.id,
      before: { mustChangePassword: target.mustChangePassword },
      after: { mustChangePassword: true },
    });
  });
}

/**
 * The signed-in person's own change. Sessions are kept (the current one included), so the
 * person is not signed out by choosing a new password.
 */
export async function changeOwnPassword(
  db: Database,
  input: { userId: number; currentPassword: string; newPassword: string },
): Promise<void> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash, mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(eq(users.id, input.userId))
    .limit(1);
  if (!user) throw new AdminError("userNotFound");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AdminError("currentPasswordWrong");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    // Only if the hash is still the one verified above: a concurrent reset wins.
    const updated = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` })
      .where(and(eq(users.id, input.userId), eq(users.passwordHash, user.passwordHash)))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AdminError("currentPasswordWrong");
    await writeAudit(tx, {
      actorId: input.userId,
      action: "change_password",
      entity: "user",
      entityId: input.userId,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: false },
    });
  });
}

export type AuditFilter = {
  actorId?: number;
  entity?: string;
  action?: string;
  from?: string;
  to?: string;
};

export type AuditRow = {
  id: number;
  at: Date;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

export const AUDIT_PAGE_SIZE = 50;

/** Dates are whole days in Africa/Casablanca: `to` includes its whole day. */
function auditWhere(filter: AuditFilter): SQL | undefined {
  const day = (iso: string) => sql`(${iso}::date)::timestamp at time zone 'Africa/Casablanca'`;
  const nextDay = (iso: string) =>
    sql`(${iso}::date + 1)::timestamp at time zone 'Africa/Casablanca'`;
  return and(
    filter.actorId === undefined ? undefined : eq(auditLog.actorId, filter.actorId),
    filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.from ? sql`${auditLog.at} >= ${day(filter.from)}` : undefined,
    filter.to ? sql`${auditLog.at} < ${nextDay(filter.to)}` : undefined,
  );
}

export async function listAudit(
  db: Executor,
  filter: AuditFilter,
  page: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = auditWhere(filter);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: users.name,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((Math.max(page, 1) - 1) * AUDIT_PAGE_SIZE),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** The entities and actions present in the log, for the filters' selects. */
export async function auditFacets(
  db: Executor,
): Promise<{ entities: string[]; actions: string[] }> {
  const [entities, actions] = await Promise.all([
    db.selectDistinct({ value: auditLog.entity }).from(auditLog).orderBy(auditLog.entity),
    db.selectDistinct({ value: auditLog.action }).from(auditLog).orderBy(auditLog.action),
  ]);
  return { entities: entities.map((r) => r.value), actions: actions.map((r) => r.value) };
}
