import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { signInThrottle, type SignInLimits } from "@/db/queries/throttle";
import { auditLog, loginAttempts, users } from "@/db/schema";
import { parseEnv } from "@/lib/env";
import { hashPassword } from "@/lib/password";
import { authenticate, SignInThrottledError } from "@/lib/sign-in";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const PASSWORD = "correct horse battery";
const DEFAULTS: SignInLimits = { perAccount: 10, perAddress: 100, windowMinutes: 15 };

let t: TestDatabase;
const ids = new Map<string, number>();

beforeAll(async () => {
  t = await createTestDatabase();
  const passwordHash = await hashPassword(PASSWORD);
  const emails = ["reset", "known", "window", "office", "sprayed", "other", "racer"].map(
    (name) => `${name}@example.test`,
  );
  const rows = await t.db
    .insert(users)
    .values(emails.map((email) => ({ email, name: email, role: "staff" as const, passwordHash })))
    .returning({ id: users.id, email: users.email });
  for (const row of rows) ids.set(row.email, row.id);
});

afterAll(async () => {
  await t?.close();
});

function attempt(email: string, password: string, ip: string | null = "198.51.100.1") {
  return authenticate(t.db, { email, password, ip }, DEFAULTS);
}

async function refusal(promise: Promise<unknown>): Promise<SignInThrottledError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SignInThrottledError);
  return error as SignInThrottledError;
}

/** Failures written straight into the table, `secondsAgo` before the database's now. */
async function failures(email: string, n: number, secondsAgo: number, ip = "192.0.2.50") {
  await t.db.insert(loginAttempts).values(
    Array.from({ length: n }, () => ({
      email,
      ip,
      success: false,
      at: sql`now() - make_interval(secs => ${secondsAgo}::int)`,
    })),
  );
}

async function attemptsOf(email: string): Promise<number> {
  const [row] = await t.db
    .select({ n: count() })
    .from(loginAttempts)
    .where(eq(loginAttempts.email, email));
  return row!.n;
}

describe("sign-in limits from the environment", () => {
  it("default to 10 per account, 100 per address, in 15 minutes, and refuse nonsense", () => {
    const env = parseEnv({});
    expect([
      env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      env.LOGIN_MAX_FAILURES_PER_IP,
      env.LOGIN_WINDOW_MINUTES,
    ]).toEqual([10, 100, 15]);
    const set = parseEnv({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: "5",
      LOGIN_MAX_FAILURES_PER_IP: "40",
      LOGIN_WINDOW_MINUTES: "30",
    });
    expect([
      set.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      set.LOGIN_MAX_FAILURES_PER_IP,
      set.LOGIN_WINDOW_MINUTES,
    ]).toEqual([5, 40, 30]);
    expect(() => parseEnv({ LOGIN_MAX_FAILURES_PER_ACCOUNT: "0" })).toThrowError(
      /LOGIN_MAX_FAILURES_PER_ACCOUNT/,
    );
    expect(() => parseEnv({ LOGIN_WINDOW_MINUTES: "ten" })).toThrowError(/LOGIN_WINDOW_MINUTES/);
  });
});

describe("sign-in throttling per account", () => {
  it("counts failures since the last success: 9 then the right password signs in", async () => {
    const email = "reset@example.test";
    for (let i = 0; i < 9; i++) expect(await attempt(email, "wrong")).toBeNull();
    expect(await attempt(email, PASSWORD)).toMatchObject({ id: ids.get(email) });
    for (let i = 0; i < 9; i++) expect(await attempt(email, "wrong")).toBeNull();
    expect(await attempt(email, PASSWORD)).toMatchObject({ id: ids.get(email) });
    expect(await attemptsOf(email)).toBe(20);
  });

  it("refuses the 11th attempt after 10 failures, even with the right password", async () => {
    const email = "known@example.test";
    for (let i = 0; i < 10; i++) expect(await attempt(email, "wrong")).toBeNull();
    const error = await refusal(attempt(email, PASSWORD));
    expect([error.scope, error.retryAfterMinutes]).toEqual(["account", 15]);
    await refusal(attempt(" KNOWN@example.test ", PASSWORD, "203.0.113.99"));
    expect(await attemptsOf(email)).toBe(10);
  });

  it("throttles an unknown email the same way, with the same answer", async () => {
    const email = "nobody@example.test";
    for (let i = 0; i < 10; i++) expect(await attempt(email, "wrong")).toBeNull();
    const error = await refusal(attempt(email, "anything"));
    expect([error.name, error.scope, error.retryAfterMinutes]).toEqual([
      "SignInThrottledError",
      "account",
      15,
    ]);
    expect(await attemptsOf(email)).toBe(10);
  });

  it("audits each refusal, without recording it as a password check", async () => {
    const rows = await t.db
      .select({
        actorId: auditLog.actorId,
        entityId: auditLog.entityId,
        after: auditLog.after,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .where(eq(auditLog.action, "sign_in_throttled"))
      .orderBy(auditLog.id);
    const known = String(ids.get("known@example.test"));
    expect(rows).toEqual([
      {
        actorId: ids.get("known@example.test"),
        entityId: known,
        after: { email: "known@example.test", scope: "account", retry_after_minutes: 15 },
        ip: "198.51.100.1",
      },
      {
        actorId: ids.get("known@example.test"),
        entityId: known,
        after: { email: "known@example.test", scope: "account", retry_after_minutes: 15 },
        ip: "203.0.113.99",
      },
      {
        actorId: null,
        entityId: null,
        after: { email: "nobody@example.test", scope: "account", retry_after_minutes: 15 },
        ip: "198.51.100.1",
      },
    ]);
  });

  it("lifts the refusal when the 10th most recent failure leaves the 15-minute window", async () => {
    const email = "window@example.test";
    await failures(email, 1, 15 * 60 + 5);
    await failures(email, 9, 60);
    expect(await attempt(email, PASSWORD)).toMatchObject({ id: ids.get(email) });
    await failures("window-out@example.test", 1, 15 * 60 + 5);
    await failures("window-out@example.test", 9, 60);
    expect(await attempt("window-out@example.test", "wrong")).toBeNull();
    const later = await refusal(attempt("window-out@example.test", "wrong"));
    expect(later.retryAfterMinutes).toBe(14);
    await failures("window-in@example.test", 10, 14 * 60 + 30);
    const soon = await refusal(attempt("window-in@example.test", PASSWORD));
    expect([soon.scope, soon.retryAfterMinutes]).toEqual(["account", 1]);
  });

  it("tells how long is left, rounded up to the minute", async () => {
    const limits = DEFAULTS;
    await failures("minutes@example.test", 10, 5 * 60);
    const state = await signInThrottle(t.db, { email: "minutes@example.test", ip: null, limits });
    expect(state.blocked && state.scope).toBe("account");
    const seconds = state.blocked ? state.retryAfterSeconds : 0;
    expect(seconds).toBeGreaterThan(10 * 60 - 5);
    expect(seconds).toBeLessThanOrEqual(10 * 60);
    const error = await refusal(attempt("minutes@example.test", "x"));
    expect(error.retryAfterMinutes).toBe(10);
  });
});

describe("sign-in throttling per address", () => {
  it("refuses every account from an address after 100 failures from it", async () => {
    const ip = "203.0.113.7";
    await t.db.insert(loginAttempts).values(
      Array.from({ length: 99 }, (_, i) => ({
        email: `spray${i}@example.test`,
        ip,
        success: false,
      })),
    );
    expect(await attempt("sprayed@example.test", PASSWORD, ip)).toMatchObject({
      id: ids.get("sprayed@example.test"),
    });
    expect(await attempt("spray-last@example.test", "wrong", ip)).toBeNull();
    const error = await refusal(attempt("other@example.test", PASSWORD, ip));
    expect([error.scope, error.retryAfterMinutes]).toEqual(["address", 15]);
    expect(await attempt("other@example.test", PASSWORD, "203.0.113.8")).toMatchObject({
      id: ids.get("other@example.test"),
    });
  });

  it("is not reset by a success from the address, and ignores unknown addresses", async () => {
    const error = await refusal(attempt("sprayed@example.test", PASSWORD, "203.0.113.7"));
    expect(error.scope).toBe("address");
    expect(await attempt("sprayed@example.test", PASSWORD, null)).toMatchObject({
      id: ids.get("sprayed@example.test"),
    });
  });

  it("follows the configured limits", async () => {
    const limits = { perAccount: 2, perAddress: 3, windowMinutes: 1 };
    const ip = "198.51.100.200";
    await failures("tight@example.test", 1, 10, ip);
    expect(await signInThrottle(t.db, { email: "tight@example.test", ip, limits })).toEqual({
      blocked: false,
    });
    await failures("tight@example.test", 1, 70, ip);
    expect(await signInThrottle(t.db, { email: "tight@example.test", ip, limits })).toEqual({
      blocked: false,
    });
    await failures("tight@example.test", 1, 20, ip);
    const account = await signInThrottle(t.db, { email: "tight@example.test", ip, limits });
    expect(account.blocked && account.scope).toBe("account");
    await failures("loose@example.test", 1, 5, ip);
    const address = await signInThrottle(t.db, { email: "fresh@example.test", ip, limits });
    expect(address.blocked && address.scope).toBe("address");
  });
});

describe("sign-in throttling under concurrent attempts", () => {
  it("lets exactly one of five simultaneous attempts through at one failure below the limit", async () => {
    const email = "racer@example.test";
    await failures(email, 9, 30, "198.18.0.77");
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => attempt(email, "wrong guess", "198.18.0.77")),
    );
    const refused = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof SignInThrottledError,
    ).length;
    const checked = results.filter((r) => r.status === "fulfilled" && r.value === null).length;
    expect({ checked, refused }).toEqual({ checked: 1, refused: 4 });
    expect(await attemptsOf(email)).toBe(10);
    await refusal(attempt(email, PASSWORD, "198.18.0.77"));
  });
});
