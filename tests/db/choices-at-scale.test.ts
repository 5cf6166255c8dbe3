import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import {
  MENTOR_CHOICES_MAX,
  MENTOR_MATCHES_MAX,
  mentorChoices,
  searchMentors,
  sessionMentor,
} from "@/db/queries/assignments";
import {
  COOPERATIVE_CHOICES_MAX,
  COOPERATIVE_MATCHES_MAX,
  cooperativeOption,
  searchSessions,
  sessionCooperatives,
} from "@/db/queries/sessions";
import { seedReference } from "@/db/seed/reference";
import { cooperatives, mentorAssignments, mentoringSessions, users } from "@/db/schema";
import { cooperativeScope, type Viewer } from "@/lib/dal";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/**
 * At national scale (2,000 mentors, 65,000 cooperatives) the pages that offered every mentor or
 * cooperative in a <select> weighed 0.6 to 7 MB: past 200, they search by name instead.
 */
let t: TestDatabase;
const id: Record<string, number> = {};
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

const viewer = (name: string, role: Viewer["role"]): Viewer => ({
  id: id[name]!,
  role,
  name,
  email: `${name}@x.test`,
  locale: null,
  mustChangePassword: false,
});

const coop = {
  legalForm: "cooperative" as const,
  sector: "handicraft" as const,
  province: "taza",
  area: "rural" as const,
};

async function addUsers(rows: { name: string; role: Viewer["role"]; active?: boolean }[]) {
  const made = await t.db
    .insert(users)
    .values(
      rows.map((r, i) => ({
        email: `u${Object.keys(id).length + i}@x.test`,
        name: r.name,
        role: r.role,
        active: r.active ?? true,
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
}

async function addCooperatives(names: string[], archived = false) {
  const made = await t.db
    .insert(cooperatives)
    .values(names.map((name) => ({ ...coop, name, archivedAt: archived ? new Date() : null })))
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of made) id[row.name] = row.id;
}

const session = (mentor: string, cooperative: string, heldOn: string) => ({
  id: uuid(),
  mentorId: id[mentor]!,
  cooperativeId: id[cooperative]!,
  heldOn,
  durationMinutes: 60,
  mode: "in_person" as const,
  topics: ["governance" as const],
  attendees: 2,
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReference(t.db);
  await addUsers([
    { name: "Hélène Benjelloun", role: "mentor" },
    { name: "HELENA Amrani", role: "mentor" },
    { name: "أمينة العلوي", role: "mentor" },
    { name: "Karim Tazi", role: "mentor" },
    { name: "Hélène Partie", role: "mentor", active: false },
    { name: "Staff Hélène", role: "staff" },
    { name: "Official", role: "official" },
  ]);
  await addCooperatives(["Coopérative Tifawine", "Argan Ida", "Zaytoun"]);
  await addCooperatives(["Archivée Tifawine"], true);
  await t.db.insert(mentorAssignments).values(
    ["Argan Ida", "Archivée Tifawine"].map((name) => ({
      mentorId: id["Karim Tazi"]!,
      cooperativeId: id[name]!,
      startOn: "2025-01-01",
    })),
  );
  await t.db
    .insert(mentoringSessions)
    .values([
      session("Hélène Benjelloun", "Argan Ida", "2026-03-01"),
      session("HELENA Amrani", "Zaytoun", "2026-03-02"),
      session("أمينة العلوي", "Argan Ida", "2026-03-03"),
      session("Karim Tazi", "Argan Ida", "2026-03-04"),
      session("Staff Hélène", "Zaytoun", "2026-03-05"),
    ]);
});

afterAll(async () => {
  await t?.close();
});

describe("a few mentors and cooperatives", () => {
  it("lists the active mentors whole, by name", async () => {
    expect(names((await mentorChoices(t.db))!)).toEqual([
      "HELENA Amrani",
      "Hélène Benjelloun",
      "Karim Tazi",
      "أمينة العلوي",
    ]);
  });

  it("gives the session form every cooperative in scope, with no search", async () => {
    const staff = await sessionCooperatives(
      t.db,
      cooperativeScope(viewer("Staff Hélène", "staff")),
      {
        searchable: true,
        q: "argan",
      },
    );
    expect(staff.search).toBeNull();
    expect(names(staff.options)).toEqual(["Argan Ida", "Coopérative Tifawine", "Zaytoun"]);
  });
});

describe(`past ${MENTOR_CHOICES_MAX} mentors and ${COOPERATIVE_CHOICES_MAX} cooperatives`, () => {
  beforeAll(async () => {
    await addUsers(
      Array.from({ length: MENTOR_CHOICES_MAX }, (_, i) => ({
        name: `Mentor ${String(i).padStart(3, "0")}`,
        role: "mentor" as const,
      })),
    );
    await addCooperatives(
      Array.from(
        { length: COOPERATIVE_CHOICES_MAX },
        (_, i) => `Coop ${String(i).padStart(3, "0")}`,
      ),
    );
  });

  it("offers no mentor list, a name search: folded (accents, case, hamza), active mentors only", async () => {
    expect(await mentorChoices(t.db)).toBeNull();
    expect(await searchMentors(t.db, "helene")).toEqual({
      mentors: [{ id: id["Hélène Benjelloun"], name: "Hélène Benjelloun" }],
      more: false,
    });
    expect(names((await searchMentors(t.db, "HÉLÈNE B")).mentors)).toEqual(["Hélène Benjelloun"]);
    expect(names((await searchMentors(t.db, "hel")).mentors)).toEqual([
      "HELENA Amrani",
      "Hélène Benjelloun",
    ]);
    expect(names((await searchMentors(t.db, "امينه")).mentors)).toEqual(["أمينة العلوي"]);
    expect(await searchMentors(t.db, "nobody")).toEqual({ mentors: [], more: false });
  });

  it("offers at most MENTOR_MATCHES_MAX matches and says more match; LIKE signs are literal", async () => {
    const page = await searchMentors(t.db, "mentor 1");
    expect(page.mentors).toHaveLength(MENTOR_MATCHES_MAX);
    expect(page.mentors[0]!.name).toBe("Mentor 100");
    expect(page.more).toBe(true);
    expect(await searchMentors(t.db, "%")).toEqual({ mentors: [], more: false });
    expect((await searchMentors(t.db, "Mentor 19_")).mentors).toEqual([]);
  });

  it("names the mentor a sessions list is filtered by; other accounts are not given out", async () => {
    expect(await sessionMentor(t.db, id["Karim Tazi"]!)).toEqual({
      id: id["Karim Tazi"],
      name: "Karim Tazi",
    });
    expect((await sessionMentor(t.db, id["Staff Hélène"]!))?.name).toBe("Staff Hélène");
    expect(await sessionMentor(t.db, id["Official"]!)).toBeNull();
    expect(await sessionMentor(t.db, 999_999)).toBeNull();
  });

  it("filters the sessions by every author whose name matches, folded", async () => {
    const list = async (filters: Parameters<typeof searchSessions>[1]["filters"]) =>
      (await searchSessions(t.db, { access: sql`true`, filters, pageSize: 10 })).rows.map(
        (s) => s.mentor,
      );
    expect(await list({ page: 1, mentorName: "HÉLÈNE" })).toEqual([
      "Staff Hélène",
      "Hélène Benjelloun",
    ]);
    expect(await list({ page: 1, mentorName: "hel" })).toEqual([
      "Staff Hélène",
      "HELENA Amrani",
      "Hélène Benjelloun",
    ]);
    expect(await list({ page: 1, mentorName: "إمينة" })).toEqual(["أمينة العلوي"]);
    expect(await list({ page: 1, mentorName: "nobody" })).toEqual([]);
    expect(await list({ page: 1, mentorName: "hel", q: "zaytoun" })).toEqual([
      "Staff Hélène",
      "HELENA Amrani",
    ]);
    expect(await list({ page: 1, mentorName: "hel", mentorId: id["Hélène Benjelloun"] })).toEqual([
      "Hélène Benjelloun",
    ]);
    const counted = await searchSessions(t.db, {
      access: sql`true`,
      filters: { page: 1, mentorName: "helen" },
      pageSize: 1,
    });
    expect([counted.total, counted.minutes, counted.rows.length]).toEqual([3, 180, 1]);
  });

  it("has staff search the session form's cooperatives, keeping the preselected one", async () => {
    const scope = cooperativeScope(viewer("Staff Hélène", "staff"));
    expect(await sessionCooperatives(t.db, scope, { searchable: true })).toEqual({
      options: [],
      search: { found: 0, more: false },
    });
    const found = await sessionCooperatives(t.db, scope, { searchable: true, q: "COOPERATIVE" });
    expect(found.search).toEqual({ found: 1, more: false });
    expect(names(found.options)).toEqual(["Coopérative Tifawine"]);
    const kept = await sessionCooperatives(t.db, scope, {
      searchable: true,
      q: "tifawine",
      keep: id["Zaytoun"],
    });
    expect(names(kept.options)).toEqual(["Zaytoun", "Coopérative Tifawine"]);
    const many = await sessionCooperatives(t.db, scope, { searchable: true, q: "coop " });
    expect(many.options).toHaveLength(COOPERATIVE_MATCHES_MAX);
    expect(many.search).toEqual({ found: COOPERATIVE_MATCHES_MAX, more: true });
    const archived = await sessionCooperatives(t.db, scope, {
      searchable: true,
      q: "archivée",
      keep: id["Archivée Tifawine"],
    });
    expect(archived.options).toEqual([]);
  });

  it("gives a mentor the whole list of assigned cooperatives, never a search", async () => {
    const scope = cooperativeScope(viewer("Karim Tazi", "mentor"));
    expect(await sessionCooperatives(t.db, scope, { searchable: false, q: "coop" })).toEqual({
      options: [{ id: id["Argan Ida"], name: "Argan Ida" }],
      search: null,
    });
    expect(await cooperativeOption(t.db, scope, id["Argan Ida"]!)).not.toBeNull();
    expect(await cooperativeOption(t.db, scope, id["Zaytoun"]!)).toBeNull();
  });
});
