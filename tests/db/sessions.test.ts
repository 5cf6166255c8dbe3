import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { useConnection } from "@/db";
import { seedReference } from "@/db/seed/reference";
import { auditLog, cooperatives, mentorAssignments, mentoringSessions, users } from "@/db/schema";
import { todayIso } from "@/lib/dates";
import { parseCsv } from "@/lib/tabular";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-pathname": "/sessions/new" }),
}));
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
// The translator answers the key path, so labels are predictable.
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => (key: string) => `${namespace}.${key}`,
  getLocale: async () => "ar",
}));

const { POST } = await import("@/app/api/sessions/route");
const { GET } = await import("@/app/api/export/sessions/route");
const { createSessionAction, updateSessionAction } = await import("@/app/(app)/sessions/actions");

const ROLES = ["admin", "staff", "mentor", "mentor2", "official"] as const;
type Who = (typeof ROLES)[number];
const TODAY = todayIso();
const daysAgo = (days: number) => {
  const date = new Date(`${TODAY}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
};
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

let t: TestDatabase;
const id: Record<string, number> = {};

function signInAs(who: Who | null) {
  session.current = who
    ? {
        user: {
          id: id[who],
          sv: 1,
          role: who === "mentor2" ? "mentor" : who,
          name: who,
          email: `${who}@x.test`,
        },
      }
    : null;
}

function payload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uuid(1),
    cooperative_id: id.mine,
    held_on: daysAgo(2),
    duration_minutes: 90,
    mode: "field_visit",
    topics: ["marketing", "accounting"],
    attendees: 6,
    notes: "Prix au souk",
    next_steps: "Trois devis",
    follow_up_on: daysAgo(-10),
    ...overrides,
  };
}

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request("http://hadina.test/api/sessions", {
      method: "POST",
      headers: {
        host: "hadina.test",
        origin: "http://hadina.test",
        "content-type": "application/json",
        ...headers,
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

function form(values: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) data.append(key, String(item));
  }
  return data;
}

async function sessionsCount(where = eq(mentoringSessions.cooperativeId, id.mine!)) {
  const [row] = await t.db.select({ n: count() }).from(mentoringSessions).where(where);
  return row!.n;
}

async function auditCount() {
  const [row] = await t.db
    .select({ n: count() })
    .from(auditLog)
    .where(eq(auditLog.entity, "mentoring_session"));
  return row!.n;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const made = await t.db
    .insert(users)
    .values(
      ROLES.map((who) => ({
        email: `${who}@x.test`,
        name: who,
        role: (who === "mentor2" ? "mentor" : who) as "admin",
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
  const coop = {
    legalForm: "cooperative" as const,
    sector: "argan" as const,
    province: "taounate",
    area: "rural" as const,
  };
  const coops = await t.db
    .insert(cooperatives)
    .values([
      { ...coop, name: "mine" },
      { ...coop, name: "shared" },
      { ...coop, name: "others" },
      { ...coop, name: "ended" },
      { ...coop, name: "archived", archivedAt: new Date() },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of coops) id[row.name] = row.id;
  await t.db.insert(mentorAssignments).values([
    { mentorId: id.mentor!, cooperativeId: id.mine!, startOn: "2025-01-01" },
    { mentorId: id.mentor!, cooperativeId: id.shared!, startOn: "2025-01-01" },
    { mentorId: id.mentor2!, cooperativeId: id.shared!, startOn: "2025-01-01" },
    { mentorId: id.mentor2!, cooperativeId: id.others!, startOn: "2025-01-01" },
    { mentorId: id.mentor!, cooperativeId: id.ended!, startOn: "2024-01-01", endOn: "2024-12-31" },
    { mentorId: id.mentor!, cooperativeId: id.archived!, startOn: "2025-01-01" },
  ]);
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => signInAs("mentor"));

describe("POST /api/sessions", () => {
  it("saves a session once under its device id: 201, then 200 for the same id", async () => {
    const audit = await auditCount();
    const first = await post(payload());
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: uuid(1), cooperative_id: id.mine, created: true });
    const again = await post(payload({ notes: "sent twice" }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: uuid(1), cooperative_id: id.mine, created: false });
    expect(await sessionsCount()).toBe(1);
    expect(await auditCount()).toBe(audit + 1);
    const [row] = await t.db
      .select()
      .from(mentoringSessions)
      .where(eq(mentoringSessions.id, uuid(1)));
    expect(row).toMatchObject({
      cooperativeId: id.mine,
      mentorId: id.mentor,
      heldOn: daysAgo(2),
      durationMinutes: 90,
      mode: "field_visit",
      topics: ["accounting", "marketing"],
      attendees: 6,
      notes: "Prix au souk",
      nextSteps: "Trois devis",
      followUpOn: daysAgo(-10),
      version: 1,
    });
  });

  it("keeps one session when the same id arrives twice at the same moment", async () => {
    const responses = await Promise.all([
      post(payload({ id: uuid(2) })),
      post(payload({ id: uuid(2) })),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(await sessionsCount(eq(mentoringSessions.id, uuid(2)))).toBe(1);
  });

  it("refuses another mentor's id with 409, and leaves that session alone", async () => {
    signInAs("mentor2");
    const response = await post(payload({ cooperative_id: id.shared, notes: "hijack" }));
    expect(response.status).toBe(409);
    const [row] = await t.db
      .select({ notes: mentoringSessions.notes, mentorId: mentoringSessions.mentorId })
      .from(mentoringSessions)
      .where(eq(mentoringSessions.id, uuid(1)));
    expect(row).toEqual({ notes: "Prix au souk", mentorId: id.mentor });
  });

  it.each([
    ["another mentor's cooperative", "others"],
    ["an assignment that has ended", "ended"],
    ["an archived cooperative", "archived"],
    ["a cooperative that does not exist", "none"],
  ])("answers 404 for %s and writes nothing", async (_label, name) => {
    const before = await sessionsCount(eq(mentoringSessions.mentorId, id.mentor!));
    const response = await post(
      payload({ id: uuid(100 + name.length), cooperative_id: id[name] ?? 999_999 }),
    );
    expect(response.status).toBe(404);
    expect(await sessionsCount(eq(mentoringSessions.mentorId, id.mentor!))).toBe(before);
  });

  it("answers 401 signed out (the queue waits), and for a queue filled by someone else", async () => {
    signInAs(null);
    const anonymous = await post(payload({ id: uuid(3) }));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: "unauthorized" });
    signInAs("mentor2");
    const other = await post(payload({ id: uuid(3), user_id: id.mentor }));
    expect(other.status).toBe(401);
    signInAs("mentor");
    const mine = await post(payload({ id: uuid(3), user_id: id.mentor }));
    expect(mine.status).toBe(201);
  });

  it("refuses officials (403), cross-site posts (403) and bodies that are not JSON (400)", async () => {
    signInAs("official");
    expect((await post(payload({ id: uuid(4) }))).status).toBe(403);
    signInAs("mentor");
    expect((await post(payload({ id: uuid(4) }), { origin: "http://evil.test" })).status).toBe(403);
    expect((await post(payload({ id: uuid(4) }), { origin: "" })).status).toBe(403);
    expect((await post("{not json")).status).toBe(400);
    expect((await post("[1,2]")).status).toBe(400);
    expect(await sessionsCount(eq(mentoringSessions.id, uuid(4)))).toBe(0);
  });

  it("names every field at fault, in catalog keys, and writes nothing", async () => {
    const response = await post({
      id: "not-a-uuid",
      cooperative_id: "abc",
      held_on: daysAgo(-1),
      duration_minutes: 0,
      mode: "carrier_pigeon",
      topics: [],
      attendees: 2.5,
      notes: "x".repeat(5001),
      next_steps: "y".repeat(2001),
      follow_up_on: "2026-02-30",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid",
      errors: {
        id: "invalidId",
        cooperative_id: "invalidChoice",
        held_on: "dateInFuture",
        duration_minutes: "durationRange",
        mode: "invalidChoice",
        topics: "topicsRequired",
        attendees: "notAnInteger",
        notes: "tooLong",
        next_steps: "tooLong",
        follow_up_on: "invalidDate",
      },
    });
    const missing = await post({ id: uuid(5) });
    expect((await missing.json()).errors).toEqual({
      cooperative_id: "invalidChoice",
      held_on: "required",
      duration_minutes: "required",
      mode: "required",
      topics: "topicsRequired",
      attendees: "required",
    });
    const followUp = await post(payload({ id: uuid(5), follow_up_on: daysAgo(3) }));
    expect((await followUp.json()).errors).toEqual({ follow_up_on: "followUpBeforeSession" });
    expect(await sessionsCount(eq(mentoringSessions.id, uuid(5)))).toBe(0);
  });

  it("lets staff and admins log at any live cooperative, under their own name", async () => {
    signInAs("staff");
    const response = await post(payload({ id: uuid(6), cooperative_id: id.others }));
    expect(response.status).toBe(201);
    const [row] = await t.db
      .select({ mentorId: mentoringSessions.mentorId })
      .from(mentoringSessions)
      .where(eq(mentoringSessions.id, uuid(6)));
    expect(row).toEqual({ mentorId: id.staff });
    signInAs("admin");
    expect((await post(payload({ id: uuid(7), cooperative_id: id.archived }))).status).toBe(404);
  });
});

describe("session form actions", () => {
  it("logs from the plain HTML form and goes to the confirmation", async () => {
    await expect(
      createSessionAction({ status: "idle" }, form(payload({ id: uuid(10) }))),
    ).rejects.toThrow(`REDIRECT /sessions/new?saved=${uuid(10)}`);
    await expect(
      createSessionAction({ status: "idle" }, form(payload({ id: uuid(10) }))),
    ).rejects.toThrow(`REDIRECT /sessions/new?saved=${uuid(10)}`);
    expect(await sessionsCount(eq(mentoringSessions.id, uuid(10)))).toBe(1);
  });

  it("keeps the values and names the errors of a bad form", async () => {
    const state = await createSessionAction(
      { status: "idle" },
      form(payload({ id: uuid(11), duration_minutes: "721", topics: ["marketing", "cooking"] })),
    );
    expect(state.status).toBe("invalid");
    expect(state.errors).toEqual({ duration_minutes: "durationRange", topics: "invalidChoice" });
    expect(state.values?.topics).toEqual(["marketing", "cooking"]);
    const foreign = await createSessionAction(
      { status: "idle" },
      form(payload({ id: uuid(11), cooperative_id: id.others })),
    );
    expect(foreign.status).toBe("not_found");
    signInAs("official");
    const official = await createSessionAction({ status: "idle" }, form(payload({ id: uuid(11) })));
    expect(official.status).toBe("forbidden");
    expect(await sessionsCount(eq(mentoringSessions.id, uuid(11)))).toBe(0);
  });

  it("lets a mentor edit their own session, with the version it was opened at", async () => {
    const audit = await auditCount();
    const edit = form(payload({ id: uuid(1), notes: "Corrigé", duration_minutes: 60, version: 1 }));
    await expect(updateSessionAction({ status: "idle" }, edit)).rejects.toThrow(
      `REDIRECT /cooperatives/${id.mine}#sessions`,
    );
    const [row] = await t.db
      .select({ notes: mentoringSessions.notes, version: mentoringSessions.version })
      .from(mentoringSessions)
      .where(eq(mentoringSessions.id, uuid(1)));
    expect(row).toEqual({ notes: "Corrigé", version: 2 });
    expect(await auditCount()).toBe(audit + 1);
    const stale = await updateSessionAction({ status: "idle" }, edit);
    expect(stale.status).toBe("stale");
  });

  it("keeps a mentor from editing another's session or moving one out of scope", async () => {
    signInAs("mentor2");
    const others = await updateSessionAction(
      { status: "idle" },
      form(payload({ id: uuid(1), cooperative_id: id.shared, version: 2 })),
    );
    expect(others.status).toBe("not_found");
    signInAs("mentor");
    const moved = await updateSessionAction(
      { status: "idle" },
      form(payload({ id: uuid(1), cooperative_id: id.others, version: 2 })),
    );
    expect(moved.status).toBe("not_found");
    const [row] = await t.db
      .select({ cooperativeId: mentoringSessions.cooperativeId, v: mentoringSessions.version })
      .from(mentoringSessions)
      .where(eq(mentoringSessions.id, uuid(1)));
    expect(row).toEqual({ cooperativeId: id.mine, v: 2 });
  });

  it("lets staff edit any session", async () => {
    signInAs("staff");
    await expect(
      updateSessionAction(
        { status: "idle" },
        form(payload({ id: uuid(1), notes: "Vu par le staff", version: 2 })),
      ),
    ).rejects.toThrow(/^REDIRECT/);
    const [row] = await t.db
      .select({ notes: mentoringSessions.notes, mentorId: mentoringSessions.mentorId })
      .from(mentoringSessions)
      .where(eq(mentoringSessions.id, uuid(1)));
    expect(row).toEqual({ notes: "Vu par le staff", mentorId: id.mentor });
  });
});

describe("GET /api/export/sessions", () => {
  const HEADER = [
    "id",
    "cooperative_id",
    "cooperative",
    "mentor_id",
    "mentor",
    "held_on",
    "duration_minutes",
    "mode",
    "topics",
    "attendees",
    "notes",
    "next_steps",
    "follow_up_on",
  ];

  async function exported(query = "") {
    const response = await GET(new NextRequest(`http://localhost/api/export/sessions${query}`));
    expect(response.status).toBe(200);
    const text = new TextDecoder().decode(await response.arrayBuffer());
    return parseCsv(text);
  }

  it("gives the issue's columns, topics joined with |", async () => {
    signInAs("staff");
    const table = await exported(`?cooperative=${id.mine}&topic=marketing`);
    expect(table.header).toEqual(HEADER);
    const row = table.rows.find((r) => r[0] === uuid(1));
    expect(row).toEqual([
      uuid(1),
      String(id.mine),
      "mine",
      String(id.mentor),
      "mentor",
      daysAgo(2),
      "90",
      "field_visit",
      "accounting|marketing",
      "6",
      "Vu par le staff",
      "Trois devis",
      daysAgo(-10),
    ]);
  });

  it("scopes a mentor to assigned cooperatives and refuses officials", async () => {
    signInAs("staff");
    const all = await exported();
    expect(all.rows.some((r) => r[1] === String(id.others))).toBe(true);
    signInAs("mentor");
    const mine = await exported();
    expect(new Set(mine.rows.map((r) => r[1]))).toEqual(new Set([String(id.mine)]));
    signInAs("mentor2");
    const shared = await exported();
    expect(shared.rows.every((r) => [String(id.shared), String(id.others)].includes(r[1]!))).toBe(
      true,
    );
    expect(shared.rows.some((r) => r[1] === String(id.mine))).toBe(false);
    signInAs("official");
    const refused = await GET(new NextRequest("http://localhost/api/export/sessions"));
    expect(refused.status).toBe(403);
    signInAs(null);
    expect((await GET(new NextRequest("http://localhost/api/export/sessions"))).status).toBe(401);
  });

  it("filters by mentor and period", async () => {
    signInAs("staff");
    const staffOnly = await exported(`?mentor=${id.staff}`);
    expect(staffOnly.rows.map((r) => r[0])).toEqual([uuid(6)]);
    const none = await exported(`?from=${daysAgo(1)}`);
    expect(none.rows).toEqual([]);
    const period = await exported(`?to=${daysAgo(2)}&from=${daysAgo(2)}&mentor=${id.mentor}`);
    expect(period.rows.map((r) => r[0]).sort()).toEqual([uuid(1), uuid(2), uuid(3), uuid(10)]);
  });
});
