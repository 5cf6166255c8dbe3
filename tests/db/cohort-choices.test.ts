import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COHORT_CHOICES, cohortChoices } from "@/db/queries/cooperative-record";
import { cohorts, programs } from "@/db/schema";
import { seedReference } from "@/db/seed/reference";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/** A filter's cohort select: every cohort up to COHORT_CHOICES, past that the open ones. */
let t: TestDatabase;
const program = async (key: string) =>
  (await t.db.select({ id: programs.id }).from(programs).where(eq(programs.key, key)))[0]!.id;

async function addCohorts(count: number, programKey: string, status: "closed" | "active") {
  const programId = await program(programKey);
  const rows = await t.db
    .insert(cohorts)
    .values(
      Array.from({ length: count }, (_, i) => ({
        name: `${programKey} ${status} ${i}`,
        programId,
        startOn: "2025-01-01",
        endOn: "2025-12-31",
        capacity: 10,
        status,
      })),
    )
    .returning({ id: cohorts.id });
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReference(t.db);
});

afterAll(async () => {
  await t?.close();
});

describe("cohortChoices", () => {
  it("offers every cohort, closed ones too, up to COHORT_CHOICES", async () => {
    await addCohorts(COHORT_CHOICES - 2, "moazara", "closed");
    await addCohorts(2, "indh_p3", "active");
    const { options, openOnly } = await cohortChoices(t.db);
    expect(openOnly).toBe(false);
    expect(options).toHaveLength(COHORT_CHOICES);
  });

  it("past COHORT_CHOICES offers the open ones, the chosen one and the chosen programme's", async () => {
    const [closedIndh] = await addCohorts(1, "indh_p3", "closed");
    const all = await cohortChoices(t.db);
    expect(all.openOnly).toBe(true);
    expect(all.options.map((o) => o.label).sort()).toEqual([
      "indh_p3 active 0",
      "indh_p3 active 1",
    ]);

    const chosen = await cohortChoices(t.db, { cohortId: closedIndh });
    expect(chosen.options.map((o) => o.value)).toContain(String(closedIndh));
    expect(chosen.options).toHaveLength(3);

    const narrowed = await cohortChoices(t.db, { cohortId: closedIndh }, "program");
    expect(narrowed.options.map((o) => o.value)).toEqual([String(closedIndh)]);
    expect((await cohortChoices(t.db, { program: "indh_p3" }, "program")).options).toHaveLength(3);

    const byProgram = await cohortChoices(t.db, { program: "indh_p3" });
    expect(byProgram.options.map((o) => o.label).sort()).toEqual([
      "indh_p3 active 0",
      "indh_p3 active 1",
      "indh_p3 closed 0",
    ]);
  });
});
