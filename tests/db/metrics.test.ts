import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { activeAndCoverage, jobsAsOf, lastCompleteQuarter } from "@/db/queries/metrics";
import { cohorts, cooperatives, jobsSnapshots, programs } from "@/db/schema";
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

describe("last complete quarter", () => {
  it("is the latest quarter ended on or before the date", () => {
    expect(lastCompleteQuarter("2026-11-29")).toEqual({ start: "2026-07-01", end: "2026-09-30" });
    expect(lastCompleteQuarter("2026-12-31")).toEqual({ start: "2026-10-01", end: "2026-12-31" });
    expect(lastCompleteQuarter("2026-01-01")).toEqual({ start: "2025-10-01", end: "2025-12-31" });
    expect(lastCompleteQuarter("2026-03-31")).toEqual({ start: "2026-01-01", end: "2026-03-31" });
  });
});
