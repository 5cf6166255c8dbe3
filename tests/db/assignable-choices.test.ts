import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ASSIGNABLE_CHOICES_MAX,
  ASSIGNABLE_MATCHES_MAX,
  assignableCooperatives,
  assignmentCooperatives,
} from "@/db/queries/assignments";
import { seedReference } from "@/db/seed/reference";
import { cooperatives, mentorAssignments, users } from "@/db/schema";
import { todayIso } from "@/lib/dates";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/**
 * A mentor's page offered every assignable cooperative in a <select>: 44,500 options and 7.4 MB
 * at national scale. Past 200, staff find the cooperative to assign by name instead.
 */
let t: TestDatabase;
const id: Record<string, number> = {};
const TODAY = todayIso();
const shift = (days: number) => {
  const date = new Date(`${TODAY}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

type Stage = (typeof cooperatives.$inferInsert)["stage"];

async function addCooperatives(
  rows: { name: string; stage?: Stage; archived?: boolean; registrationNumber?: string }[],
) {
  const made = await t.db
    .insert(cooperatives)
    .values(
      rows.map((r) => ({
        name: r.name,
        legalForm: "cooperative" as const,
        sector: "handicraft" as const,
        province: "taza",
        area: "rural" as const,
        stage: r.stage ?? "incubation",
        registrationNumber: r.registrationNumber ?? null,
        archivedAt: r.archived ? new Date() : null,
      })),
    )
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of made) id[row.name] = row.id;
}

const assign = (mentor: string, cooperative: string, startOn: string, endOn: string | null) => ({
  mentorId: id[mentor]!,
  cooperativeId: id[cooperative]!,
  startOn,
  endOn,
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name);
const choices = (q?: string) => assignmentCooperatives(t.db, id.mentor!, TODAY, q);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReference(t.db);
  const made = await t.db
    .insert(users)
    .values(
      ["mentor", "other"].map((name) => ({
        email: `${name}@x.test`,
        name,
        role: "mentor" as const,
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
  await addCooperatives([
    { name: "Coopérative Tifawine", registrationNumber: "RC-7781" },
    { name: "Argan Ida" },
    { name: "Ancienne Tifawine" },
    { name: "Future Tifawine" },
    { name: "Autre Tifawine" },
    { name: "تعاونية الأمل" },
    { name: "Diplômée Tifawine", stage: "graduated" },
    { name: "Retirée Tifawine", stage: "withdrawn" },
    { name: "Archivée Tifawine", archived: true },
  ]);
  await t.db
    .insert(mentorAssignments)
    .values([
      assign("mentor", "Argan Ida", shift(-30), null),
      assign("mentor", "Future Tifawine", shift(10), null),
      assign("mentor", "Ancienne Tifawine", shift(-60), shift(-1)),
      assign("other", "Autre Tifawine", shift(-30), null),
    ]);
});

afterAll(async () => {
  await t?.close();
});

const ASSIGNABLE = ["Ancienne Tifawine", "Autre Tifawine", "Coopérative Tifawine", "تعاونية الأمل"];

describe(`up to ${ASSIGNABLE_CHOICES_MAX} assignable cooperatives`, () => {
  it("lists them whole, with no search: live, unfinished, not running with this mentor", async () => {
    expect(names(await assignableCooperatives(t.db, id.mentor!, TODAY))).toEqual(ASSIGNABLE);
    const whole = await choices("argan");
    expect(whole.search).toBeNull();
    expect(names(whole.options)).toEqual(ASSIGNABLE);
    expect(names((await assignmentCooperatives(t.db, id.other!, TODAY)).options)).toEqual([
      "Ancienne Tifawine",
      "Argan Ida",
      "Coopérative Tifawine",
      "Future Tifawine",
      "تعاونية الأمل",
    ]);
  });
});

describe(`past ${ASSIGNABLE_CHOICES_MAX} assignable cooperatives`, () => {
  beforeAll(async () => {
    // Exactly the limit with the four above: not yet a search.
    await addCooperatives(
      Array.from({ length: ASSIGNABLE_CHOICES_MAX - ASSIGNABLE.length }, (_, i) => ({
        name: `Coop ${String(i).padStart(3, "0")}`,
      })),
    );
    const atLimit = await choices();
    expect(atLimit.search).toBeNull();
    expect(atLimit.options).toHaveLength(ASSIGNABLE_CHOICES_MAX);
    await addCooperatives([{ name: "Coop 999" }]);
  });

  it("offers nothing until searched", async () => {
    expect(await choices()).toEqual({ options: [], search: { found: 0, more: false } });
  });

  it("matches name and number, folded (accents, case, hamza)", async () => {
    expect(await choices("COOPERATIVE tif")).toEqual({
      options: [{ id: id["Coopérative Tifawine"], name: "Coopérative Tifawine" }],
      search: { found: 1, more: false },
    });
    expect(names((await choices("rc-7781")).options)).toEqual(["Coopérative Tifawine"]);
    expect(names((await choices("الامل")).options)).toEqual(["تعاونية الأمل"]);
    expect(await choices("nothing like it")).toEqual({
      options: [],
      search: { found: 0, more: false },
    });
  });

  it("offers only assignable ones: not archived, graduated, withdrawn or running with this mentor", async () => {
    expect(names((await choices("tifawine")).options)).toEqual([
      "Ancienne Tifawine",
      "Autre Tifawine",
      "Coopérative Tifawine",
    ]);
    expect((await choices("argan")).options).toEqual([]);
    const other = await assignmentCooperatives(t.db, id.other!, TODAY, "tifawine");
    expect(names(other.options)).toEqual([
      "Ancienne Tifawine",
      "Coopérative Tifawine",
      "Future Tifawine",
    ]);
  });

  it(`offers at most ${ASSIGNABLE_MATCHES_MAX} matches and says more match; LIKE signs are literal`, async () => {
    const many = await choices("coop ");
    expect(many.options).toHaveLength(ASSIGNABLE_MATCHES_MAX);
    expect(many.options[0]!.name).toBe("Coop 000");
    expect(many.search).toEqual({ found: ASSIGNABLE_MATCHES_MAX, more: true });
    const few = await choices("coop 19");
    expect(names(few.options)).toEqual([
      "Coop 190",
      "Coop 191",
      "Coop 192",
      "Coop 193",
      "Coop 194",
      "Coop 195",
    ]);
    expect(few.search).toEqual({ found: 6, more: false });
    expect(await choices("%")).toEqual({ options: [], search: { found: 0, more: false } });
    expect((await choices("Coop 19_")).options).toEqual([]);
  });
});
