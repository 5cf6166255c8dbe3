import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { useConnection } from "@/db";
import { findActiveUser } from "@/db/queries/users";
import { auditLog, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/password";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
const revalidated = vi.hoisted(() => [] as string[]);

vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
const request = vi.hoisted(() => ({ path: "/admin/users" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-pathname": request.path }),
  cookies: async () => ({ get: () => undefined, set: () => {} }),
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
vi.mock("next/cache", () => ({
  revalidatePath: (path: string) => {
    revalidated.push(path);
  },
}));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const {
  AdminError,
  changeOwnPassword,
  changeUserRole,
  createUserAccount,
  listUsers,
  resetUserPassword,
  setUserActive,
} = await import("@/db/queries/admin");
const { changeRoleAction, createUserAction, resetPasswordAction, setActiveAction } =
  await import("@/app/(app)/admin/users/actions");
const { changePasswordAction } = await import("@/app/(app)/account/actions");

const PASSWORD = "correct horse battery";
const TEMPORARY = /^[a-km-np-z2-9]{4}(-[a-km-np-z2-9]{4}){3}$/;
const ROLES = ["admin", "staff", "mentor", "official"] as const;
type Name = (typeof ROLES)[number];

let t: TestDatabase;
let passwordHash = "";
const id = {} as Record<Name, number>;

function signInAs(name: Name) {
  session.current = { user: { id: id[name], sv: 1, role: name, name, email: `${name}@x.test` } };
}

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

async function user(userId: number) {
  const [row] = await t.db.select().from(users).where(eq(users.id, userId));
  return row!;
}

async function audits() {
  return t.db.select().from(auditLog).orderBy(auditLog.id);
}

/** Everything an action could have written: users and the audit log. */
async function snapshot() {
  const [userRows, [entries]] = await Promise.all([
    t.db.select().from(users).orderBy(users.id),
    t.db.select({ n: count() }).from(auditLog),
  ]);
  return { userRows, entries: entries!.n };
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  passwordHash = await hashPassword(PASSWORD);
});

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  session.current = null;
  revalidated.length = 0;
  await t.db.execute(sql`truncate table audit_log, users restart identity cascade`);
  const rows = await t.db
    .insert(users)
    .values(ROLES.map((role) => ({ email: `${role}@x.test`, name: role, role, passwordHash })))
    .returning({ id: users.id, role: users.role });
  for (const row of rows) id[row.role] = row.id;
});

describe("user administration queries", () => {
  it("creates a user with a lower-case email, a flag to change the password, and its audit entry", async () => {
    const newId = await createUserAccount(t.db, {
      actorId: id.admin,
      name: "Salma Idrissi",
      email: " Salma.Idrissi@Example.TEST ",
      role: "mentor",
      locale: "fr",
      password: "temporary-pass-1",
    });
    const row = await user(newId);
    expect(row).toMatchObject({
      email: "salma.idrissi@example.test",
      role: "mentor",
      locale: "fr",
      active: true,
      mustChangePassword: true,
      sessionVersion: 1,
    });
    expect(await verifyPassword(row.passwordHash, "temporary-pass-1")).toBe(true);
    const [entry] = await audits();
    expect(entry).toMatchObject({
      actorId: id.admin,
      action: "create",
      entity: "user",
      entityId: String(newId),
      before: null,
      after: {
        name: "Salma Idrissi",
        email: "salma.idrissi@example.test",
        role: "mentor",
        locale: "fr",
        active: true,
      },
    });
  });

  it("writes the user and its audit entry in one transaction", async () => {
    // An actor that does not exist makes the audit insert fail: the user must not remain.
    await expect(
      createUserAccount(t.db, {
        actorId: 999_999,
        name: "Orphan",
        email: "orphan@x.test",
        role: "staff",
        locale: "ar",
        password: "temporary-pass-1",
      }),
    ).rejects.toThrow();
    expect(await t.db.select().from(users).where(eq(users.email, "orphan@x.test"))).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it("refuses a duplicate email, whatever its case, without writing anything", async () => {
    const before = await snapshot();
    const attempt = createUserAccount(t.db, {
      actorId: id.admin,
      name: "Again",
      email: "STAFF@x.test",
      role: "staff",
      locale: "ar",
      password: "temporary-pass-1",
    });
    await expect(attempt).rejects.toBeInstanceOf(AdminError);
    await expect(attempt).rejects.toMatchObject({ code: "emailTaken" });
    expect(await snapshot()).toEqual(before);
  });

  it("never demotes or deactivates the last active admin", async () => {
    const demote = changeUserRole(t.db, { actorId: id.staff, userId: id.admin, role: "staff" });
    await expect(demote).rejects.toMatchObject({ code: "lastAdmin" });
    const deactivate = setUserActive(t.db, { actorId: id.staff, userId: id.admin, active: false });
    await expect(deactivate).rejects.toMatchObject({ code: "lastAdmin" });
    // An inactive admin does not count as another admin.
    await t.db.update(users).set({ role: "admin", active: false }).where(eq(users.id, id.staff));
    await expect(
      changeUserRole(t.db, { actorId: id.mentor, userId: id.admin, role: "mentor" }),
    ).rejects.toMatchObject({ code: "lastAdmin" });
    expect(await user(id.admin)).toMatchObject({ role: "admin", active: true });
    expect(await audits()).toEqual([]);
  });

  it("changes a role when another admin remains, and audits before and after", async () => {
    await changeUserRole(t.db, { actorId: id.admin, userId: id.staff, role: "admin" });
    await changeUserRole(t.db, { actorId: id.staff, userId: id.admin, role: "official" });
    expect((await user(id.admin)).role).toBe("official");
    expect((await audits()).map((a) => [a.action, a.entityId, a.before, a.after])).toEqual([
      ["change_role", String(id.staff), { role: "staff" }, { role: "admin" }],
      ["change_role", String(id.admin), { role: "admin" }, { role: "official" }],
    ]);
  });

  it("refuses self-deactivation, even with another admin", async () => {
    await t.db.update(users).set({ role: "admin" }).where(eq(users.id, id.staff));
    await expect(
      setUserActive(t.db, { actorId: id.admin, userId: id.admin, active: false }),
    ).rejects.toMatchObject({ code: "cannotDeactivateSelf" });
    expect((await user(id.admin)).active).toBe(true);
  });

  it("ends the sessions of a deactivated user; reactivation lets a new sign-in through", async () => {
    await setUserActive(t.db, { actorId: id.admin, userId: id.mentor, active: false });
    expect(await user(id.mentor)).toMatchObject({ active: false, sessionVersion: 2 });
    await setUserActive(t.db, { actorId: id.admin, userId: id.mentor, active: true });
    expect(await user(id.mentor)).toMatchObject({ active: true, sessionVersion: 2 });
    expect(await findActiveUser(t.db, id.mentor, 1)).toBeNull();
    expect(await findActiveUser(t.db, id.mentor, 2)).toMatchObject({ id: id.mentor });
    expect((await audits()).map((a) => [a.action, a.before, a.after])).toEqual([
      ["deactivate", { active: true }, { active: false }],
      ["reactivate", { active: false }, { active: true }],
    ]);
  });

  it("resets a password: new hash, flag set, sessions ended, no hash in the audit log", async () => {
    await resetUserPassword(t.db, {
      actorId: id.admin,
      userId: id.staff,
      password: "new-temp-pass",
    });
    const row = await user(id.staff);
    expect(row).toMatchObject({ mustChangePassword: true, sessionVersion: 2 });
    expect(await verifyPassword(row.passwordHash, "new-temp-pass")).toBe(true);
    const [entry] = await audits();
    expect(entry).toMatchObject({
      action: "reset_password",
      entityId: String(id.staff),
      before: { mustChangePassword: false },
      after: { mustChangePassword: true },
    });
    expect(JSON.stringify(entry)).not.toContain("argon2");
    await expect(
      resetUserPassword(t.db, { actorId: id.admin, userId: id.admin, password: "x" }),
    ).rejects.toMatchObject({ code: "cannotResetSelf" });
  });

  it("changes one's own password only with the current one, keeping the session", async () => {
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, id.official));
    await expect(
      changeOwnPassword(t.db, {
        userId: id.official,
        currentPassword: "wrong",
        newPassword: "a brand new one",
      }),
    ).rejects.toMatchObject({ code: "currentPasswordWrong" });
    expect((await user(id.official)).passwordHash).toBe(passwordHash);
    await changeOwnPassword(t.db, {
      userId: id.official,
      currentPassword: PASSWORD,
      newPassword: "a brand new one",
    });
    const row = await user(id.official);
    expect(row).toMatchObject({ mustChangePassword: false, sessionVersion: 1 });
    expect(await verifyPassword(row.passwordHash, "a brand new one")).toBe(true);
    expect((await audits()).map((a) => [a.actorId, a.action, a.after])).toEqual([
      [id.official, "change_password", { mustChangePassword: false }],
    ]);
  });

  it("filters the user list by role and active state", async () => {
    await t.db.update(users).set({ active: false }).where(eq(users.id, id.mentor));
    expect((await listUsers(t.db, { role: "mentor" })).map((u) => u.name)).toEqual(["mentor"]);
    expect((await listUsers(t.db, { active: false })).map((u) => u.name)).toEqual(["mentor"]);
    expect((await listUsers(t.db, { active: true })).map((u) => u.name)).toEqual([
      "admin",
      "official",
      "staff",
    ]);
  });
});

describe("user administration actions", () => {
  const idle = { status: "idle" as const };

  it("lets an admin create a user and shows the temporary password once", async () => {
    signInAs("admin");
    const state = await createUserAction(
      { status: "idle", attempt: 0 },
      form({ name: "Karim Alaoui", email: "Karim@X.test", role: "staff", locale: "ar" }),
    );
    expect(state).toMatchObject({
      status: "created",
      attempt: 1,
      created: { email: "karim@x.test" },
    });
    expect(state.created!.temporaryPassword).toMatch(TEMPORARY);
    const [row] = await t.db.select().from(users).where(eq(users.email, "karim@x.test"));
    expect(row).toMatchObject({ name: "Karim Alaoui", mustChangePassword: true, locale: "ar" });
    expect(await verifyPassword(row!.passwordHash, state.created!.temporaryPassword)).toBe(true);
    expect(revalidated).toEqual(["/admin/users"]);
  });

  it("answers field errors as keys: duplicate email, bad email, missing name", async () => {
    signInAs("admin");
    const before = await snapshot();
    const duplicate = await createUserAction(
      { status: "idle", attempt: 3 },
      form({ name: "Dup", email: "MENTOR@x.test", role: "mentor", locale: "fr" }),
    );
    expect(duplicate).toMatchObject({
      status: "error",
      attempt: 4,
      fieldErrors: { email: ["emailTaken"] },
      values: { name: "Dup", email: "MENTOR@x.test" },
    });
    const invalid = await createUserAction(
      { status: "idle", attempt: 0 },
      form({ name: " ", email: "not-an-email", role: "boss", locale: "de" }),
    );
    expect(invalid.fieldErrors).toEqual({
      name: ["required"],
      email: ["emailInvalid"],
      role: ["roleInvalid"],
      locale: ["localeInvalid"],
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses self-deactivation and the last admin's demotion with a message key", async () => {
    signInAs("admin");
    expect(await setActiveAction(idle, form({ user_id: id.admin, active: "false" }))).toEqual({
      status: "error",
      error: "cannotDeactivateSelf",
    });
    // Demoting oneself when one is the only admin.
    expect(await changeRoleAction(idle, form({ user_id: id.admin, role: "staff" }))).toEqual({
      status: "error",
      error: "lastAdmin",
    });
    expect(await user(id.admin)).toMatchObject({ role: "admin", active: true });
  });

  it("changes roles, deactivates, reactivates and resets passwords for an admin", async () => {
    signInAs("admin");
    expect(await changeRoleAction(idle, form({ user_id: id.mentor, role: "staff" }))).toEqual({
      status: "done",
    });
    expect(await setActiveAction(idle, form({ user_id: id.mentor, active: "false" }))).toEqual({
      status: "done",
    });
    expect(await user(id.mentor)).toMatchObject({
      role: "staff",
      active: false,
      sessionVersion: 2,
    });
    await setActiveAction(idle, form({ user_id: id.mentor, active: "true" }));
    const reset = await resetPasswordAction(idle, form({ user_id: id.mentor }));
    expect(reset.status).toBe("done");
    expect(reset.temporaryPassword).toMatch(TEMPORARY);
    const row = await user(id.mentor);
    expect(row).toMatchObject({ active: true, mustChangePassword: true, sessionVersion: 3 });
    expect(await verifyPassword(row.passwordHash, reset.temporaryPassword!)).toBe(true);
    expect((await audits()).map((a) => a.action)).toEqual([
      "change_role",
      "deactivate",
      "reactivate",
      "reset_password",
    ]);
  });

  it("sends an admin who gave up the role home", async () => {
    await t.db.update(users).set({ role: "admin" }).where(eq(users.id, id.staff));
    signInAs("admin");
    await expect(
      changeRoleAction(idle, form({ user_id: id.admin, role: "staff" })),
    ).rejects.toThrow("REDIRECT /");
    expect((await user(id.admin)).role).toBe("staff");
  });

  it.each(["staff", "mentor", "official"] as const)(
    "refuses every admin action to %s and writes nothing",
    async (role) => {
      signInAs(role);
      const before = await snapshot();
      const attempts = [
        () =>
          createUserAction(
            { status: "idle", attempt: 0 },
            form({ name: "Intruder", email: "intruder@x.test", role: "admin", locale: "en" }),
          ),
        () => changeRoleAction(idle, form({ user_id: id[role], role: "admin" })),
        () => setActiveAction(idle, form({ user_id: id.admin, active: "false" })),
        () => resetPasswordAction(idle, form({ user_id: id.admin })),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toThrow("NOT_FOUND");
      expect(await snapshot()).toEqual(before);
      expect(revalidated).toEqual([]);
    },
  );

  it("sends anonymous callers to /login and an admin with a temporary password to /account", async () => {
    const before = await snapshot();
    await expect(resetPasswordAction(idle, form({ user_id: id.staff }))).rejects.toThrow(
      "REDIRECT /login",
    );
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, id.admin));
    signInAs("admin");
    await expect(resetPasswordAction(idle, form({ user_id: id.staff }))).rejects.toThrow(
      "REDIRECT /account",
    );
    expect((await snapshot()).entries).toBe(before.entries);
    expect((await user(id.staff)).passwordHash).toBe(passwordHash);
  });
});

describe("own password action", () => {
  const idle = { status: "idle" as const };
  const change = (fields: Record<string, string>) => changePasswordAction(idle, form(fields));

  it("checks the current password, the length and the confirmation", async () => {
    signInAs("mentor");
    expect(
      await change({
        current_password: "nope",
        new_password: "long enough 1",
        confirm_password: "long enough 1",
      }),
    ).toEqual({ status: "error", fieldErrors: { current_password: ["currentPasswordWrong"] } });
    expect(
      await change({
        current_password: PASSWORD,
        new_password: "short",
        confirm_password: "short",
      }),
    ).toEqual({ status: "error", fieldErrors: { new_password: ["passwordTooShort"] } });
    expect(
      await change({
        current_password: PASSWORD,
        new_password: "long enough 1",
        confirm_password: "long enough 2",
      }),
    ).toEqual({ status: "error", fieldErrors: { confirm_password: ["passwordMismatch"] } });
    expect(await change({ current_password: "", new_password: "", confirm_password: "" })).toEqual({
      status: "error",
      fieldErrors: {
        current_password: ["required"],
        new_password: ["required"],
        confirm_password: ["required"],
      },
    });
    expect((await user(id.mentor)).passwordHash).toBe(passwordHash);
    expect(await audits()).toEqual([]);
  });

  it.each(ROLES)("lets %s change their own password without ending the session", async (role) => {
    signInAs(role);
    const fields = {
      current_password: PASSWORD,
      new_password: "my own secret",
      confirm_password: "my own secret",
    };
    expect(await change(fields)).toEqual({ status: "changed" });
    const row = await user(id[role]);
    expect(row).toMatchObject({ mustChangePassword: false, sessionVersion: 1 });
    expect(await verifyPassword(row.passwordHash, "my own secret")).toBe(true);
    expect(await findActiveUser(t.db, id[role], 1)).not.toBeNull();
  });

  it("clears the first-sign-in flag and opens the platform", async () => {
    await t.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, id.staff));
    signInAs("staff");
    request.path = "/account";
    const fields = {
      current_password: PASSWORD,
      new_password: "my own secret",
      confirm_password: "my own secret",
    };
    await expect(change(fields)).rejects.toThrow("REDIRECT /");
    request.path = "/admin/users";
    expect(await user(id.staff)).toMatchObject({ mustChangePassword: false, sessionVersion: 1 });
  });
});
