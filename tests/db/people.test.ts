import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { rowsOf, useConnection } from "@/db";
import { seedReference } from "@/db/seed/reference";
import { auditLog, cooperatives, loginAttempts, mentoringSessions, users } from "@/db/schema";
import { hashPassword } from "@/lib/password";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
const revalidated = vi.hoisted(() => [] as string[]);

vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-pathname": "/admin/people" }),
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

const { createUserAccount } = await import("@/db/queries/admin");
const { createCooperative } = await import("@/db/queries/cooperative-record");
const { correctContact, groupPeople, searchPeople } = await import("@/db/queries/people");
const { recordSignIn } = await import("@/db/queries/users");
const { correctContactAction, erasePersonAction } =
  await import("@/app/(app)/admin/people/actions");
const { GET } = await import("@/app/api/admin/people/export/route");

const ROLES = ["admin", "staff", "mentor", "official"] as const;
type Name = (typeof ROLES)[number];
const IDLE = { status: "idle" } as const;

/** The person whose data is exported, corrected and erased: a mentor and a cooperative's contact. */
const FATIMA = {
  name: "فاطمة الزهراء العلوي",
  email: "fz.alaoui@example.ma",
  phone: "0612345678",
  address: "دوار آيت سبع، صفرو",
  oldAddress: "دوار قديم، صفرو",
  password: "fatima-secret-pass",
};
const DRISS = {
  name: "إدريس بناني",
  latin: "Driss Bennani",
  phone: "0698765432",
  email: "driss@example.ma",
  address: "12 rue Atlas, Fès",
  registration: "AE-FES-2026-0042",
};
const AMINA = {
  name: "Amina Tazi",
  phone: "0700000001",
  email: "amina@example.ma",
  address: "Douar Ait Sebaa, Sefrou",
};

let t: TestDatabase;
let passwordHash = "";
const id = {} as Record<Name | "fatima" | "coopA" | "coopB" | "coopC", number>;

function signInAs(name: Name) {
  session.current = { user: { id: id[name], sv: 1, role: name, name, email: `${name}@x.test` } };
}

function form(fields: Record<string, string | number | (string | number)[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, String(v));
  }
  return data;
}

async function coop(coopId: number) {
  const [row] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, coopId));
  return row!;
}

async function auditCount(): Promise<number> {
  const [row] = await t.db.select({ n: count() }).from(auditLog);
  return row!.n;
}

/** Every place a value could remain: the records, the audit log, the sign-in attempts. */
async function everything(): Promise<string> {
  const [coops, accounts, audit, attempts] = await Promise.all([
    t.db.select().from(cooperatives).orderBy(cooperatives.id),
    t.db.select().from(users).orderBy(users.id),
    t.db.select().from(auditLog).orderBy(auditLog.id),
    t.db.select().from(loginAttempts).orderBy(loginAttempts.id),
  ]);
  return JSON.stringify({ coops, accounts, audit, attempts });
}

/** How many audit rows hold `value` in their before or after JSON. */
async function auditMentions(value: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await t.db.execute(
      sql`select count(*)::int as n from audit_log where strpos(coalesce(before::text, '') || coalesce(after::text, ''), ${value}) > 0`,
    ),
  );
  return row!.n;
}

async function exportAs(query: string) {
  return GET(new NextRequest(`http://localhost/api/admin/people/export${query}`));
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  passwordHash = await hashPassword("staff-password");
});

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  session.current = null;
  revalidated.length = 0;
  await t.db.execute(
    sql`truncate table audit_log, login_attempts, mentoring_sessions, stage_changes, milestones, cooperatives, users restart identity cascade`,
  );
  const rows = await t.db
    .insert(users)
    .values(ROLES.map((role) => ({ email: `${role}@x.test`, name: role, role, passwordHash })))
    .returning({ id: users.id, role: users.role });
  for (const row of rows) id[row.role] = row.id;
  id.fatima = await createUserAccount(t.db, {
    actorId: id.admin,
    name: FATIMA.name,
    email: FATIMA.email,
    role: "mentor",
    locale: "ar",
    password: FATIMA.password,
  });
  await t.db.update(users).set({ phone: FATIMA.phone }).where(eq(users.id, id.fatima));
  const today = "2026-11-29";
  const base = { sector: "agriculture" as const, province: "sefrou", area: "rural" as const };
  id.coopA = await createCooperative(
    t.db,
    id.staff,
    {
      ...base,
      name: "تعاونية الأمل",
      legalForm: "cooperative",
      contactName: FATIMA.name,
      phone: FATIMA.phone,
      email: FATIMA.email,
      address: FATIMA.oldAddress,
    },
    today,
  );
  // An earlier address, kept in the audit log's history of the record.
  await correctContact(t.db, {
    actorId: id.staff,
    cooperativeId: id.coopA,
    version: 1,
    contactName: FATIMA.name,
    phone: FATIMA.phone,
    email: FATIMA.email,
    address: FATIMA.address,
  });
  id.coopB = await createCooperative(
    t.db,
    id.staff,
    {
      ...base,
      sector: "handicraft",
      province: "fes",
      area: "urban",
      name: DRISS.name,
      nameLatin: DRISS.latin,
      legalForm: "auto_entrepreneur",
      registrationNumber: DRISS.registration,
      contactName: DRISS.latin,
      phone: DRISS.phone,
      email: DRISS.email,
      address: DRISS.address,
    },
    today,
  );
  id.coopC = await createCooperative(
    t.db,
    id.staff,
    {
      ...base,
      name: "تعاونية النور",
      legalForm: "cooperative",
      contactName: AMINA.name,
      phone: AMINA.phone,
      email: AMINA.email,
      address: AMINA.address,
    },
    today,
  );
  await t.db.insert(mentoringSessions).values({
    cooperativeId: id.coopA,
    mentorId: id.fatima,
    heldOn: "2026-11-02",
    durationMinutes: 90,
    mode: "field_visit",
    topics: ["governance"],
    notes: "ملاحظات الجلسة الأولى",
  });
  await recordSignIn(t.db, {
    email: FATIMA.email,
    userId: id.fatima,
    success: true,
    ip: "10.0.0.7",
  });
  await recordSignIn(t.db, {
    email: FATIMA.email,
    userId: id.fatima,
    success: false,
    ip: "10.0.0.8",
  });
  await recordSignIn(t.db, { email: AMINA.email, userId: null, success: false, ip: "10.0.0.9" });
});

describe("searchPeople", () => {
  it("finds a contact by a folded Arabic name (ta marbuta, hamza), an account too", async () => {
    const hits = await searchPeople(t.db, "فاطمه الزهراء");
    expect(hits.contacts.map((c) => c.cooperativeId)).toEqual([id.coopA]);
    expect(hits.users.map((u) => u.userId)).toEqual([id.fatima]);
  });

  it("finds by phone as typed, in international format", async () => {
    const hits = await searchPeople(t.db, "+212 6 12 34 56 78");
    expect(hits.contacts.map((c) => c.cooperativeId)).toEqual([id.coopA]);
    expect(hits.users.map((u) => u.userId)).toEqual([id.fatima]);
  });

  it("finds by email whatever its case", async () => {
    const hits = await searchPeople(t.db, "FZ.Alaoui@Example.MA");
    expect(hits.contacts.map((c) => c.cooperativeId)).toEqual([id.coopA]);
    expect(hits.users.map((u) => u.userId)).toEqual([id.fatima]);
  });

  it("finds an auto-entrepreneur by the registered name, but not a cooperative by its name", async () => {
    expect((await searchPeople(t.db, "ادريس")).contacts.map((c) => c.cooperativeId)).toEqual([
      id.coopB,
    ]);
    expect((await searchPeople(t.db, "تعاونية النور")).contacts).toEqual([]);
  });

  it("groups an account and a contact sharing a phone or an email into one person", async () => {
    const groups = groupPeople(await searchPeople(t.db, "فاطمة"));
    expect(groups.map((g) => g.selector)).toEqual([
      { userId: id.fatima, cooperativeIds: [id.coopA] },
    ]);
  });
});

describe("GET /api/admin/people/export", () => {
  it("answers 401 signed out and 403 to every other role, writing nothing", async () => {
    const before = await auditCount();
    expect((await exportAs(`?user=${id.fatima}`)).status).toBe(401);
    for (const role of ["staff", "mentor", "official"] as const) {
      signInAs(role);
      expect((await exportAs(`?user=${id.fatima}`)).status).toBe(403);
    }
    expect(await auditCount()).toBe(before);
  });

  it("answers 400 without a person and 404 for a record that does not exist", async () => {
    signInAs("admin");
    expect((await exportAs("")).status).toBe(400);
    expect((await exportAs("?cooperative=abc")).status).toBe(400);
    expect((await exportAs("?cooperative=999999")).status).toBe(404);
  });

  it("downloads everything held about the person, without the password hash, and audits it", async () => {
    signInAs("admin");
    const response = await exportAs(`?user=${id.fatima}&cooperative=${id.coopA}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="personal-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const text = await response.text();
    expect(text).not.toContain("$argon2");
    expect(text).not.toMatch(/password_?hash/i);
    const document = JSON.parse(text);
    expect(document.subject).toEqual({ user_id: id.fatima, cooperative_ids: [id.coopA] });
    expect(document.cooperatives).toHaveLength(1);
    expect(document.cooperatives[0]).toMatchObject({
      id: id.coopA,
      contact_name: FATIMA.name,
      phone: FATIMA.phone,
      email: FATIMA.email,
      address: FATIMA.address,
    });
    expect(document.user).toMatchObject({
      id: id.fatima,
      email: FATIMA.email,
      name: FATIMA.name,
      phone: FATIMA.phone,
      role: "mentor",
    });
    expect(Object.keys(document.user)).not.toContain("session_version");
    expect(document.mentoring_sessions).toHaveLength(1);
    expect(document.mentoring_sessions[0]).toMatchObject({
      cooperative_id: id.coopA,
      notes: "ملاحظات الجلسة الأولى",
    });
    // create + correction of the record, creation of the account, a sign-in and a failure
    const actions = document.audit_log.map((e: { action: string; entity: string }) => [
      e.entity,
      e.action,
    ]);
    expect(actions).toEqual([
      ["user", "create"],
      ["cooperative", "create"],
      ["cooperative", "correct_contact"],
      ["user", "sign_in"],
      ["user", "sign_in_failed"],
    ]);
    expect(document.sign_in_attempts.map((a: { ip: string }) => a.ip)).toEqual([
      "10.0.0.7",
      "10.0.0.8",
    ]);
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "export_personal_data"));
    expect(entry).toMatchObject({
      actorId: id.admin,
      entity: "person",
      entityId: String(id.fatima),
      after: {
        user_id: id.fatima,
        cooperative_ids: [id.coopA],
        mentoring_sessions: 1,
        audit_entries: 5,
        sign_in_attempts: 2,
      },
    });
  });
});

describe("correctContactAction", () => {
  const fields = () => ({
    cooperative_id: id.coopA,
    version: 2,
    contact_name: FATIMA.name,
    phone: "06 11 22 33 44",
    email: "New.Address@Example.MA",
    address: FATIMA.address,
  });

  it("corrects the contact with the cooperative form's rules, audited before and after", async () => {
    signInAs("admin");
    expect(await correctContactAction(IDLE, form(fields()))).toEqual({ status: "saved" });
    expect(await coop(id.coopA)).toMatchObject({
      phone: "0611223344",
      email: "new.address@example.ma",
      version: 3,
    });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "correct_contact"))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(entry).toMatchObject({
      actorId: id.admin,
      entity: "cooperative",
      entityId: String(id.coopA),
      before: { phone: FATIMA.phone, email: FATIMA.email },
      after: { phone: "0611223344", email: "new.address@example.ma" },
    });
  });

  it("refuses a bad phone and email, and a stale version, writing nothing", async () => {
    signInAs("admin");
    const before = await everything();
    const invalid = await correctContactAction(
      IDLE,
      form({ ...fields(), phone: "12345", email: "not-an-email" }),
    );
    expect(invalid).toMatchObject({
      status: "error",
      fieldErrors: { phone: "invalidPhone", email: "invalidEmail" },
    });
    const stale = await correctContactAction(IDLE, form({ ...fields(), version: 1 }));
    expect(stale).toEqual({ status: "error", error: "conflict" });
    const missing = await correctContactAction(IDLE, form({ ...fields(), cooperative_id: 999999 }));
    expect(missing).toEqual({ status: "error", error: "notFound" });
    expect(await everything()).toBe(before);
  });

  it("is refused to every other role, writing nothing", async () => {
    const before = await everything();
    for (const role of ["staff", "mentor", "official"] as const) {
      signInAs(role);
      await expect(correctContactAction(IDLE, form(fields()))).rejects.toThrow("NOT_FOUND");
    }
    session.current = null;
    await expect(correctContactAction(IDLE, form(fields()))).rejects.toThrow("REDIRECT /login");
    expect(await everything()).toBe(before);
  });
});

describe("erasePersonAction", () => {
  const eraseFatima = () => form({ user: id.fatima, cooperative: [id.coopA], confirm: "on" });

  it("blanks the contact, anonymizes the account, redacts earlier audit entries", async () => {
    signInAs("admin");
    await expect(erasePersonAction(IDLE, eraseFatima())).rejects.toThrow(
      "REDIRECT /admin/people?erased=1",
    );
    expect(await coop(id.coopA)).toMatchObject({
      name: "تعاونية الأمل",
      contactName: null,
      phone: null,
      email: null,
      address: null,
      version: 3,
    });
    const [account] = await t.db.select().from(users).where(eq(users.id, id.fatima));
    expect(account).toMatchObject({
      name: "[erased]",
      email: `erased-${id.fatima}@erased.invalid`,
      phone: null,
      active: false,
      sessionVersion: 2,
    });
    const all = await everything();
    for (const value of [
      FATIMA.name,
      FATIMA.email,
      FATIMA.phone,
      FATIMA.address,
      FATIMA.oldAddress,
    ]) {
      expect(all, value).not.toContain(value);
    }
    expect(await auditMentions("[erased]")).toBeGreaterThanOrEqual(4);
    // Their sign-ins keep their place in the log, without the address they came from.
    const signIns = await t.db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id.fatima)));
    expect(signIns.every((row) => row.ip === null)).toBe(true);
    expect(
      await t.db.select().from(loginAttempts).where(eq(loginAttempts.email, FATIMA.email)),
    ).toEqual([]);
    // The sessions they logged stay: they account for the mentoring that was paid for.
    expect(await t.db.select({ n: count() }).from(mentoringSessions)).toEqual([{ n: 1 }]);
    // Somebody else's data is untouched.
    expect(await coop(id.coopC)).toMatchObject({ contactName: AMINA.name, phone: AMINA.phone });
    expect(await auditMentions(AMINA.phone)).toBe(1);
    expect(await auditMentions(AMINA.email)).toBe(2);
    expect(revalidated).toEqual(["/admin/people", "/cooperatives"]);
  });

  it("writes one erasure entry naming the records and fields, never the values", async () => {
    signInAs("admin");
    await expect(erasePersonAction(IDLE, eraseFatima())).rejects.toThrow("REDIRECT");
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "erase_personal_data"));
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ actorId: id.admin, entity: "person", before: null });
    expect(entry!.after).toMatchObject({
      user_id: id.fatima,
      cooperative_ids: [id.coopA],
      cooperatives: [{ id: id.coopA, fields: ["contact_name", "phone", "email", "address"] }],
      user_fields: ["name", "email", "phone"],
      user_deactivated: true,
      sign_in_attempts_deleted: 2,
    });
    const text = JSON.stringify(entry);
    for (const value of [FATIMA.name, FATIMA.email, FATIMA.phone, FATIMA.address]) {
      expect(text).not.toContain(value);
    }
  });

  it("erases an auto-entrepreneur's registered name and number with the contact", async () => {
    signInAs("admin");
    await expect(
      erasePersonAction(IDLE, form({ cooperative: id.coopB, confirm: "on" })),
    ).rejects.toThrow("REDIRECT");
    expect(await coop(id.coopB)).toMatchObject({
      name: `[erased] #${id.coopB}`,
      nameLatin: null,
      registrationNumber: null,
      contactName: null,
      phone: null,
    });
    const all = await everything();
    for (const value of [
      DRISS.name,
      DRISS.latin,
      DRISS.phone,
      DRISS.email,
      DRISS.address,
      DRISS.registration,
    ]) {
      expect(all, value).not.toContain(value);
    }
  });

  it("removes a name from other entries only where a name is kept, not a role that reads the same", async () => {
    signInAs("admin");
    // The account named "mentor": its name equals the role key in Fatima's account entry.
    await expect(erasePersonAction(IDLE, form({ user: id.mentor, confirm: "on" }))).rejects.toThrow(
      "REDIRECT",
    );
    const [created] = await t.db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${String(id.fatima)} and ${auditLog.action} = 'create'`);
    expect(created!.after).toMatchObject({ name: FATIMA.name, role: "mentor" });
    const [account] = await t.db.select().from(users).where(eq(users.id, id.mentor));
    expect(account).toMatchObject({ name: "[erased]", active: false });
  });

  it("asks for the confirmation, refuses one's own account, and writes nothing then", async () => {
    signInAs("admin");
    const before = await everything();
    expect(
      await erasePersonAction(IDLE, form({ user: id.fatima, cooperative: [id.coopA] })),
    ).toEqual({ status: "error", error: "confirmRequired" });
    expect(await erasePersonAction(IDLE, form({ confirm: "on" }))).toEqual({
      status: "error",
      error: "nothingSelected",
    });
    expect(await erasePersonAction(IDLE, form({ user: id.admin, confirm: "on" }))).toEqual({
      status: "error",
      error: "cannotEraseSelf",
    });
    expect(
      await erasePersonAction(
        IDLE,
        form({ user: id.fatima, cooperative: [999999], confirm: "on" }),
      ),
    ).toEqual({ status: "error", error: "notFound" });
    expect(await everything()).toBe(before);
  });

  it("is refused to every other role, writing nothing", async () => {
    const before = await everything();
    for (const role of ["staff", "mentor", "official"] as const) {
      signInAs(role);
      await expect(erasePersonAction(IDLE, eraseFatima())).rejects.toThrow("NOT_FOUND");
    }
    session.current = null;
    await expect(erasePersonAction(IDLE, eraseFatima())).rejects.toThrow("REDIRECT /login");
    expect(await everything()).toBe(before);
  });
});
