import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { mentorCooperatives, mentorLoad, mentorLoads } from "@/db/queries/mentors";
import {
  cooperativeChoices,
  cooperativeSessions,
  exportSessions,
  searchSessions,
  sessionTotals,
  upcomingFollowUps,
} from "@/db/queries/sessions";
import { seedReference } from "@/db/seed/reference";
import {
  attachments,
  cohorts,
  cooperatives,
  mentorAssignments,
  mentoringSessions,
  milestones,
  programs,
  users,
} from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const TODAY = "2026-11-29";

let t: TestDatabase;
const id: Record<string, number> = {};
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReference(t.db);
  const made = await t.db
    .insert(users)
    .values(
      [
        ["amina", "mentor"],
        ["brahim", "mentor"],
        ["staff", "staff"],
      ].map(([name, role]) => ({
        email: `${name}@x.test`,
        name: name!,
        role: role as "mentor",
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
  const base = {
    legalForm: "cooperative" as const,
    sector: "food_products" as const,
    province: "sefrou",
    area: "rural" as const,
    stage: "incubation" as const,
  };
  const coops = await t.db
    .insert(cooperatives)
    .values([
      { ...base, name: "c1" },
      { ...base, name: "c2" },
      { ...base, name: "c3" },
      { ...base, name: "c4", archivedAt: new Date("2026-06-01T00:00:00Z") },
      { ...base, name: "c5" },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of coops) id[row.name] = row.id;
  const assign = (mentor: string, coop: string, endOn: string | null = null) => ({
    mentorId: id[mentor]!,
    cooperativeId: id[coop]!,
    startOn: "2025-01-01",
    endOn,
  });
  await t.db
    .insert(mentorAssignments)
    .values([
      assign("amina", "c1"),
      assign("amina", "c2"),
      assign("amina", "c4"),
      assign("amina", "c5", "2026-06-30"),
      assign("brahim", "c3"),
    ]);
  const session = (
    mentor: string,
    coop: string,
    heldOn: string,
    durationMinutes: number,
    followUpOn: string | null = null,
  ) => ({
    id: uuid(),
    mentorId: id[mentor]!,
    cooperativeId: id[coop]!,
    heldOn,
    durationMinutes,
    mode: "in_person" as const,
    topics: ["governance" as const],
    attendees: 3,
    followUpOn,
    nextSteps: `after ${heldOn}`,
  });
  await t.db
    .insert(mentoringSessions)
    .values([
      session("amina", "c1", "2026-11-26", 60, "2026-12-10"),
      session("amina", "c1", "2026-10-20", 90, "2026-11-01"),
      session("amina", "c1", "2025-12-15", 45),
      session("amina", "c4", "2026-11-20", 30, "2026-12-01"),
      session("amina", "c5", "2026-05-02", 120),
      session("brahim", "c3", "2026-10-01", 120),
    ]);
  const milestone = (coop: string, status: string, dueOn: string | null) => ({
    cooperativeId: id[coop]!,
    title: `${coop} ${status}`,
    stage: "incubation" as const,
    status: status as "todo",
    dueOn,
    completedOn: status === "done" ? "2026-09-30" : null,
  });
  await t.db
    .insert(milestones)
    .values([
      milestone("c1", "todo", "2026-11-01"),
      milestone("c1", "in_progress", "2027-01-01"),
      milestone("c1", "done", "2026-10-01"),
      milestone("c1", "waived", "2026-01-01"),
      milestone("c1", "reported", "2026-11-28"),
      milestone("c2", "blocked", null),
    ]);
});

afterAll(async () => {
  await t?.close();
});

describe("mentor load", () => {
  it("counts running assignments and sessions of live cooperatives, by month and by year", async () => {
    const loads = await mentorLoads(t.db, TODAY);
    expect(loads).toEqual([
      {
        id: id.amina,
        name: "amina",
        email: "amina@x.test",
        phone: null,
        active: true,
        cooperatives: 2,
        sessionsMonth: 1,
        minutesMonth: 60,
        sessionsYear: 3,
        minutesYear: 270,
        lastSession: "2026-11-26",
      },
      {
        id: id.brahim,
        name: "brahim",
        email: "brahim@x.test",
        phone: null,
        active: true,
        cooperatives: 1,
        sessionsMonth: 0,
        minutesMonth: 0,
        sessionsYear: 1,
        minutesYear: 120,
        lastSession: "2026-10-01",
      },
    ]);
  });

  it("answers null for an id that is not a mentor's", async () => {
    expect(await mentorLoad(t.db, { mentorId: id.staff!, today: TODAY })).toBeNull();
    expect(
      (await mentorLoad(t.db, { mentorId: id.brahim!, today: "2026-09-30" }))?.lastSession,
    ).toBe(null);
  });
});

describe("mentor home", () => {
  it("lists cooperatives, the longest without a session first, with open and overdue milestones", async () => {
    const scope = and(isNull(cooperatives.archivedAt), inArray(cooperatives.id, [id.c1!, id.c2!]))!;
    const rows = await mentorCooperatives(t.db, { scope, today: TODAY });
    expect(
      rows.map((r) => [r.name, r.lastSession, r.daysSince, r.openMilestones, r.overdueMilestones]),
    ).toEqual([
      ["c2", null, null, 1, 0],
      ["c1", "2026-11-26", 3, 3, 2],
    ]);
  });

  it("gives the month's sessions and hours and the follow-ups from today on", async () => {
    expect(
      await sessionTotals(t.db, {
        where: eq(mentoringSessions.mentorId, id.amina!),
        from: "2026-11-01",
        to: TODAY,
      }),
    ).toEqual({ sessions: 1, minutes: 60 });
    const followUps = await upcomingFollowUps(t.db, {
      access: sql`true`,
      mentorId: id.amina!,
      today: TODAY,
      limit: 10,
    });
    expect(followUps.map((f) => [f.cooperative, f.followUpOn, f.nextSteps])).toEqual([
      ["c1", "2026-12-10", "after 2026-11-26"],
    ]);
  });

  it("lists a cooperative's sessions newest first with their files, under the totals of all, within the access given", async () => {
    const [latest] = await t.db
      .select({ id: mentoringSessions.id })
      .from(mentoringSessions)
      .where(
        and(
          eq(mentoringSessions.cooperativeId, id.c1!),
          eq(mentoringSessions.heldOn, "2026-11-26"),
        ),
      );
    const files = await t.db
      .insert(attachments)
      .values(
        ["visite.jpg", "registre.pdf"].map((filename) => ({
          sessionId: latest!.id,
          filename,
          contentType: "image/jpeg",
          sizeBytes: 3,
          data: Buffer.from([1, 2, 3]),
          uploadedBy: id.amina!,
        })),
      )
      .returning({ id: attachments.id });
    const all = await cooperativeSessions(t.db, {
      access: sql`true`,
      cooperativeId: id.c1!,
      limit: 2,
      today: TODAY,
    });
    expect(all.latest.map((s) => [s.heldOn, s.mentor, s.durationMinutes])).toEqual([
      ["2026-11-26", "amina", 60],
      ["2026-10-20", "amina", 90],
    ]);
    expect(all.latest.map((s) => s.files)).toEqual([
      [
        { id: files[0]!.id, sessionId: latest!.id, filename: "visite.jpg" },
        { id: files[1]!.id, sessionId: latest!.id, filename: "registre.pdf" },
      ],
      [],
    ]);
    // Every session counts, not only the ones listed; none held after `today`.
    expect(all.totals).toEqual({ sessions: 3, minutes: 195 });
    const earlier = await cooperativeSessions(t.db, {
      access: sql`true`,
      cooperativeId: id.c1!,
      limit: 2,
      today: "2026-11-01",
    });
    expect(earlier.totals).toEqual({ sessions: 2, minutes: 135 });
    // An archived cooperative's record counts the sessions it lists.
    const archived = await cooperativeSessions(t.db, {
      access: sql`true`,
      cooperativeId: id.c4!,
      limit: 5,
      today: TODAY,
    });
    expect([archived.latest.length, archived.totals]).toEqual([1, { sessions: 1, minutes: 30 }]);
    const none = await cooperativeSessions(t.db, {
      access: eq(cooperatives.id, id.c3!),
      cooperativeId: id.c1!,
      limit: 10,
      today: TODAY,
    });
    expect(none).toEqual({ latest: [], totals: { sessions: 0, minutes: 0 } });
    await t.db.delete(attachments).where(eq(attachments.sessionId, latest!.id));
  });
});

describe("the sessions list's count", () => {
  const filters = { page: 1 };
  it("counts and sums every matching session of live cooperatives up to the cap", async () => {
    const page = await searchSessions(t.db, { access: sql`true`, filters, pageSize: 2 });
    expect([page.total, page.minutes, page.capped, page.rows.length]).toEqual([5, 435, false, 2]);
    const exact = await searchSessions(t.db, {
      access: sql`true`,
      filters,
      pageSize: 2,
      countCap: 5,
    });
    expect([exact.total, exact.capped]).toEqual([5, false]);
  });

  it("keeps the sessions of a cohort's cooperatives, in the list and the export", async () => {
    const [program] = await t.db.select({ id: programs.id }).from(programs).limit(1);
    const [cohort] = await t.db
      .insert(cohorts)
      .values({
        name: "cohort",
        programId: program!.id,
        startOn: "2025-01-01",
        endOn: "2026-12-31",
        capacity: 10,
      })
      .returning({ id: cohorts.id });
    await t.db
      .update(cooperatives)
      .set({ cohortId: cohort!.id })
      .where(inArray(cooperatives.id, [id.c1!, id.c3!]));
    const cohortFilters = { page: 1, cohortId: cohort!.id };
    const page = await searchSessions(t.db, {
      access: sql`true`,
      filters: cohortFilters,
      pageSize: 3,
    });
    expect([page.total, page.minutes, page.capped]).toEqual([4, 315, false]);
    expect(page.rows.map((r) => [r.cooperative, r.heldOn])).toEqual([
      ["c1", "2026-11-26"],
      ["c1", "2026-10-20"],
      ["c3", "2026-10-01"],
    ]);
    const exported = await exportSessions(t.db, { access: sql`true`, filters: cohortFilters });
    expect(exported.map((r) => r.cooperative).sort()).toEqual(["c1", "c1", "c1", "c3"]);
    // Within the viewer's access still.
    const mine = await searchSessions(t.db, {
      access: eq(cooperatives.id, id.c3!),
      filters: cohortFilters,
      pageSize: 3,
    });
    expect(mine.rows.map((r) => r.cooperative)).toEqual(["c3"]);
    await t.db
      .update(cooperatives)
      .set({ cohortId: null })
      .where(inArray(cooperatives.id, [id.c1!, id.c3!]));
  });

  it("stops counting past the cap, says so, and leaves the hours out", async () => {
    const page = await searchSessions(t.db, {
      access: sql`true`,
      filters,
      pageSize: 2,
      countCap: 4,
    });
    expect([page.total, page.minutes, page.capped, page.rows.length]).toEqual([4, 0, true, 2]);
  });

  it("finds sessions by their cooperative's name (q), and lists choices only when few", async () => {
    const page = await searchSessions(t.db, {
      access: sql`true`,
      filters: { page: 1, q: "C3" },
      pageSize: 10,
    });
    expect(page.rows.map((s) => s.durationMinutes)).toEqual([120]);
    expect((await cooperativeChoices(t.db, isNull(cooperatives.archivedAt)))?.length).toBe(4);
  });
});
