import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, sql } from "drizzle-orm";
import { purgeExpiredSignInAttempts, SIGN_IN_ATTEMPTS_KEPT_DAYS } from "@/db/queries/throttle";
import { recordSignIn } from "@/db/queries/users";
import { loginAttempts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;

const daysAgo = (days: number) => sql`now() - make_interval(days => ${days}::int)`;

async function emails(): Promise<string[]> {
  const rows = await t.db
    .select({ email: loginAttempts.email })
    .from(loginAttempts)
    .orderBy(asc(loginAttempts.id));
  return rows.map((r) => r.email);
}

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.close();
});

describe("sign-in attempts retention (the privacy notice's promise)", () => {
  it("keeps attempts 90 days and deletes older ones at the next sign-in", async () => {
    expect(SIGN_IN_ATTEMPTS_KEPT_DAYS).toBe(90);
    await t.db.insert(loginAttempts).values([
      { email: "old@x.test", ip: "192.0.2.1", success: false, at: daysAgo(91) },
      { email: "recent@x.test", ip: "192.0.2.2", success: true, at: daysAgo(89) },
    ]);
    await recordSignIn(t.db, { email: "now@x.test", userId: null, success: false, ip: null });
    expect(await emails()).toEqual(["recent@x.test", "now@x.test"]);
  });

  it("looks only at the oldest rows by id, a batch at a time", async () => {
    await t.db.execute(sql`truncate table login_attempts`);
    await t.db.insert(loginAttempts).values([
      { email: "a@x.test", ip: null, success: false, at: daysAgo(200) },
      { email: "b@x.test", ip: null, success: false, at: daysAgo(1) },
      { email: "c@x.test", ip: null, success: false, at: daysAgo(150) },
    ]);
    expect(await purgeExpiredSignInAttempts(t.db, 2)).toBe(1);
    expect(await emails()).toEqual(["b@x.test", "c@x.test"]);
    expect(await purgeExpiredSignInAttempts(t.db, 2)).toBe(1);
    expect(await emails()).toEqual(["b@x.test"]);
  });
});
