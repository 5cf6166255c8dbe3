import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { useConnection } from "@/db";
import { auditLog, users } from "@/db/schema";
import { hashPassword } from "@/lib/password";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
const request = vi.hoisted(() => ({ path: "/admin/users" }));

vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
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
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const { createUserAction, resetPasswordAction } = await import("@/app/(app)/admin/users/actions");
const { changePasswordAction } = await import("@/app/(app)/account/actions");
const { authenticate, SignInThrottledError } = await import("@/lib/sign-in");

const ADMIN_PASSWORD = "admin-plain-password-1";
const CHOSEN_PASSWORD = "my-own-chosen-password";
const WRONG_GUESS = "a-wrong-guess-123";
const LIMITS = { perAccount: 2, perAddress: 50, windowMinutes: 15 };

let t: TestDatabase;
let adminId = 0;
/** Every plaintext password and every hash the flows below produced. */
const secrets = new Set<string>([ADMIN_PASSWORD, CHOSEN_PASSWORD, WRONG_GUESS]);

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

async function rememberHashes() {
  for (const row of await t.db.select({ hash: users.passwordHash }).from(users)) {
    secrets.add(row.hash);
  }
}

/** Every key of a JSON value, with the value it holds, at any depth. */
function entries(value: unknown, out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(value)) for (const item of value) entries(item, out);
  else if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      out.push([key, child]);
      entries(child, out);
    }
  }
  return out;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  const [admin] = await t.db
    .insert(users)
    .values({
      email: "admin@x.test",
      name: "Admin",
      role: "admin",
      passwordHash: await hashPassword(ADMIN_PASSWORD),
    })
    .returning({ id: users.id });
  adminId = admin!.id;
  await rememberHashes();
});

afterAll(async () => {
  await t?.close();
});

describe("the audit log never holds passwords or tokens", () => {
  it("after creating a user, resetting, changing and signing in with passwords", async () => {
    session.current = { user: { id: adminId, sv: 1, role: "admin" } };
    request.path = "/admin/users";
    const created = await createUserAction(
      { status: "idle", attempt: 0 },
      form({ name: "Salma Idrissi", email: "salma@x.test", role: "mentor", locale: "fr" }),
    );
    expect(created.status).toBe("created");
    const first = created.created!.temporaryPassword;
    secrets.add(first);
    const [salma] = await t.db.select().from(users).where(eq(users.email, "salma@x.test"));
    await rememberHashes();

    const reset = await resetPasswordAction({ status: "idle" }, form({ user_id: salma!.id }));
    expect(reset.status).toBe("done");
    const temporary = reset.temporaryPassword!;
    secrets.add(temporary);
    await rememberHashes();

    // Sign-ins: a success with the temporary password, failures, then a refusal past the limit.
    const ip = "192.0.2.10";
    expect(
      await authenticate(t.db, { email: "salma@x.test", password: temporary, ip }, LIMITS),
    ).not.toBeNull();
    expect(
      await authenticate(t.db, { email: "salma@x.test", password: WRONG_GUESS, ip }, LIMITS),
    ).toBeNull();
    expect(
      await authenticate(t.db, { email: "salma@x.test", password: `${WRONG_GUESS}!`, ip }, LIMITS),
    ).toBeNull();
    secrets.add(`${WRONG_GUESS}!`);
    await expect(
      authenticate(t.db, { email: "salma@x.test", password: CHOSEN_PASSWORD, ip }, LIMITS),
    ).rejects.toBeInstanceOf(SignInThrottledError);
    expect(
      await authenticate(t.db, { email: "nobody@x.test", password: WRONG_GUESS, ip }, LIMITS),
    ).toBeNull();

    // The person's own change at first sign-in (the reset raised the session version to 2).
    session.current = { user: { id: salma!.id, sv: 2, role: "mentor" } };
    request.path = "/account";
    await expect(
      changePasswordAction(
        { status: "idle" },
        form({
          current_password: temporary,
          new_password: CHOSEN_PASSWORD,
          confirm_password: CHOSEN_PASSWORD,
        }),
      ),
    ).rejects.toThrow("REDIRECT /");
    await rememberHashes();
    expect(
      await authenticate(t.db, { email: "admin@x.test", password: ADMIN_PASSWORD, ip }, LIMITS),
    ).not.toBeNull();

    const rows = await t.db.select().from(auditLog).orderBy(auditLog.id);
    // Each flow wrote its entries: the check below reads real rows, not an empty log.
    expect(rows.map((r) => r.action)).toEqual([
      "create",
      "reset_password",
      "sign_in",
      "sign_in_failed",
      "sign_in_failed",
      "sign_in_throttled",
      "sign_in_failed",
      "change_password",
      "sign_in",
    ]);
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      const text = JSON.stringify([row.before, row.after, row.ip]);
      expect(text, row.action).not.toContain("$argon2");
      for (const secret of secrets) expect(text, row.action).not.toContain(secret);
      // A key about a password, token or secret may only say whether (a flag), never what.
      for (const [key, value] of entries([row.before, row.after])) {
        if (/pass|token|secret|hash|salt/i.test(key)) expect(typeof value, key).toBe("boolean");
      }
    }
  });
});
