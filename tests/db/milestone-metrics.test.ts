import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useConnection } from "@/db";
import { milestonesByCohort, milestoneTotals } from "@/db/queries/metrics";
import { milestoneCounts, searchMilestones } from "@/db/queries/milestone-list";
import { milestoneFiguresFor } from "@/db/queries/milestones";
import { seedReference } from "@/db/seed/reference";
import { cohorts, cooperatives, milestones, programs } from "@/db/schema";
import { parseMilestoneFilters } from "@/lib/validation/milestone";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const TODAY = "2026-06-15";

let t: TestDatabase;
const id: Record<string, number> = {};

type Status = "todo" | "in_progress" | "blocked" | "reported" | "done" | "waived";

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const [program] = await t.db.select().from(programs).where(eq(programs.key, "moazara"));
  const cohort = {
    programId: program!.id,
    startOn: "2026-01-01",
    endOn: "2026-12-31",
    capacity: 20,
  };
  const [x, y] = await t.db
    .insert(cohorts)
    .values([
      { ...cohort, name: "X" },
      { ...cohort, name: "Y" },
    ])
    .returning({ id: cohorts.id });
  id.X = x!.id;
  id.Y = y!.id;
  const base = {
    legalForm: "cooperative" as const,
    sector: "argan" as const,
    area: "rural" as const,
  };
  const rows = await t.db
    .insert(cooperatives)
    .values([
      { ...base, name: "X1", province: "fes", cohortId: id.X },
      { ...base, name: "X2", province: "taza", cohortId: id.X },
      { ...base, name: "Y1", province: "meknes", cohortId: id.Y },
      { ...base, name: "N1", province: "fes" },
      {
        ...base,
        name: "Z",
        province: "fes",
        cohortId: id.X,
        archivedAt: new Date("2026-03-01T00:00:00Z"),
      },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of rows) id[row.name] = row.id;
  const m = (coop: string, status: Status, dueOn: string | null) => ({
    cooperativeId: id[coop]!,
    title: `${coop} ${status} ${dueOn ?? "no date"}`,
    stage: "incubation" as const,
    status,
    dueOn,
    completedOn: status === "done" ? "2026-04-01" : null,
  });
  await t.db.insert(milestones).values([
    // X1: 8 milestones, 2 done, 1 waived; overdue: the todo due yesterday and the report due 06-01
    m("X1", "done", "2026-01-01"),
    m("X1", "done", null),
    m("X1", "waived", "2026-01-01"),
    m("X1", "todo", "2026-06-14"),
    m("X1", "in_progress", TODAY),
    m("X1", "reported", "2026-06-01"),
    m("X1", "blocked", null),
    m("X1", "todo", "2026-07-01"),
    // X2: 1 done, 1 waived, both past due: neither is overdue
    m("X2", "done", "2026-05-01"),
    m("X2", "waived", "2026-05-01"),
    // Y1: every milestone waived: completion has no value
    m("Y1", "waived", "2026-01-01"),
    m("Y1", "waived", null),
    // N1: no cohort
    m("N1", "todo", "2026-06-14"),
    m("N1", "done", "2026-02-01"),
    // Z: archived, counts nowhere
    m("Z", "todo", "2026-01-01"),
  ]);
});

afterAll(async () => {
  await t?.close();
});

describe("milestone completion and overdue (DOMAIN.md metrics)", () => {
  it("gives done ÷ (all − waived) and overdue per cohort; due today is not overdue", async () => {
    expect(await milestonesByCohort(t.db, { to: TODAY }, TODAY)).toEqual([
      { cohortId: id.X, total: 10, done: 3, waived: 2, overdue: 2, completion: 3 / 8 },
      { cohortId: id.Y, total: 2, done: 0, waived: 2, overdue: 0, completion: null },
      { cohortId: null, total: 2, done: 1, waived: 0, overdue: 1, completion: 0.5 },
    ]);
  });

  it("sums every filtered cooperative into the totals", async () => {
    expect(await milestoneTotals(t.db, { to: TODAY }, TODAY)).toEqual({
      cohortId: null,
      total: 14,
      done: 4,
      waived: 4,
      overdue: 3,
      completion: 0.4,
    });
  });

  it("counts the milestone due today as overdue from the next day on", async () => {
    const tomorrow = "2026-06-16";
    expect(await milestoneTotals(t.db, { to: tomorrow }, tomorrow)).toMatchObject({ overdue: 4 });
  });

  it("takes the cooperatives' filters and a scope", async () => {
    expect(await milestonesByCohort(t.db, { to: TODAY, province: "fes" }, TODAY)).toEqual([
      { cohortId: id.X, total: 8, done: 2, waived: 1, overdue: 2, completion: 2 / 7 },
      { cohortId: null, total: 2, done: 1, waived: 0, overdue: 1, completion: 0.5 },
    ]);
    expect(await milestonesByCohort(t.db, { to: TODAY, cohortId: id.Y }, TODAY)).toEqual([
      { cohortId: id.Y, total: 2, done: 0, waived: 2, overdue: 0, completion: null },
    ]);
    expect(
      await milestoneTotals(t.db, { to: TODAY, scope: eq(cooperatives.id, id.X2!) }, TODAY),
    ).toEqual({ cohortId: null, total: 2, done: 1, waived: 1, overdue: 0, completion: 1 });
  });

  it("gives one cooperative's figures on its profile", async () => {
    expect(await milestoneFiguresFor(t.db, id.X1!, TODAY)).toEqual({
      cohortId: null,
      total: 8,
      done: 2,
      waived: 1,
      overdue: 2,
      completion: 2 / 7,
    });
  });

  it("agrees with the counts and the overdue filter of the milestones list", async () => {
    const all = parseMilestoneFilters({});
    const counts = await milestoneCounts(t.db, { access: sql`true`, filters: all, today: TODAY });
    expect(counts).toEqual({
      cohortId: null,
      total: 14,
      done: 4,
      waived: 4,
      overdue: 3,
      completion: 0.4,
      byStatus: { todo: 3, in_progress: 1, blocked: 1, reported: 1, done: 4, waived: 4 },
    });
    const overdue = await searchMilestones(t.db, {
      access: sql`true`,
      filters: parseMilestoneFilters({ overdue: "true" }),
      today: TODAY,
      pageSize: 50,
    });
    expect(overdue.total).toBe(3);
    expect(overdue.rows.map((r) => [r.names.en, r.dueOn, r.overdue])).toEqual([
      ["X1 reported 2026-06-01", "2026-06-01", true],
      ["X1 todo 2026-06-14", "2026-06-14", true],
      ["N1 todo 2026-06-14", "2026-06-14", true],
    ]);
    const fes = await milestoneCounts(t.db, {
      access: sql`true`,
      filters: parseMilestoneFilters({ province: "fes", status: "done" }),
      today: TODAY,
    });
    expect([fes.total, fes.done, fes.waived, fes.overdue, fes.completion]).toEqual([
      10,
      3,
      1,
      3,
      3 / 9,
    ]);
  });
});
