import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { useConnection } from "@/db";
import { enrol, removeFromCohort } from "@/db/queries/cohorts";
import { auditLog, cohorts, cooperatives, programs, users } from "@/db/schema";
import { seedReference } from "@/db/seed/reference";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-pathname": "/cohorts" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const { enrolAction, saveCohortAction, saveProgramAction } =
  await import("@/app/(app)/cohorts/actions");

let t: TestDatabase;
const id: Record<string, number> = {};

function signInAs(role: string) {
  session.current = { user: { id: id[role], sv: 1, role, name: role, email: `${role}@x.test` } };
}

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

async function rows(table: typeof cohorts | typeof auditLog | typeof programs) {
  const [row] = await t.db.select({ n: count() }).from(table);
  return row!.n;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const made = await t.db
    .insert(users)
    .values(
      ["admin", "staff", "mentor", "official"].map((role) => ({
        email: `${role}@x.test`,
        name: role,
        role: role as "admin",
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
  const [program] = await t.db.select().from(programs).where(eq(programs.key, "moazara"));
  id.program = program!.id;
  const base = { programId: program!.id, startOn: "2026-01-01", endOn: "2027-06-30" };
  const [small, other, closed] = await t.db
    .insert(cohorts)
    .values([
      { ...base, name: "small", capacity: 1, status: "active" },
      { ...base, name: "other", capacity: 10, status: "active" },
      { ...base, name: "closed", capacity: 10, status: "closed" },
    ])
    .returning({ id: cohorts.id });
  id.small = small!.id;
  id.other = other!.id;
  id.closed = closed!.id;
  const coop = {
    legalForm: "cooperative" as const,
    sector: "argan" as const,
    province: "fes",
    area: "urban" as const,
  };
  const coops = await t.db
    .insert(cooperatives)
    .values([
      { ...coop, name: "a" },
      { ...coop, name: "b" },
      { ...coop, name: "c", cohortId: closed!.id },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of coops) id[row.name] = row.id;
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  signInAs("staff");
});

describe("enrolment", () => {
  it("enrols within capacity and refuses a full cohort", async () => {
    expect(await enrol(t.db, id.staff!, { cohortId: id.small!, cooperativeId: id.a! })).toBe("ok");
    expect(await enrol(t.db, id.staff!, { cohortId: id.small!, cooperativeId: id.b! })).toBe(
      "full",
    );
    const [b] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, id.b!));
    expect(b!.cohortId).toBeNull();
  });

  it("keeps a cooperative in one active cohort at a time", async () => {
    expect(await enrol(t.db, id.staff!, { cohortId: id.other!, cooperativeId: id.a! })).toBe(
      "in_active_cohort",
    );
    expect(await enrol(t.db, id.staff!, { cohortId: id.other!, cooperativeId: id.c! })).toBe("ok");
    expect(await enrol(t.db, id.staff!, { cohortId: id.closed!, cooperativeId: id.b! })).toBe(
      "closed",
    );
  });

  it("removes from a cohort with an audit entry", async () => {
    const before = await rows(auditLog);
    expect(
      await removeFromCohort(t.db, id.staff!, { cohortId: id.small!, cooperativeId: id.a! }),
    ).toBe("ok");
    expect(
      await removeFromCohort(t.db, id.staff!, { cohortId: id.small!, cooperativeId: id.a! }),
    ).toBe("not_found");
    expect(await rows(auditLog)).toBe(before + 1);
  });

  it("lets only one of two concurrent enrolments into a cohort of capacity one through", async () => {
    const [race] = await t.db
      .insert(cohorts)
      .values({
        name: "race",
        programId: id.program!,
        startOn: "2026-01-01",
        endOn: "2026-12-31",
        capacity: 1,
        status: "active",
      })
      .returning({ id: cohorts.id });
    const results = await Promise.all([
      enrol(t.db, id.staff!, { cohortId: race!.id, cooperativeId: id.a! }),
      enrol(t.db, id.staff!, { cohortId: race!.id, cooperativeId: id.b! }),
    ]);
    expect(results.sort()).toEqual(["full", "ok"]);
  });
});

describe("cohort and programme actions", () => {
  it("creates a cohort for staff, with an audit entry", async () => {
    const before = { cohorts: await rows(cohorts), audit: await rows(auditLog) };
    await expect(
      saveCohortAction(
        { status: "idle" },
        form({
          name: "New",
          program_id: id.program!,
          start_on: "2026-09-01",
          end_on: "2027-12-31",
          capacity: 25,
          status: "planned",
        }),
      ),
    ).rejects.toThrow(/^REDIRECT \/cohorts\/\d+$/);
    expect(await rows(cohorts)).toBe(before.cohorts + 1);
    expect(await rows(auditLog)).toBe(before.audit + 1);
  });

  it("reports field errors and writes nothing for bad input", async () => {
    const before = await rows(cohorts);
    const state = await saveCohortAction(
      { status: "idle" },
      form({
        name: "",
        program_id: "x",
        start_on: "2027-01-01",
        end_on: "2026-01-01",
        capacity: 0,
        status: "open",
      }),
    );
    expect(state.status).toBe("invalid");
    expect(state.errors).toEqual({
      name: "required",
      program_id: "invalidChoice",
      capacity: "capacityRange",
      status: "invalidChoice",
    });
    const dates = await saveCohortAction(
      { status: "idle" },
      form({
        name: "x",
        program_id: id.program!,
        start_on: "2027-01-01",
        end_on: "2026-01-01",
        capacity: 5,
        status: "planned",
      }),
    );
    expect(dates.errors).toEqual({ end_on: "endBeforeStart" });
    const unknown = await saveCohortAction(
      { status: "idle" },
      form({
        name: "x",
        program_id: 999999,
        start_on: "2026-01-01",
        end_on: "2026-02-01",
        capacity: 5,
        status: "planned",
      }),
    );
    expect(unknown.errors).toEqual({ program_id: "invalidChoice" });
    expect(await rows(cohorts)).toBe(before);
  });

  it("refuses programme keys already taken", async () => {
    const state = await saveProgramAction(
      { status: "idle" },
      form({ key: "moazara", name_ar: "م", name_fr: "M", name_en: "M", active: "on" }),
    );
    expect(state.errors).toEqual({ key: "keyTaken" });
  });

  it.each(["mentor", "official"])(
    "refuses every action for %s and writes nothing",
    async (role) => {
      signInAs(role);
      const before = {
        cohorts: await rows(cohorts),
        audit: await rows(auditLog),
        programs: await rows(programs),
      };
      const cohortState = await saveCohortAction(
        { status: "idle" },
        form({
          name: "Nope",
          program_id: id.program!,
          start_on: "2026-01-01",
          end_on: "2026-12-31",
          capacity: 5,
          status: "planned",
        }),
      );
      const programState = await saveProgramAction(
        { status: "idle" },
        form({ key: "nope", name_ar: "لا", name_fr: "Non", name_en: "No", active: "on" }),
      );
      const enrolState = await enrolAction(
        { status: "idle" },
        form({ cohort_id: id.other!, cooperative_id: id.b! }),
      );
      expect([cohortState.status, programState.status, enrolState.status]).toEqual([
        "forbidden",
        "forbidden",
        "forbidden",
      ]);
      expect({
        cohorts: await rows(cohorts),
        audit: await rows(auditLog),
        programs: await rows(programs),
      }).toEqual(before);
    },
  );

  it("sends anonymous callers to /login", async () => {
    session.current = null;
    await expect(
      enrolAction({ status: "idle" }, form({ cohort_id: 1, cooperative_id: 1 })),
    ).rejects.toThrow("REDIRECT /login");
  });
});
