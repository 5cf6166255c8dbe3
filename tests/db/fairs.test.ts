import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, count, desc, eq } from "drizzle-orm";
import { useConnection } from "@/db";
import { addParticipation } from "@/db/queries/fair-participations";
import { getEvent, listEvents } from "@/db/queries/fairs";
import {
  auditLog,
  cooperatives,
  eventParticipations,
  events,
  mentorAssignments,
  milestones,
  milestoneTemplates,
  users,
} from "@/db/schema";
import { seedReference } from "@/db/seed/reference";
import { todayIso } from "@/lib/dates";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-pathname": "/fairs" }) }));
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

const actions = await import("@/app/(app)/fairs/actions");
const { cooperativeScope } = await import("@/lib/dal");

type State = Awaited<ReturnType<typeof actions.addParticipationAction>>;
const IDLE: State = { status: "idle" };
const ROLES = ["admin", "staff", "mentor", "official"] as const;

let t: TestDatabase;
const id: Record<string, number> = {};
const PAST = { startsOn: "2025-03-10", endsOn: "2025-03-12" };
const LATER = { startsOn: "2099-05-01", endsOn: "2099-05-03" };

function signInAs(role: (typeof ROLES)[number]) {
  session.current = { user: { id: id[role], sv: 1, role, name: role, email: `${role}@x.test` } };
}

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

async function counts() {
  const n = async (table: typeof events | typeof eventParticipations | typeof auditLog) =>
    (await t.db.select({ n: count() }).from(table))[0]!.n;
  return {
    events: await n(events),
    participations: await n(eventParticipations),
    audit: await n(auditLog),
  };
}

async function exhibition(cooperativeId: number) {
  const [row] = await t.db
    .select({
      id: milestones.id,
      status: milestones.status,
      completedOn: milestones.completedOn,
      evidenceText: milestones.evidenceText,
      verifiedBy: milestones.verifiedBy,
      version: milestones.version,
    })
    .from(milestones)
    .where(
      and(eq(milestones.cooperativeId, cooperativeId), eq(milestones.templateId, id.template!)),
    );
  return row!;
}

async function lastAudit(n: number) {
  const rows = await t.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(n);
  return rows.reverse().map((row) => ({ action: row.action, entity: row.entity }));
}

const participation = (event: string, coop: string, more: Record<string, string> = {}) =>
  form({ event_id: id[event]!, cooperative_id: id[coop]!, ...more });

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const made = await t.db
    .insert(users)
    .values(
      ROLES.map((role) => ({
        email: `${role}@x.test`,
        name: role,
        role,
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
  const [template] = await t.db
    .select({ id: milestoneTemplates.id })
    .from(milestoneTemplates)
    .where(eq(milestoneTemplates.key, "exhibition_participation"));
  id.template = template!.id;
  const coop = {
    legalForm: "cooperative" as const,
    sector: "handicraft" as const,
    province: "meknes",
    area: "urban" as const,
    stage: "incubation" as const,
  };
  const coops = await t.db
    .insert(cooperatives)
    .values([
      { ...coop, name: "Todo" },
      { ...coop, name: "Reported" },
      { ...coop, name: "Done" },
      { ...coop, name: "Waived" },
      { ...coop, name: "NoMilestone" },
      { ...coop, name: "Archived", archivedAt: new Date("2026-01-01") },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of coops) id[row.name] = row.id;
  const milestone = (name: string, status: (typeof milestones.$inferInsert)["status"]) => ({
    cooperativeId: id[name]!,
    templateId: id.template!,
    stage: "incubation" as const,
    status,
    dueOn: "2026-01-01",
    completedOn: status === "done" ? "2025-12-01" : null,
    evidenceText: status === "done" ? "Salon 2025" : null,
  });
  await t.db
    .insert(milestones)
    .values([
      milestone("Todo", "todo"),
      milestone("Reported", "reported"),
      milestone("Done", "done"),
      milestone("Waived", "waived"),
    ]);
  await t.db
    .insert(mentorAssignments)
    .values({ mentorId: id.mentor!, cooperativeId: id.Todo!, startOn: "2025-01-01" });
  const [past, later, empty] = await t.db
    .insert(events)
    .values([
      { name: "Salon régional ESS", kind: "regional_fair", province: "fes", ...PAST },
      { name: "Marché itinérant Taza", kind: "itinerant_market", province: "taza", ...LATER },
      { name: "Exposition vide", kind: "exhibition", ...LATER },
    ])
    .returning({ id: events.id });
  id.past = past!.id;
  id.later = later!.id;
  id.empty = empty!.id;
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  signInAs("staff");
});

describe("events", () => {
  it("creates an event for staff with an audit entry, then opens it", async () => {
    const before = await counts();
    await expect(
      actions.saveEventAction(
        IDLE,
        form({
          name: "  Salon des coopératives créatives ",
          kind: "creative_fair",
          province: "",
          location: "Place El Hedim",
          starts_on: "2026-10-01",
          ends_on: "2026-10-04",
        }),
      ),
    ).rejects.toThrow(/^REDIRECT \/fairs\/\d+$/);
    const [row] = await t.db.select().from(events).orderBy(desc(events.id)).limit(1);
    expect({ ...row, id: undefined, createdAt: undefined }).toEqual({
      id: undefined,
      createdAt: undefined,
      name: "Salon des coopératives créatives",
      kind: "creative_fair",
      province: null,
      location: "Place El Hedim",
      startsOn: "2026-10-01",
      endsOn: "2026-10-04",
    });
    expect(await counts()).toEqual({
      ...before,
      events: before.events + 1,
      audit: before.audit + 1,
    });
    expect(await lastAudit(1)).toEqual([{ action: "create", entity: "event" }]);
    id.created = row!.id;
  });

  it("edits an event in place, with before and after in the audit", async () => {
    const state = await actions.saveEventAction(
      IDLE,
      form({
        id: id.created!,
        name: "Salon des coopératives créatives",
        kind: "creative_fair",
        province: "meknes",
        location: "Place El Hedim",
        starts_on: "2026-10-02",
        ends_on: "2026-10-04",
      }),
    );
    expect(state).toEqual({ status: "done", savedId: id.created });
    const [entry] = await t.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      action: "update",
      entity: "event",
      entityId: String(id.created),
      before: { province: null, startsOn: "2026-10-01" },
      after: { province: "meknes", startsOn: "2026-10-02" },
    });
  });

  it("reports field errors and writes nothing for bad input", async () => {
    const before = await counts();
    const bad = await actions.saveEventAction(
      IDLE,
      form({
        name: " ",
        kind: "party",
        province: "Fès!",
        starts_on: "2026-02-30",
        ends_on: "2026-03-01",
      }),
    );
    expect(bad.status).toBe("invalid");
    expect(bad.errors).toEqual({
      name: "required",
      kind: "invalidChoice",
      province: "invalidChoice",
      starts_on: "invalidDate",
    });
    const dates = await actions.saveEventAction(
      IDLE,
      form({ name: "x", kind: "other", starts_on: "2026-05-02", ends_on: "2026-05-01" }),
    );
    expect(dates.errors).toEqual({ ends_on: "endBeforeStart" });
    const unknown = await actions.saveEventAction(
      IDLE,
      form({
        name: "x",
        kind: "other",
        province: "atlantis",
        starts_on: "2026-05-01",
        ends_on: "2026-05-01",
      }),
    );
    expect(unknown.errors).toEqual({ province: "invalidChoice" });
    const missing = await actions.saveEventAction(
      IDLE,
      form({
        id: 999999,
        name: "x",
        kind: "other",
        starts_on: "2026-05-01",
        ends_on: "2026-05-01",
      }),
    );
    expect(missing).toEqual({ status: "not_found" });
    expect(await counts()).toEqual(before);
  });
});

describe("participations", () => {
  it("rejects bad input with field errors and writes nothing", async () => {
    const before = await counts();
    const state = await actions.addParticipationAction(
      IDLE,
      form({
        event_id: id.past!,
        cooperative_id: "",
        sales_mad: "12,345.6",
        notes: "x".repeat(2001),
      }),
    );
    expect(state.status).toBe("invalid");
    expect(state.errors).toEqual({
      cooperative_id: "required",
      sales_mad: "invalidAmount",
      notes: "tooLong",
    });
    const choice = await actions.addParticipationAction(
      IDLE,
      form({ event_id: id.past!, cooperative_id: "abc", sales_mad: "-5" }),
    );
    expect(choice.errors).toEqual({ cooperative_id: "invalidChoice", sales_mad: "invalidAmount" });
    expect(
      await actions.addParticipationAction(IDLE, form({ event_id: "x", cooperative_id: id.Todo! })),
    ).toEqual({ status: "not_found" });
    expect(await actions.addParticipationAction(IDLE, participation("past", "Archived"))).toEqual({
      status: "invalid",
      errors: { cooperative_id: "invalidChoice" },
      values: expect.any(Object),
    });
    expect(
      await actions.addParticipationAction(
        IDLE,
        form({ event_id: 999999, cooperative_id: id.Todo! }),
      ),
    ).toEqual({ status: "not_found" });
    expect(await counts()).toEqual(before);
    expect((await exhibition(id.Todo!)).status).toBe("todo");
  });

  it("records a participation and completes the exhibition milestone exactly once", async () => {
    const before = await counts();
    const first = await actions.addParticipationAction(
      IDLE,
      participation("past", "Todo", { sales_mad: "12 500,50", notes: "Prix du meilleur stand" }),
    );
    expect(first).toMatchObject({ status: "done", milestoneCompleted: true });
    const [row] = await t.db
      .select()
      .from(eventParticipations)
      .where(eq(eventParticipations.id, first.savedId!));
    expect(row).toMatchObject({
      eventId: id.past,
      cooperativeId: id.Todo,
      salesMad: "12500.50",
      notes: "Prix du meilleur stand",
    });
    const done = await exhibition(id.Todo!);
    expect(done).toEqual({
      id: done.id,
      status: "done",
      completedOn: PAST.endsOn,
      evidenceText: `Salon régional ESS (${PAST.startsOn} – ${PAST.endsOn})`,
      verifiedBy: id.staff,
      version: 2,
    });
    expect(await counts()).toEqual({
      ...before,
      participations: before.participations + 1,
      audit: before.audit + 2,
    });
    expect(await lastAudit(2)).toEqual([
      { action: "create", entity: "event_participation" },
      { action: "change_status", entity: "milestone" },
    ]);
    const [entry] = await t.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({
      entityId: String(done.id),
      before: { status: "todo", completed_on: null },
      after: { status: "done", completed_on: PAST.endsOn, event_participation_id: first.savedId },
    });

    const second = await actions.addParticipationAction(IDLE, participation("later", "Todo"));
    expect(second).toMatchObject({ status: "done", milestoneCompleted: false });
    expect(await exhibition(id.Todo!)).toEqual(done);
    expect(await counts()).toEqual({
      ...before,
      participations: before.participations + 2,
      audit: before.audit + 3,
    });
  });

  it("dates the milestone today when the event ends later, and verifies a reported one", async () => {
    const state = await actions.addParticipationAction(IDLE, participation("later", "Reported"));
    expect(state).toMatchObject({ status: "done", milestoneCompleted: true });
    expect(await exhibition(id.Reported!)).toMatchObject({
      status: "done",
      completedOn: todayIso(),
      verifiedBy: id.staff,
    });
  });

  it("leaves done and waived milestones as they are, and cooperatives without one", async () => {
    const done = await exhibition(id.Done!);
    const waived = await exhibition(id.Waived!);
    const before = await counts();
    for (const name of ["Done", "Waived", "NoMilestone"]) {
      expect(await actions.addParticipationAction(IDLE, participation("past", name))).toMatchObject(
        { status: "done", milestoneCompleted: false },
      );
    }
    expect(await exhibition(id.Done!)).toEqual(done);
    expect(await exhibition(id.Waived!)).toEqual(waived);
    expect(await counts()).toEqual({
      ...before,
      participations: before.participations + 3,
      audit: before.audit + 3,
    });
  });

  it("refuses a duplicate participation cleanly, even two at once", async () => {
    const before = await counts();
    const again = await actions.addParticipationAction(
      IDLE,
      participation("past", "Todo", { sales_mad: "1" }),
    );
    expect(again).toEqual({
      status: "invalid",
      errors: { cooperative_id: "duplicate" },
      values: expect.objectContaining({ sales_mad: "1" }),
    });
    const scope = cooperativeScope({ id: id.staff!, role: "staff" } as never);
    const params = {
      scope,
      eventId: id.empty!,
      cooperativeId: id.Todo!,
      salesMad: null,
      notes: null,
      today: todayIso(),
    };
    const results = await Promise.all([
      addParticipation(t.db, id.staff!, params),
      addParticipation(t.db, id.staff!, params),
    ]);
    expect(results.map((r) => (r.ok ? "ok" : r.reason)).sort()).toEqual(["duplicate", "ok"]);
    expect(await counts()).toEqual({
      ...before,
      participations: before.participations + 1,
      audit: before.audit + 1,
    });
  });

  it("removes a participation and keeps the milestone done", async () => {
    const [row] = await t.db
      .select({ id: eventParticipations.id })
      .from(eventParticipations)
      .where(
        and(
          eq(eventParticipations.eventId, id.empty!),
          eq(eventParticipations.cooperativeId, id.Todo!),
        ),
      );
    const before = await counts();
    const milestone = await exhibition(id.Todo!);
    expect(await actions.removeParticipationAction(IDLE, form({ id: row!.id }))).toEqual({
      status: "done",
      savedId: row!.id,
    });
    expect(await exhibition(id.Todo!)).toEqual(milestone);
    expect(await counts()).toEqual({
      ...before,
      participations: before.participations - 1,
      audit: before.audit + 1,
    });
    expect(await lastAudit(1)).toEqual([{ action: "delete", entity: "event_participation" }]);
    expect(await actions.removeParticipationAction(IDLE, form({ id: row!.id }))).toEqual({
      status: "not_found",
    });
    expect(await actions.removeParticipationAction(IDLE, form({ id: "x" }))).toEqual({
      status: "not_found",
    });
  });

  it.each(["mentor", "official"] as const)("refuses every change for %s", async (role) => {
    signInAs(role);
    const before = await counts();
    const [row] = await t.db.select({ id: eventParticipations.id }).from(eventParticipations);
    const states = [
      await actions.saveEventAction(
        IDLE,
        form({ name: "Nope", kind: "other", starts_on: "2026-05-01", ends_on: "2026-05-01" }),
      ),
      await actions.saveEventAction(
        IDLE,
        form({
          id: id.past!,
          name: "Nope",
          kind: "other",
          starts_on: "2026-05-01",
          ends_on: "2026-05-01",
        }),
      ),
      await actions.addParticipationAction(IDLE, participation("empty", "Todo")),
      await actions.removeParticipationAction(IDLE, form({ id: row!.id })),
    ];
    expect(states.map((s) => s.status)).toEqual([
      "forbidden",
      "forbidden",
      "forbidden",
      "forbidden",
    ]);
    expect(await counts()).toEqual(before);
  });

  it("sends anonymous callers to /login", async () => {
    session.current = null;
    await expect(
      actions.addParticipationAction(IDLE, participation("past", "Todo")),
    ).rejects.toThrow("REDIRECT /login");
  });
});

describe("reading fairs", () => {
  it("lists upcoming and past events with participants and sales of live cooperatives", async () => {
    const access = {
      scope: cooperativeScope({ id: id.staff!, role: "staff" } as never),
      everyEvent: true,
    };
    const lists = await listEvents(t.db, { access, today: "2026-06-01" });
    const brief = (e: { id: number; participants: number; salesMad: string | null }) => [
      e.id,
      e.participants,
      e.salesMad,
    ];
    expect(lists.upcoming.map(brief)).toEqual([
      [id.created, 0, null],
      [id.later, 2, null],
      [id.empty, 0, null],
    ]);
    expect(lists.past.map(brief)).toEqual([[id.past, 4, "12500.50"]]);
  });

  it("shows a mentor only the events and participations of assigned cooperatives", async () => {
    const access = {
      scope: cooperativeScope({ id: id.mentor!, role: "mentor" } as never),
      everyEvent: false,
    };
    const lists = await listEvents(t.db, { access, today: "2026-06-01" });
    expect(lists.upcoming.map((e) => [e.id, e.participants])).toEqual([[id.later, 1]]);
    expect(lists.past.map((e) => [e.id, e.participants, e.salesMad])).toEqual([
      [id.past, 1, "12500.50"],
    ]);
    expect(await getEvent(t.db, { access, id: id.empty! })).toBeNull();
    expect(await getEvent(t.db, { access, id: id.past! })).toMatchObject({
      name: "Salon régional ESS",
      provinceNames: { fr: "Préfecture de Fès" },
      participants: 1,
    });
  });
});
