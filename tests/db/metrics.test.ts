import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import {
  activeAndCoverage,
  jobsAsOf,
  jobsBy,
  lastCompleteQuarter,
  quarterlySeries,
} from "@/db/queries/metrics";
import { cohorts, cooperatives, jobsSnapshots, programs } from "@/db/schema";
import {
  impactQueryString,
  isCalendarDate,
  lastQuartersFrom,
  parseImpactQuery,
} from "@/lib/metrics";
import { seedReference } from "@/db/seed/reference";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
const ids: Record<"A" | "B" | "C", number> = { A: 0, B: 0, C: 0 };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReference(t.db);
  const [program] = await t.db.select().from(programs).where(eq(programs.key, "moazara"));
  const [cohort] = await t.db
    .insert(cohorts)
    .values({
      name: "C1",
      programId: program!.id,
      startOn: "2025-01-01",
      endOn: "2026-12-31",
      capacity: 10,
    })
    .returning();
  const base = {
    legalForm: "cooperative" as const,
    sector: "agriculture" as const,
    province: "taza",
    area: "rural" as const,
    cohortId: cohort!.id,
  };
  const rows = await t.db
    .insert(cooperatives)
    .values([
      { ...base, name: "A", stage: "incubation" },
      { ...base, name: "B", stage: "withdrawn", area: "urban" },
      { ...base, name: "C", stage: "incubation" },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of rows) ids[row.name as "A" | "B" | "C"] = row.id;
  const snap = (
    cooperativeId: number,
    asOf: string,
    total: number,
    women: number,
    kind: "baseline" | "periodic" = "periodic",
  ) => ({
    cooperativeId,
    asOf,
    kind,
    jobsTotal: total,
    jobsWomen: women,
    jobsYouth: 0,
    source: "test",
  });
  await t.db
    .insert(jobsSnapshots)
    .values([
      snap(ids.A, "2025-01-10", 5, 2, "baseline"),
      snap(ids.A, "2025-06-30", 8, 4),
      snap(ids.A, "2026-06-30", 11, 5),
      snap(ids.B, "2025-02-01", 4, 1, "baseline"),
      snap(ids.B, "2025-09-30", 1, 0),
      snap(ids.C, "2025-09-30", 3, 1),
      snap(ids.C, "2026-09-30", 4, 1),
    ]);
});

afterAll(async () => {
  await t?.close();
});

describe("jobs metrics (the worked example of shared/DOMAIN.md)", () => {
  it("counts created and maintained jobs as of 2025-12-31", async () => {
    const jobs = await jobsAsOf(t.db, { to: "2025-12-31" });
    expect(jobs).toEqual({
      created: 0,
      createdWomen: 1,
      createdYouth: 0,
      createdRural: 3,
      maintained: 5,
    });
  });

  it("counts created jobs as of 2026-12-31", async () => {
    const jobs = await jobsAsOf(t.db, { to: "2026-12-31" });
    expect(jobs.created).toBe(3);
    expect(jobs.createdWomen).toBe(2);
    expect(jobs.maintained).toBe(5);
  });

  it("ignores archived cooperatives", async () => {
    await t.db
      .update(cooperatives)
      .set({ archivedAt: new Date() })
      .where(eq(cooperatives.id, ids.B));
    const jobs = await jobsAsOf(t.db, { to: "2025-12-31" });
    expect(jobs.created).toBe(3);
    await t.db.update(cooperatives).set({ archivedAt: null }).where(eq(cooperatives.id, ids.B));
  });

  it("lowers reporting coverage for an active cooperative without a snapshot last quarter", async () => {
    expect(await activeAndCoverage(t.db, { to: "2026-11-29" })).toEqual({
      active: 2,
      coverage: 0.5,
    });
    expect(await activeAndCoverage(t.db, { to: "2026-07-15" })).toEqual({
      active: 2,
      coverage: 0.5,
    });
    expect(await activeAndCoverage(t.db, { to: "2026-04-01" })).toEqual({ active: 2, coverage: 0 });
  });
});

describe("quarterly series (the worked example, quarter by quarter)", () => {
  it("gives jobs created as of each quarter's end, the same as jobsAsOf on that date", async () => {
    const series = await quarterlySeries(t.db, { from: "2025-01-01", to: "2026-12-31" });
    expect(series.map((q) => [q.quarter, q.asOf, q.created, q.createdWomen])).toEqual([
      ["2025-Q1", "2025-03-31", 0, 0],
      ["2025-Q2", "2025-06-30", 3, 2],
      ["2025-Q3", "2025-09-30", 0, 1],
      ["2025-Q4", "2025-12-31", 0, 1],
      ["2026-Q1", "2026-03-31", 0, 1],
      ["2026-Q2", "2026-06-30", 3, 2],
      ["2026-Q3", "2026-09-30", 3, 2],
      ["2026-Q4", "2026-12-31", 3, 2],
    ]);
    for (const quarter of series) {
      const jobs = await jobsAsOf(t.db, { to: quarter.asOf });
      expect([quarter.quarter, quarter.created, quarter.createdWomen]).toEqual([
        quarter.quarter,
        jobs.created,
        jobs.createdWomen,
      ]);
    }
  });

  it("starts at the earliest snapshot without `from`, and ends on `to` inside its quarter", async () => {
    const series = await quarterlySeries(t.db, { to: "2025-08-15" });
    expect(series.map((q) => [q.quarter, q.asOf, q.created])).toEqual([
      ["2025-Q1", "2025-03-31", 0],
      ["2025-Q2", "2025-06-30", 3],
      ["2025-Q3", "2025-08-15", 3],
    ]);
  });

  it("counts snapshots dated before `from` in the first quarter's stock", async () => {
    const series = await quarterlySeries(t.db, { from: "2025-10-01", to: "2026-03-31" });
    expect(series.map((q) => [q.quarter, q.created])).toEqual([
      ["2025-Q4", 0],
      ["2026-Q1", 0],
    ]);
    const later = await quarterlySeries(t.db, { from: "2026-07-01", to: "2026-09-30" });
    expect(later.map((q) => [q.quarter, q.created, q.createdWomen])).toEqual([["2026-Q3", 3, 2]]);
  });
});

describe("jobs by group", () => {
  it("splits jobs created and coverage by province, without a group for cooperatives that match nothing", async () => {
    const byProvince = await jobsBy(t.db, { to: "2025-11-15" }, "province");
    expect(await activeAndCoverage(t.db, { to: "2025-11-15" })).toEqual({
      active: 2,
      coverage: 0.5,
    });
    expect(byProvince).toEqual([
      {
        key: "taza",
        created: 0,
        createdWomen: 1,
        createdYouth: 0,
        createdRural: 3,
        maintained: 5,
        active: 2,
        coverage: 0.5,
      },
    ]);
    expect(await jobsBy(t.db, { to: "2025-12-31", province: "fes" }, "province")).toEqual([]);
  });
});

describe("last complete quarter", () => {
  it("is the latest quarter ended on or before the date", () => {
    expect(lastCompleteQuarter("2026-11-29")).toEqual({ start: "2026-07-01", end: "2026-09-30" });
    expect(lastCompleteQuarter("2026-12-31")).toEqual({ start: "2026-10-01", end: "2026-12-31" });
    expect(lastCompleteQuarter("2026-01-01")).toEqual({ start: "2025-10-01", end: "2025-12-31" });
    expect(lastCompleteQuarter("2026-03-31")).toEqual({ start: "2026-01-01", end: "2026-03-31" });
  });
});

describe("impact filters", () => {
  it("accepts only real calendar dates", () => {
    expect(["2026-02-28", "2024-02-29", "2026-12-31"].map(isCalendarDate)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      ["2026-02-30", "2025-02-29", "2026-13-01", "0000-01-01", "2026-1-1", "today"].map(
        isCalendarDate,
      ),
    ).toEqual([false, false, false, false, false, false]);
  });

  it("names an invalid or inverted period, and keeps the other filters", () => {
    const params = new URLSearchParams("from=2026-02-30&to=2026-06-30&province=fes&cohort=3");
    expect(parseImpactQuery(params)).toEqual({
      invalid: ["from"],
      query: expect.objectContaining({ to: "2026-06-30", province: "fes", cohortId: 3 }),
    });
    const inverted = parseImpactQuery({ from: "2026-07-01", to: "2026-06-30" });
    expect(inverted.invalid).toEqual(["period"]);
    expect([inverted.query.from, inverted.query.to]).toEqual([undefined, undefined]);
    expect(parseImpactQuery({ from: "", to: " " }).invalid).toEqual([]);
  });

  it("writes the filters back with DOMAIN's names", () => {
    const { query } = parseImpactQuery({
      from: "2026-01-01",
      program: "moazara",
      legal_form: "association",
      cohort: "4",
    });
    expect(impactQueryString(query)).toBe(
      "?from=2026-01-01&program=moazara&cohort=4&legal_form=association",
    );
    expect(impactQueryString(query, { from: undefined, format: "xlsx" })).toBe(
      "?program=moazara&cohort=4&legal_form=association&format=xlsx",
    );
  });

  it("starts the last four quarters three quarters before today's", () => {
    expect(lastQuartersFrom("2026-11-29", 4)).toBe("2026-01-01");
    expect(lastQuartersFrom("2026-02-10", 4)).toBe("2025-04-01");
    expect(lastQuartersFrom("2026-03-31", 1)).toBe("2026-01-01");
  });
});
