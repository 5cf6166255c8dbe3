import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { endSessions, findActiveUser } from "@/db/queries/users";
import { auditLog, loginAttempts, users } from "@/db/schema";
import { hashPassword } from "@/lib/password";
import { authenticate, SignInThrottledError } from "@/lib/sign-in";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
let staffId = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  const passwordHash = await hashPassword("correct horse battery");
  const rows = await t.db
    .insert(users)
    .values([
      { email: "staff@example.test", name: "Staff", role: "staff", passwordHash },
      { email: "gone@example.test", name: "Gone", role: "mentor", passwordHash, active: false },
    ])
    .returning({ id: users.id });
  staffId = rows[0]!.id;
});

afterAll(async () => {
  await t?.close();
});

describe("sign-in", () => {
  it("accepts the right password, whatever the case of the email", async () => {
    const user = await authenticate(t.db, {
      email: " Staff@Example.test ",
      password: "correct horse battery",
      ip: "10.0.0.1",
    });
    expect(user).toMatchObject({
      id: staffId,
      role: "staff",
      email: "staff@example.test",
      sessionVersion: 1,
    });
    const [row] = await t.db.select().from(users).where(eq(users.id, staffId));
    expect(row!.lastLoginAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong password, an unknown account and a deactivated one alike", async () => {
    expect(await authenticate(t.db, { email: "staff@example.test", password: "wrong" })).toBeNull();
    expect(await authenticate(t.db, { email: "nobody@example.test", password: "x" })).toBeNull();
    expect(
      await authenticate(t.db, { email: "gone@example.test", password: "correct horse battery" }),
    ).toBeNull();
    expect(await authenticate(t.db, { email: 42, password: null })).toBeNull();
  });

  it("records every attempt and audits it", async () => {
    const attempts = await t.db.select().from(loginAttempts).orderBy(loginAttempts.id);
    expect(attempts.map((a) => [a.email, a.success])).toEqual([
      ["staff@example.test", true],
      ["staff@example.test", false],
      ["nobody@example.test", false],
      ["gone@example.test", false],
    ]);
    expect(attempts[0]!.ip).toBe("10.0.0.1");
    const audit = await t.db.select().from(auditLog).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual([
      "sign_in",
      "sign_in_failed",
      "sign_in_failed",
      "sign_in_failed",
    ]);
    expect(audit[2]!.actorId).toBeNull();
  });

  it("ends every session on sign-out: an old token's version no longer matches", async () => {
    expect(await findActiveUser(t.db, staffId, 1)).not.toBeNull();
    await endSessions(t.db, staffId, "sign_out");
    expect(await findActiveUser(t.db, staffId, 1)).toBeNull();
    expect(await findActiveUser(t.db, staffId, 2)).toMatchObject({ id: staffId });
  });

  it("ends access when an account is deactivated", async () => {
    await t.db.update(users).set({ active: false }).where(eq(users.id, staffId));
    expect(await findActiveUser(t.db, staffId, 2)).toBeNull();
  });

  it("saves the language chosen before signing in, and ignores an unknown one", async () => {
    const locale = async () =>
      (await t.db.select({ locale: users.locale }).from(users).where(eq(users.id, staffId)))[0]!
        .locale;
    await t.db.update(users).set({ active: true }).where(eq(users.id, staffId));
    const before = await locale();
    const refused = await authenticate(t.db, {
      email: "staff@example.test",
      password: "wrong",
      locale: "fr",
    });
    expect(refused).toBeNull();
    expect(await locale()).toBe(before);
    const user = await authenticate(t.db, {
      email: "staff@example.test",
      password: "correct horse battery",
      locale: "fr",
    });
    expect(user?.locale).toBe("fr");
    expect(await locale()).toBe("fr");
    const again = await authenticate(t.db, {
      email: "staff@example.test",
      password: "correct horse battery",
      locale: "xx",
    });
    expect(again?.locale).toBe("fr");
    expect(await locale()).toBe("fr");
  });

  it("counts failures under one email whatever its case and spaces, then refuses it", async () => {
    for (let i = 0; i < 10; i++) {
      const email = i % 2 ? " Case@Example.TEST " : "case@example.test";
      expect(await authenticate(t.db, { email, password: "wrong" })).toBeNull();
    }
    await expect(
      authenticate(t.db, { email: "CASE@example.test", password: "wrong" }),
    ).rejects.toBeInstanceOf(SignInThrottledError);
  });
});
