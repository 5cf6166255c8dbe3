import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { useConnection } from "@/db";
import {
  assignableCooperatives,
  cooperativeAssignments,
  endAssignment,
} from "@/db/queries/assignments";
import { seedReference } from "@/db/seed/reference";
import { auditLog, cooperatives, mentorAssignments, users } from "@/db/schema";
import { cooperativeScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-pathname": "/mentors" }) }));
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

const { assignMentorAction, endAssignmentAction } = await import("@/app/(app)/mentors/actions");

const TODAY = todayIso();
const shift = (days: number) => {
  const date = new Date(`${TODAY}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

let t: TestDatabase;
const id: Record<string, number> = {};

function signInAs(role: "admin" | "staff" | "mentor" | "official") {
  session.current = { user: { id: id[role], sv: 1, role, name: role, email: `${role}@x.test` } };
}

function form(values: Record<string, string | number | undefined>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) data.set(key, String(value));
  }
  return data;
}

const mentorViewer = (): Viewer => ({
  id: id.mentor!,
  role: "mentor",
  name: "mentor",
  email: "mentor@x.test",
  locale: null,
  mustChangePassword: false,
});

/** What the mentor may see right now, through the same scope as every page. */
async function visibleToMentor(): Promise<string[]> {
  const rows = await t.db
    .select({ name: cooperatives.name })
    .from(cooperatives)
    .where(cooperativeScope(mentorViewer()))
    .orderBy(cooperatives.name);
  return rows.map((r) => r.name);
}

async function audits(action: string) {
  const [row] = await t.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "mentor_assignment"), eq(auditLog.action, action)));
  return row!.n;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const made = await t.db
    .insert(users)
    .values([
      ...["admin", "staff", "mentor", "official"].map((role) => ({
        email: `${role}@x.test`,
        name: role,
        role: role as "admin",
        passwordHash: "x",
      })),
      {
        email: "gone@x.test",
        name: "gone",
        role: "mentor" as const,
        passwordHash: "x",
        active: false,
      },
    ])
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
  const coop = {
    legalForm: "cooperative" as const,
    sector: "handicraft" as const,
    province: "taza",
    area: "rural" as const,
  };
  const coops = await t.db
    .insert(cooperatives)
    .values([
      { ...coop, name: "a" },
      { ...coop, name: "b" },
      { ...coop, name: "c" },
      { ...coop, name: "done", stage: "graduated" as const },
      { ...coop, name: "old", archivedAt: new Date() },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of coops) id[row.name] = row.id;
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => signInAs("staff"));

describe("assigning mentors", () => {
  it("assigns with dates and an audit entry, and the mentor sees the cooperative at once", async () => {
    expect(await visibleToMentor()).toEqual([]);
    const state = await assignMentorAction(
      { status: "idle" },
      form({ mentor_id: id.mentor, cooperative_id: id.a, start_on: shift(-40) }),
    );
    expect(state.status).toBe("done");
    const state2 = await assignMentorAction(
      { status: "idle" },
      form({ mentor_id: id.mentor, cooperative_id: id.b, start_on: TODAY, end_on: shift(90) }),
    );
    expect(state2.status).toBe("done");
    expect(await visibleToMentor()).toEqual(["a", "b"]);
    expect(await audits("assign")).toBe(2);
    const list = await cooperativeAssignments(t.db, id.b!, TODAY);
    expect(list).toEqual([
      {
        id: state2.savedId,
        mentorId: id.mentor,
        mentor: "mentor",
        cooperativeId: id.b,
        cooperative: "b",
        legalForm: "cooperative",
        startOn: TODAY,
        endOn: shift(90),
        open: true,
      },
    ]);
  });

  it("refuses an overlapping assignment of the same pair, and names bad fields", async () => {
    const overlap = await assignMentorAction(
      { status: "idle" },
      form({ mentor_id: id.mentor, cooperative_id: id.a, start_on: shift(-5), end_on: shift(5) }),
    );
    expect(overlap).toMatchObject({ status: "invalid", errors: { start_on: "alreadyAssigned" } });
    const bad = await assignMentorAction(
      { status: "idle" },
      form({ mentor_id: "x", cooperative_id: id.c, start_on: "2026-13-01", end_on: "" }),
    );
    expect(bad.errors).toEqual({ mentor_id: "invalidChoice", start_on: "invalidDate" });
    const backwards = await assignMentorAction(
      { status: "idle" },
      form({ mentor_id: id.mentor, cooperative_id: id.c, start_on: TODAY, end_on: shift(-1) }),
    );
    expect(backwards.errors).toEqual({ end_on: "endBeforeStart" });
    for (const who of ["staff", "official", "gone"]) {
      const notMentor = await assignMentorAction(
        { status: "idle" },
        form({ mentor_id: id[who], cooperative_id: id.c, start_on: TODAY }),
      );
      expect(notMentor.errors).toEqual({ mentor_id: "invalidChoice" });
    }
    const archived = await assignMentorAction(
      { status: "idle" },
      form({ mentor_id: id.mentor, cooperative_id: id.old, start_on: TODAY }),
    );
    expect(archived.status).toBe("not_found");
    expect(await audits("assign")).toBe(2);
  });

  it("is refused to mentors and officials, and sends anonymous callers to /login", async () => {
    for (const role of ["mentor", "official"] as const) {
      signInAs(role);
      const state = await assignMentorAction(
        { status: "idle" },
        form({ mentor_id: id.mentor, cooperative_id: id.c, start_on: TODAY }),
      );
      expect(state.status).toBe("forbidden");
      const end = await endAssignmentAction({ status: "idle" }, form({ assignment_id: 1 }));
      expect(end.status).toBe("forbidden");
    }
    session.current = null;
    await expect(
      assignMentorAction({ status: "idle" }, form({ mentor_id: id.mentor })),
    ).rejects.toThrow("REDIRECT /login");
    const [row] = await t.db
      .select({ n: count() })
      .from(mentorAssignments)
      .where(eq(mentorAssignments.cooperativeId, id.c!));
    expect(row!.n).toBe(0);
  });

  it("lists live, unfinished cooperatives the mentor is not yet assigned to", async () => {
    const options = await assignableCooperatives(t.db, id.mentor!, TODAY);
    expect(options.map((o) => o.name)).toEqual(["c"]);
  });
});

describe("ending assignments", () => {
  it("ends a running assignment yesterday, so access stops at the next request", async () => {
    const [running] = await cooperativeAssignments(t.db, id.a!, TODAY);
    const state = await endAssignmentAction(
      { status: "idle" },
      form({ assignment_id: running!.id }),
    );
    expect(state.status).toBe("done");
    const [row] = await t.db
      .select({ endOn: mentorAssignments.endOn })
      .from(mentorAssignments)
      .where(eq(mentorAssignments.id, running!.id));
    expect(row).toEqual({ endOn: shift(-1) });
    expect(await visibleToMentor()).toEqual(["b"]);
    const again = await endAssignmentAction(
      { status: "idle" },
      form({ assignment_id: running!.id }),
    );
    expect(again.status).toBe("not_found");
  });

  it("withdraws an assignment that began today, keeping it in the audit log", async () => {
    const [today] = await cooperativeAssignments(t.db, id.b!, TODAY);
    const result = await endAssignment(t.db, id.staff!, { assignmentId: today!.id, today: TODAY });
    expect(result).toEqual({
      ok: true,
      cooperativeId: id.b,
      mentorId: id.mentor,
      removed: true,
    });
    expect(await cooperativeAssignments(t.db, id.b!, TODAY)).toEqual([]);
    expect(await visibleToMentor()).toEqual([]);
    const [entry] = await t.db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.action, "unassign"), eq(auditLog.entityId, String(today!.id))));
    expect(entry).toEqual({
      before: { mentor_id: id.mentor, cooperative_id: id.b, start_on: TODAY, end_on: shift(90) },
      after: null,
    });
    expect(await audits("unassign")).toBe(2);
  });

  it("allows a new assignment after the previous one ended", async () => {
    const state = await assignMentorAction(
      { status: "idle" },
      form({ mentor_id: id.mentor, cooperative_id: id.a, start_on: TODAY }),
    );
    expect(state.status).toBe("done");
    const list = await cooperativeAssignments(t.db, id.a!, TODAY);
    expect(list.map((a) => [a.startOn, a.endOn, a.open])).toEqual([
      [TODAY, null, true],
      [shift(-40), shift(-1), false],
    ]);
  });
});
