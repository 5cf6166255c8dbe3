import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rowsOf, useConnection } from "@/db";
import { seedReference } from "@/db/seed/reference";
import {
  cohorts,
  cooperatives,
  mentorAssignments,
  programs,
  stageChanges,
  users,
} from "@/db/schema";
import { todayIso } from "@/lib/dates";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
const revalidated = vi.hoisted(() => [] as string[]);

vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
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

const { archiveAction, changeStageAction, saveCooperative } =
  await import("@/app/(app)/cooperatives/actions");

const ROLES = ["admin", "staff", "mentor", "official"] as const;
type Name = (typeof ROLES)[number];
const IDLE = { status: "idle" } as const;

let t: TestDatabase;
const id = {} as Record<Name, number>;
let cohortId = 0;
/** A cooperative every role tries to change. */
let target = 0;

function signInAs(name: Name) {
  session.current = { user: { id: id[name], sv: 1, role: name, name, email: `${name}@x.test` } };
}

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

/** A complete, valid form as a person fills it in (phone and amount as typed). */
function validFields(): Record<string, string> {
  return {
    name: "تعاونية الأمل للكسكس",
    name_latin: "Coopérative Al Amal du couscous",
    legal_form: "cooperative",
    sector: "food_products",
    province: "sefrou",
    commune: "Imouzzer Kandar",
    area: "rural",
    registration_number: "412/2023",
    registered_on: "2023-05-10",
    court: "Tribunal de première instance de Sefrou",
    founded_on: "2023-03-01",
    women_coop: "on",
    members_total: "12",
    members_women: "9",
    members_youth: "4",
    share_capital_mad: "1 500,50",
    cohort_id: String(cohortId),
    contact_name: "Fatima Zahra",
    phone: "+212 6 12 34 56 78",
    email: "Contact@Example.MA",
    address: "Douar Ait Sebaa",
  };
}

type Counts = { cooperatives: number; stage_changes: number; audit_log: number };

async function counts(): Promise<Counts> {
  const [row] = rowsOf<Counts>(
    await t.db.execute(sql`select
      (select count(*)::int from cooperatives) as cooperatives,
      (select count(*)::int from stage_changes) as stage_changes,
      (select count(*)::int from audit_log) as audit_log`),
  );
  return row!;
}

async function rowOf(coopId: number) {
  const [row] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, coopId));
  return row!;
}

/** Runs a save that must end in the redirect to the record, and returns the record's id. */
async function savedId(fields: Record<string, string | number>): Promise<number> {
  const error = await saveCooperative(IDLE, form(fields)).then(
    (state) => new Error(`no redirect: ${JSON.stringify(state)}`),
    (thrown: unknown) => thrown as Error,
  );
  const match = /^REDIRECT \/cooperatives\/(\d+)$/.exec(error.message);
  expect(match, error.message).not.toBeNull();
  return Number(match![1]);
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const rows = await t.db
    .insert(users)
    .values(
      ROLES.map((role) => ({
        email: `${role}@x.test`,
        name: role,
        role,
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, role: users.role });
  for (const row of rows) id[row.role] = row.id;
  const [program] = await t.db
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.key, "moazara"));
  const [cohort] = await t.db
    .insert(cohorts)
    .values({
      name: "Cohorte test",
      programId: program!.id,
      startOn: "2026-01-05",
      endOn: "2026-12-31",
      capacity: 20,
      status: "active",
    })
    .returning({ id: cohorts.id });
  cohortId = cohort!.id;
  const [coop] = await t.db
    .insert(cooperatives)
    .values({
      name: "تعاونية الهدف",
      legalForm: "cooperative",
      sector: "agriculture",
      province: "taza",
      area: "rural",
      membersTotal: 5,
    })
    .returning({ id: cooperatives.id });
  target = coop!.id;
  // the mentor is even assigned to it: mentors still may not change a record
  await t.db
    .insert(mentorAssignments)
    .values({ mentorId: id.mentor, cooperativeId: target, startOn: "2026-01-05" });
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  session.current = null;
  revalidated.length = 0;
});

describe.each(["admin", "staff"] as const)("as %s", (role) => {
  it("creates a record and lands on its page", async () => {
    signInAs(role);
    const before = await counts();
    const coopId = await savedId(validFields());
    expect(await counts()).toEqual({
      cooperatives: before.cooperatives + 1,
      stage_changes: before.stage_changes + 1,
      audit_log: before.audit_log + 1,
    });
    expect(revalidated).toEqual(["/cooperatives"]);
    const row = await rowOf(coopId);
    expect(row).toMatchObject({
      name: "تعاونية الأمل للكسكس",
      nameLatin: "Coopérative Al Amal du couscous",
      legalForm: "cooperative",
      sector: "food_products",
      province: "sefrou",
      area: "rural",
      registeredOn: "2023-05-10",
      foundedOn: "2023-03-01",
      womenCoop: true,
      membersTotal: 12,
      membersWomen: 9,
      membersYouth: 4,
      shareCapitalMad: "1500.50",
      cohortId,
      phone: "0612345678",
      email: "contact@example.ma",
      stage: "applicant",
      version: 1,
      createdBy: id[role],
      archivedAt: null,
    });
    const history = await t.db
      .select()
      .from(stageChanges)
      .where(eq(stageChanges.cooperativeId, coopId));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      fromStage: null,
      toStage: "applicant",
      changedBy: id[role],
      changedOn: todayIso(),
    });
  });

  it("edits with the current version, and reports a conflict for a stale one", async () => {
    signInAs(role);
    const coopId = await savedId(validFields());
    const edited = { ...validFields(), id: coopId, version: 1, members_total: "15" };
    expect(await savedId(edited)).toBe(coopId);
    const afterEdit = await rowOf(coopId);
    expect(afterEdit.membersTotal).toBe(15);
    expect(afterEdit.version).toBe(2);

    // someone still on version 1 changes the name and the commune
    const before = await counts();
    const state = await saveCooperative(
      IDLE,
      form({ ...validFields(), id: coopId, version: 1, name: "اسم آخر", commune: "Sefrou" }),
    );
    expect(state).toMatchObject({ status: "conflict", version: 2 });
    expect(state.conflicts).toEqual([
      { field: "name", theirs: "تعاونية الأمل للكسكس", yours: "اسم آخر" },
      { field: "commune", theirs: "Imouzzer Kandar", yours: "Sefrou" },
      { field: "members_total", theirs: "15", yours: "12" },
    ]);
    expect(state.values?.name).toBe("اسم آخر");
    expect(await counts()).toEqual(before);
    expect(await rowOf(coopId)).toEqual(afterEdit);
  });

  it("answers not_found for an edit of a record that does not exist", async () => {
    signInAs(role);
    const before = await counts();
    const state = await saveCooperative(IDLE, form({ ...validFields(), id: 999_999, version: 1 }));
    expect(state).toEqual({ status: "not_found" });
    expect(await counts()).toEqual(before);
  });

  it("changes the stage with a reason, and refuses a short reason or the same stage", async () => {
    signInAs(role);
    const coopId = await savedId(validFields());
    const before = await counts();
    expect(
      await changeStageAction(IDLE, form({ id: coopId, to: "selected", reason: "ok" })),
    ).toEqual({ status: "invalid", error: "reasonRequired" });
    expect(await changeStageAction(IDLE, form({ id: coopId, to: "selected" }))).toEqual({
      status: "invalid",
      error: "reasonRequired",
    });
    expect(
      await changeStageAction(IDLE, form({ id: coopId, to: "hired", reason: "Comité du 3 mars" })),
    ).toEqual({ status: "invalid", error: "invalidChoice" });
    expect(await counts()).toEqual(before);
    expect((await rowOf(coopId)).stage).toBe("applicant");

    expect(
      await changeStageAction(
        IDLE,
        form({ id: coopId, to: "selected", reason: "Comité du 3 mars" }),
      ),
    ).toEqual({ status: "done" });
    expect(revalidated).toContain(`/cooperatives/${coopId}`);
    expect(await counts()).toEqual({
      ...before,
      stage_changes: before.stage_changes + 1,
      audit_log: before.audit_log + 1,
    });
    const row = await rowOf(coopId);
    expect(row.stage).toBe("selected");
    expect(row.version).toBe(2);
    const [last] = await t.db
      .select()
      .from(stageChanges)
      .where(eq(stageChanges.cooperativeId, coopId))
      .orderBy(sql`${stageChanges.id} desc`)
      .limit(1);
    expect(last).toMatchObject({
      fromStage: "applicant",
      toStage: "selected",
      reason: "Comité du 3 mars",
      changedBy: id[role],
    });

    expect(
      await changeStageAction(
        IDLE,
        form({ id: coopId, to: "selected", reason: "encore une fois" }),
      ),
    ).toEqual({ status: "invalid", error: "sameStage" });
    expect(await counts()).toEqual({
      ...before,
      stage_changes: before.stage_changes + 1,
      audit_log: before.audit_log + 1,
    });
  });

  it("archives and restores a record, each audited", async () => {
    signInAs(role);
    const coopId = await savedId(validFields());
    const before = await counts();
    await expect(archiveAction(form({ id: coopId, archived: "1" }))).resolves.toBeUndefined();
    expect((await rowOf(coopId)).archivedAt).toBeInstanceOf(Date);
    expect(revalidated).toEqual(["/cooperatives", "/cooperatives", `/cooperatives/${coopId}`]);
    await archiveAction(form({ id: coopId, archived: "0" }));
    const restored = await rowOf(coopId);
    expect(restored.archivedAt).toBeNull();
    expect(restored.version).toBe(3);
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log + 2 });
    const actions = rowsOf<{ action: string; actor_id: number }>(
      await t.db.execute(sql`select action, actor_id from audit_log
        where entity = 'cooperative' and entity_id = ${String(coopId)} order by id`),
    );
    expect(actions).toEqual([
      { action: "create", actor_id: id[role] },
      { action: "archive", actor_id: id[role] },
      { action: "restore", actor_id: id[role] },
    ]);
  });
});

describe.each(["mentor", "official"] as const)("as %s", (role) => {
  it("is forbidden to create, edit, change the stage or archive, and nothing is written", async () => {
    signInAs(role);
    const before = await counts();
    const row = await rowOf(target);
    expect(await saveCooperative(IDLE, form(validFields()))).toEqual({ status: "forbidden" });
    expect(
      await saveCooperative(
        IDLE,
        form({ ...validFields(), id: target, version: row.version, province: "taza" }),
      ),
    ).toEqual({ status: "forbidden" });
    expect(
      await changeStageAction(
        IDLE,
        form({ id: target, to: "selected", reason: "Comité du 3 mars" }),
      ),
    ).toEqual({ status: "forbidden" });
    await expect(archiveAction(form({ id: target, archived: "1" }))).resolves.toBeUndefined();
    expect(await counts()).toEqual(before);
    expect(await rowOf(target)).toEqual(row);
    expect(revalidated).toEqual([]);
  });
});

describe("anonymous", () => {
  it("is sent to /login by every action, and nothing is written", async () => {
    const before = await counts();
    const row = await rowOf(target);
    await expect(saveCooperative(IDLE, form(validFields()))).rejects.toThrow("REDIRECT /login");
    await expect(
      saveCooperative(IDLE, form({ ...validFields(), id: target, version: row.version })),
    ).rejects.toThrow("REDIRECT /login");
    await expect(
      changeStageAction(IDLE, form({ id: target, to: "selected", reason: "Comité du 3 mars" })),
    ).rejects.toThrow("REDIRECT /login");
    await expect(archiveAction(form({ id: target, archived: "1" }))).rejects.toThrow(
      "REDIRECT /login",
    );
    expect(await counts()).toEqual(before);
    expect(await rowOf(target)).toEqual(row);
  });
});

describe("invalid input", () => {
  it.each<[string, Record<string, string>, Record<string, string>]>([
    [
      "women above total",
      { members_total: "5", members_women: "6" },
      { members_women: "womenAboveTotal" },
    ],
    [
      "youth above total",
      { members_total: "5", members_women: "2", members_youth: "8" },
      { members_youth: "youthAboveTotal" },
    ],
    ["a bad phone", { phone: "06 12 34" }, { phone: "invalidPhone" }],
    ["a foreign phone", { phone: "+33 6 12 34 56 78" }, { phone: "invalidPhone" }],
    ["a bad email", { email: "contact@" }, { email: "invalidEmail" }],
    ["an unknown province", { province: "atlantis" }, { province: "invalidChoice" }],
    ["a province key with a capital", { province: "Taza" }, { province: "invalidChoice" }],
    ["an unknown cohort", { cohort_id: "999999" }, { cohort_id: "invalidChoice" }],
    ["a cohort that is not a number", { cohort_id: "abc" }, { cohort_id: "invalidChoice" }],
    ["a 10 MB name", { name: "ت".repeat(10 * 1024 * 1024) }, { name: "tooLong" }],
    ["no name", { name: "   " }, { name: "required" }],
    ["an unknown sector", { sector: "mining" }, { sector: "invalidChoice" }],
    ["negative members", { members_women: "-1" }, { members_women: "negative" }],
    [
      "a future registration date",
      { registered_on: "2999-01-01" },
      { registered_on: "dateInFuture" },
    ],
    [
      "an amount with three decimals",
      { share_capital_mad: "1000.505" },
      { share_capital_mad: "invalidAmount" },
    ],
  ])("%s answers invalid with its field error and writes nothing", async (_, change, errors) => {
    signInAs("staff");
    const before = await counts();
    const state = await saveCooperative(IDLE, form({ ...validFields(), ...change }));
    expect(state.status).toBe("invalid");
    expect(state.errors).toEqual(errors);
    expect(await counts()).toEqual(before);
    expect(revalidated).toEqual([]);
  });

  it("reports every invalid field at once", async () => {
    signInAs("admin");
    const before = await counts();
    const state = await saveCooperative(
      IDLE,
      form({
        ...validFields(),
        members_total: "3",
        members_women: "4",
        members_youth: "5",
        email: "contact@",
        share_capital_mad: "mille",
        registered_on: "2999-01-01",
      }),
    );
    expect(state.status).toBe("invalid");
    expect(state.errors).toEqual({
      members_women: "womenAboveTotal",
      members_youth: "youthAboveTotal",
      email: "invalidEmail",
      share_capital_mad: "invalidAmount",
      registered_on: "dateInFuture",
    });
    expect(state.values).toMatchObject({ members_total: "3", email: "contact@" });
    expect(await counts()).toEqual(before);
  });

  // Fails today: an aborting issue (the phone's transform, an enum or a required field) makes
  // zod skip the schema's superRefine, so the members errors only show on the next submit.
  it("reports the members errors together with a bad phone and an empty select", async () => {
    signInAs("admin");
    const before = await counts();
    const state = await saveCooperative(
      IDLE,
      form({ ...validFields(), members_total: "3", members_women: "4", phone: "123", sector: "" }),
    );
    expect(state.status).toBe("invalid");
    expect(state.errors).toEqual({
      members_women: "womenAboveTotal",
      members_youth: "youthAboveTotal",
      phone: "invalidPhone",
      sector: "required",
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses an invalid edit without touching the record", async () => {
    signInAs("staff");
    const row = await rowOf(target);
    const before = await counts();
    const state = await saveCooperative(
      IDLE,
      form({ ...validFields(), id: target, version: row.version, members_women: "99" }),
    );
    expect(state).toMatchObject({
      status: "invalid",
      errors: { members_women: "womenAboveTotal" },
    });
    expect(await counts()).toEqual(before);
    expect(await rowOf(target)).toEqual(row);
  });

  it("stores an HTML or SQL payload in the name as plain text", async () => {
    signInAs("staff");
    const payload = `<script>alert("x")</script>'); drop table cooperatives; --`;
    const coopId = await savedId({ ...validFields(), name: payload, name_latin: "<b>gras</b>" });
    const row = await rowOf(coopId);
    expect(row.name).toBe(payload);
    expect(row.nameLatin).toBe("<b>gras</b>");
    expect((await counts()).cooperatives).toBeGreaterThan(1);
  });
});
