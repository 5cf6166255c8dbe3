import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { createAward } from "@/db/queries/funding";
import { createSession } from "@/db/queries/sessions";
import { seedReference } from "@/db/seed/reference";
import { auditLog, cooperativeFigures, cooperatives, mentoringSessions, users } from "@/db/schema";
import { todayIso } from "@/lib/dates";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/**
 * Many sessions logged at once for one cooperative (a mentor's queue flushing, `npm run
 * loadtest`): on PostgreSQL each transaction locks the cooperative and the cooperative_figures
 * trigger locks it again; taken in two strengths, two writers deadlocked (40P01, a 500).
 */
let t: TestDatabase;
let mentorId: number;
let coopId: number;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReference(t.db);
  const [mentor] = await t.db
    .insert(users)
    .values({ email: "m@x.test", name: "m", role: "mentor", passwordHash: "x" })
    .returning({ id: users.id });
  const [coop] = await t.db
    .insert(cooperatives)
    .values({
      name: "busy",
      legalForm: "cooperative",
      sector: "argan",
      province: "taounate",
      area: "rural",
    })
    .returning({ id: cooperatives.id });
  mentorId = mentor!.id;
  coopId = coop!.id;
});

afterAll(async () => {
  await t?.close();
});

describe("sessions logged concurrently for one cooperative", () => {
  it("all commit, each once with its audit entry, and the figures count every one", async () => {
    const n = 24;
    const ids = Array.from(
      { length: n },
      (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    );
    const results = await Promise.allSettled(
      ids.map((id) =>
        createSession(t.db, mentorId, {
          access: sql`true`,
          id,
          input: {
            cooperative_id: coopId,
            held_on: todayIso(),
            duration_minutes: 30,
            mode: "field_visit",
            topics: ["marketing"],
            attendees: 3,
            notes: null,
            next_steps: null,
            follow_up_on: null,
          },
        }),
      ),
    );
    const failures = results.flatMap((r) =>
      r.status === "rejected" ? [String((r.reason as Error).cause ?? r.reason)] : [],
    );
    expect(failures).toEqual([]);
    expect(
      results.map((r) => (r.status === "fulfilled" && r.value.ok ? r.value.created : null)),
    ).toEqual(ids.map(() => true));
    const [sessions] = await t.db
      .select({ n: count() })
      .from(mentoringSessions)
      .where(eq(mentoringSessions.cooperativeId, coopId));
    const [audited] = await t.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.entity, "mentoring_session"));
    const [figures] = await t.db
      .select({ minutes: cooperativeFigures.sessionMinutes })
      .from(cooperativeFigures)
      .where(eq(cooperativeFigures.cooperativeId, coopId));
    expect({
      sessions: sessions!.n,
      audited: audited!.n,
      minutes: Number(figures?.minutes),
    }).toEqual({
      sessions: n,
      audited: n,
      minutes: n * 30,
    });
  });
});

describe("awards recorded concurrently for one cooperative", () => {
  it("all commit, and the figures count every committed one", async () => {
    const n = 12;
    const results = await Promise.allSettled(
      Array.from({ length: n }, () =>
        createAward(t.db, mentorId, {
          access: sql`true`,
          columns: {
            cooperativeId: coopId,
            program: null,
            source: "indh",
            kind: "grant",
            amountMad: "1000.00",
            coFinancingMad: "0",
            awardedOn: todayIso(),
            status: "approved",
            notes: null,
          },
        }),
      ),
    );
    const failures = results.flatMap((r) =>
      r.status === "rejected" ? [String((r.reason as Error).cause ?? r.reason)] : [],
    );
    expect(failures).toEqual([]);
    const [figures] = await t.db
      .select({ committed: cooperativeFigures.committedMad })
      .from(cooperativeFigures)
      .where(eq(cooperativeFigures.cooperativeId, coopId));
    expect(Number(figures?.committed)).toBe(n * 1000);
  });
});
