import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { useConnection } from "@/db";
import { seedReference } from "@/db/seed/reference";
import {
  auditLog,
  cohorts,
  cooperatives,
  disbursements,
  eventParticipations,
  events,
  fundingAwards,
  importBatches,
  jobsSnapshots,
  mentorAssignments,
  mentoringSessions,
  milestones,
  programs,
  stageChanges,
  users,
} from "@/db/schema";
import {
  WHO,
  discoverEntryPoints,
  expectedAction,
  tableMismatches,
  type ActionOutcome,
  type Who,
} from "../authz/matrix";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/**
 * Every server action of the app (found in the "use server" modules on disk), called by each
 * column of the permission matrix (tests/authz/matrix.ts) on a real database: who may not is
 * refused and nothing is written; who may gets past authorization (a validation error on an empty
 * form counts). Out-of-scope calls name a cooperative the mentor is not assigned to.
 */

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
const effects = vi.hoisted(() => ({ revalidated: [] as string[], cookies: [] as string[] }));

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
    effects.revalidated.push(path);
  },
  revalidateTag: (tag: string) => {
    effects.revalidated.push(`tag:${tag}`);
  },
  updateTag: (tag: string) => {
    effects.revalidated.push(`tag:${tag}`);
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    has: () => false,
    set: (name: string) => {
      effects.cookies.push(name);
    },
    delete: (name: string) => {
      effects.cookies.push(`-${name}`);
    },
  }),
}));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const found = discoverEntryPoints();
const modules = new Map<string, Record<string, unknown>>();
for (const file of found.actionModules) {
  modules.set(file, (await import(/* @vite-ignore */ `../../${file}`)) as Record<string, unknown>);
}

type Role = "admin" | "staff" | "mentor" | "official";
const ROLE_OF: Record<Exclude<Who, "anonymous">, Role> = {
  admin: "admin",
  staff: "staff",
  mentorAssigned: "mentor",
  mentorOther: "mentor",
  official: "official",
};

let t: TestDatabase;
const user = {} as Record<Role | "mentor2", number>;
let cohortId = 0;
/** The cooperative the mentor is assigned to, and one another mentor has. */
let assignedCoop = 0;
let otherCoop = 0;
let serial = 0;

function signInAs(who: Who) {
  if (who === "anonymous") {
    session.current = null;
    return;
  }
  const role = ROLE_OF[who];
  session.current = { user: { id: user[role], sv: 1, role, name: role, email: `${role}@x.test` } };
}

function form(fields: Record<string, string | number | string[]> = {}): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) data.append(key, v);
    else data.set(key, String(value));
  }
  return data;
}

async function newCooperative(): Promise<number> {
  serial++;
  const [row] = await t.db
    .insert(cooperatives)
    .values({
      name: `تعاونية ${serial}`,
      legalForm: "cooperative",
      sector: "agriculture",
      province: "fes",
      area: "rural",
      membersTotal: 5,
    })
    .returning({ id: cooperatives.id });
  return row!.id;
}

async function newMilestone(cooperativeId: number, title = "Étape"): Promise<number> {
  const [row] = await t.db
    .insert(milestones)
    .values({ cooperativeId, title, stage: "selected", dueOn: "2026-12-31" })
    .returning({ id: milestones.id });
  return row!.id;
}

async function newSession(cooperativeId: number, mentorId: number): Promise<string> {
  const id = randomUUID();
  await t.db.insert(mentoringSessions).values({
    id,
    cooperativeId,
    mentorId,
    heldOn: "2026-01-10",
    durationMinutes: 60,
    mode: "in_person",
    topics: ["marketing"],
  });
  return id;
}

/** The cooperative a column asks about: the mentor's own, or (mentorOther) one they may not see. */
function coopOf(who: Who): number {
  return who === "mentorOther" ? otherCoop : assignedCoop;
}

function sessionFields(cooperativeId: number): Record<string, string | string[]> {
  return {
    cooperative_id: String(cooperativeId),
    held_on: "2026-01-12",
    duration_minutes: "90",
    mode: "field_visit",
    topics: ["marketing", "accounting"],
    attendees: "4",
    notes: "Prix au souk",
  };
}

const IDLE = { status: "idle" } as const;

/** One call of an action as a column makes it; `quiet` actions answer nothing even when refused. */
type Call = { run: () => Promise<unknown>; quiet?: boolean };
type Probe = (who: Who, fn: (...args: unknown[]) => Promise<unknown>) => Promise<Call>;

const state = (fields: Record<string, string | number | string[]> = {}) =>
  (async (_who, fn) => ({ run: () => fn(IDLE, form(fields)) })) satisfies Probe;

/**
 * How each action is called: the smallest input that gets an allowed caller past authorization
 * (real rows where the action looks its target up first), created afresh for every call.
 */
const PROBES: Record<string, Probe> = {
  "app/(app)/account/actions.ts#changePasswordAction": state(),
  "lib/i18n/actions.ts#changeLocale": async (_who, fn) => ({
    run: () => fn(form({ locale: "fr" })),
    quiet: true,
  }),
  "app/(app)/admin/users/actions.ts#createUserAction": async (_who, fn) => ({
    run: () => fn({ status: "idle", attempt: 0 }, form()),
  }),
  "app/(app)/admin/users/actions.ts#changeRoleAction": state(),
  "app/(app)/admin/users/actions.ts#setActiveAction": state(),
  "app/(app)/admin/users/actions.ts#resetPasswordAction": state(),
  "app/(app)/cohorts/actions.ts#saveCohortAction": state(),
  "app/(app)/cohorts/actions.ts#saveProgramAction": state(),
  "app/(app)/cohorts/actions.ts#enrolAction": async (_who, fn) => {
    const coop = await newCooperative();
    return { run: () => fn(IDLE, form({ cohort_id: cohortId, cooperative_id: coop })) };
  },
  "app/(app)/cohorts/actions.ts#removeAction": async (_who, fn) => {
    const coop = await newCooperative();
    await t.db.update(cooperatives).set({ cohortId }).where(eq(cooperatives.id, coop));
    return { run: () => fn(form({ cohort_id: cohortId, cooperative_id: coop })), quiet: true };
  },
  "app/(app)/cooperatives/actions.ts#saveCooperative": state(),
  "app/(app)/cooperatives/actions.ts#changeStageAction": state(),
  "app/(app)/cooperatives/actions.ts#archiveAction": async (_who, fn) => {
    const coop = await newCooperative();
    return { run: () => fn(form({ id: coop, archived: "1" })), quiet: true };
  },
  "app/(app)/cooperatives/import/actions.ts#confirmImport": async (_who, fn) => {
    const batch = await importBatch();
    return { run: () => fn(IDLE, form({ batch })) };
  },
  "app/(app)/cooperatives/import/actions.ts#discardImport": async (_who, fn) => {
    const batch = await importBatch();
    return { run: () => fn(IDLE, form({ batch })) };
  },
  "app/(app)/fairs/actions.ts#saveEventAction": state(),
  "app/(app)/fairs/actions.ts#addParticipationAction": async (_who, fn) => {
    const event = await newEvent();
    return { run: () => fn(IDLE, form({ event_id: event })) };
  },
  "app/(app)/fairs/actions.ts#removeParticipationAction": async (_who, fn) => {
    const [row] = await t.db
      .insert(eventParticipations)
      .values({ eventId: await newEvent(), cooperativeId: await newCooperative() })
      .returning({ id: eventParticipations.id });
    return { run: () => fn(IDLE, form({ id: row!.id })) };
  },
  "app/(app)/funding/actions.ts#createAwardAction": async (who, fn) => ({
    run: () => fn(IDLE, form({ cooperative_id: coopOf(who) })),
  }),
  "app/(app)/funding/actions.ts#updateAwardStatusAction": async (_who, fn) => ({
    run: () => fn(IDLE, form({ award_id: 1 })),
  }),
  "app/(app)/funding/actions.ts#recordDisbursementAction": async (_who, fn) => ({
    run: () => fn(IDLE, form({ award_id: 1 })),
  }),
  "app/(app)/funding/actions.ts#releaseDisbursementAction": async (_who, fn) => ({
    run: () => fn(IDLE, form({ id: 1 })),
  }),
  "app/(app)/mentors/actions.ts#assignMentorAction": state(),
  "app/(app)/mentors/actions.ts#endAssignmentAction": async (_who, fn) => {
    const [row] = await t.db
      .insert(mentorAssignments)
      .values({
        mentorId: user.mentor2,
        cooperativeId: await newCooperative(),
        startOn: "2026-01-05",
      })
      .returning({ id: mentorAssignments.id });
    return { run: () => fn(IDLE, form({ assignment_id: row!.id })) };
  },
  "app/(app)/milestones/actions.ts#saveTemplateAction": state(),
  "app/(app)/cooperatives/milestones-actions.ts#updateMilestoneAction": async (who, fn) => {
    const id = await newMilestone(coopOf(who));
    return { run: () => fn(IDLE, form({ id, version: 1, status: "in_progress" })) };
  },
  "app/(app)/cooperatives/milestones-actions.ts#verifyMilestoneAction": async (who, fn) => {
    const id = await newMilestone(coopOf(who));
    return { run: () => fn(IDLE, form({ id, version: 1 })) };
  },
  "app/(app)/cooperatives/milestones-actions.ts#sendBackMilestoneAction": async (who, fn) => {
    const id = await newMilestone(coopOf(who));
    return { run: () => fn(IDLE, form({ id, version: 1 })) };
  },
  "app/(app)/cooperatives/milestones-actions.ts#addMilestoneAction": async (who, fn) => ({
    run: () => fn(IDLE, form({ cooperative_id: coopOf(who) })),
  }),
  "app/(app)/cooperatives/milestones-actions.ts#deleteMilestoneAction": async (who, fn) => {
    const id = await newMilestone(coopOf(who), "Étape ajoutée");
    return { run: () => fn(IDLE, form({ id })) };
  },
  "app/(app)/cooperatives/jobs-actions.ts#submitJobsSnapshot": async (who, fn) => {
    serial++;
    const day = String((serial % 28) + 1).padStart(2, "0");
    const month = String((Math.floor(serial / 28) % 12) + 1).padStart(2, "0");
    return {
      run: () =>
        fn(
          IDLE,
          form({
            cooperative_id: coopOf(who),
            kind: "periodic",
            as_of: `2025-${month}-${day}`,
            jobs_total: 6,
            jobs_women: 3,
            jobs_youth: 2,
            source: "Registre des membres",
          }),
        ),
    };
  },
  "app/(app)/sessions/actions.ts#createSessionAction": async (who, fn) => ({
    run: () => fn(IDLE, form({ id: randomUUID(), ...sessionFields(coopOf(who)) })),
  }),
  "app/(app)/sessions/actions.ts#updateSessionAction": async (who, fn) => {
    // the mentor's own session where assigned; elsewhere another mentor's
    const id =
      who === "mentorOther"
        ? await newSession(otherCoop, user.mentor2)
        : await newSession(assignedCoop, user.mentor);
    const coop = who === "mentorOther" ? otherCoop : assignedCoop;
    return { run: () => fn(IDLE, form({ id, version: 1, ...sessionFields(coop) })) };
  },
};

/** Planned actions not known yet when this was written: their state first, an empty form. */
const genericProbe: Probe = async (_who, fn) => ({
  run: () => (fn.length >= 2 ? fn({ status: "idle", attempt: 0 }, form()) : fn(form())),
});

async function importBatch(): Promise<number> {
  const [row] = await t.db
    .insert(importBatches)
    .values({
      entity: "cooperatives",
      filename: "import.csv",
      header: ["name"],
      rows: [["تعاونية مستوردة"]],
      rowCount: 1,
      createdBy: user.staff,
    })
    .returning({ id: importBatches.id });
  return row!.id;
}

async function newEvent(): Promise<number> {
  const [row] = await t.db
    .insert(events)
    .values({
      name: "Salon régional de l'ESS",
      kind: "regional_fair",
      province: "fes",
      startsOn: "2026-05-01",
      endsOn: "2026-05-05",
    })
    .returning({ id: events.id });
  return row!.id;
}

/** Rows in the tables an action could write to; a refused call must change none of them. */
async function written(): Promise<Record<string, number>> {
  const tables = {
    audit_log: auditLog,
    cooperatives,
    cohorts,
    programs,
    stage_changes: stageChanges,
    milestones,
    mentoring_sessions: mentoringSessions,
    mentor_assignments: mentorAssignments,
    jobs_snapshots: jobsSnapshots,
    funding_awards: fundingAwards,
    disbursements,
    events,
    event_participations: eventParticipations,
    import_batches: importBatches,
    users,
  };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await t.db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

/** What a call came to, in the matrix's words. */
async function outcomeOf(call: Call): Promise<ActionOutcome | string> {
  try {
    const result = await call.run();
    if (result && typeof result === "object" && "status" in result) {
      const status = (result as { status: unknown }).status;
      if (status === "forbidden") return "forbidden";
      if (status === "not_found") return "notFound";
      return "ok";
    }
    if (call.quiet || result === undefined) {
      // an action that answers nothing shows what it did by what it refreshed
      return effects.revalidated.length > 0 || effects.cookies.length > 0 ? "ok" : "forbidden";
    }
    return "ok";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message === "REDIRECT /login") return "login";
    if (message === "NOT_FOUND") return "notFound";
    if (message.startsWith("REDIRECT ")) return "ok";
    return `threw ${message}`;
  }
}

function matches(outcome: string, expected: ActionOutcome): boolean {
  if (expected === "refused") return outcome === "forbidden" || outcome === "notFound";
  return outcome === expected;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const rows = await t.db
    .insert(users)
    .values(
      (["admin", "staff", "mentor", "mentor2", "official"] as const).map((name) => ({
        email: `${name}@x.test`,
        name,
        role: name === "mentor2" ? ("mentor" as const) : name,
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, email: users.email });
  for (const row of rows) user[row.email.split("@")[0] as Role | "mentor2"] = row.id;
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
      capacity: 500,
      status: "active",
    })
    .returning({ id: cohorts.id });
  cohortId = cohort!.id;
  assignedCoop = await newCooperative();
  otherCoop = await newCooperative();
  await t.db.insert(mentorAssignments).values([
    { mentorId: user.mentor, cooperativeId: assignedCoop, startOn: "2026-01-05" },
    { mentorId: user.mentor2, cooperativeId: otherCoop, startOn: "2026-01-05" },
  ]);
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  session.current = null;
  effects.revalidated.length = 0;
  effects.cookies.length = 0;
});

describe("the action table", () => {
  it("has a row for every server action on disk, and no row without one", () => {
    expect(tableMismatches(found).filter((p) => p.startsWith("actions:"))).toEqual([]);
    expect(found.actions.length).toBeGreaterThanOrEqual(33);
  });

  it("finds every exported function of each module (what Next serves as an action)", () => {
    for (const [file, mod] of modules) {
      const exported = Object.entries(mod)
        .filter(([, value]) => typeof value === "function")
        .map(([name]) => `${file}#${name}`)
        .sort();
      expect(exported).toEqual(found.actions.filter((a) => a.startsWith(`${file}#`)));
    }
  });

  it("knows how to call every action of the table", () => {
    const missing = found.actions.filter(
      (key) => !(key in PROBES) && !key.startsWith("app/(app)/admin/people/"),
    );
    expect(missing).toEqual([]);
  });
});

const cases = found.actions.flatMap((key) => WHO.map((who) => [key, who] as const));

describe.each(cases)("%s as %s", (key, who) => {
  it("is refused or let through as the matrix says, and a refusal writes nothing", async () => {
    const expected = expectedAction(key);
    expect(expected, `no row for ${key}`).toBeDefined();
    const [file, name] = key.split("#") as [string, string];
    const fn = modules.get(file)![name] as (...args: unknown[]) => Promise<unknown>;
    const call = await (PROBES[key] ?? genericProbe)(who, fn);
    signInAs(who);
    const before = await written();
    effects.revalidated.length = 0;
    effects.cookies.length = 0;
    const outcome = await outcomeOf(call);
    const want = expected![who];
    expect(matches(outcome, want), `${who} ${key}: ${outcome}, want ${want}`).toBe(true);
    if (want !== "ok") {
      expect(await written()).toEqual(before);
      expect(effects.revalidated).toEqual([]);
    }
  });
});
