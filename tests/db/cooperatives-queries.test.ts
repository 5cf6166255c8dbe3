import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/db";
import { seedDemo } from "@/db/seed/demo";
import { seedReference } from "@/db/seed/reference";
import { STAGES, cohorts, cooperatives, stageChanges, users } from "@/db/schema";
import { parseListFilters } from "@/lib/filters";
import type { Viewer } from "@/lib/dal";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

vi.mock("next-auth", () => ({ getServerSession: async () => null }));
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

const { SORT_KEYS, exportCooperatives, searchCooperatives } =
  await import("@/db/queries/cooperatives");
const { changeStage, createCooperative, getCooperative, setArchived, updateCooperative } =
  await import("@/db/queries/cooperative-record");
const { canSeeArchived, cooperativeAccess, cooperativeScope } = await import("@/lib/dal");

const TODAY = "2026-11-29";
const ALL = sql`true`;
let t: TestDatabase;
let staffId = 0;
let mentor: Viewer;
let official: Viewer;
let staff: Viewer;
/** Cooperatives inserted here, by a short key. */
const k: Record<string, number> = {};

async function rows<T>(query: SQL): Promise<T[]> {
  return rowsOf<T>(await t.db.execute(query));
}

async function scalar(query: SQL): Promise<number> {
  const [row] = await rows<{ n: number }>(query);
  return Number(row!.n);
}

async function auditCount(): Promise<number> {
  return scalar(sql`select count(*)::int as n from audit_log`);
}

/** The list as the UI asks for it: URL parameters, live records, staff access. */
async function search(query: string, options: { pageSize?: number; archived?: boolean } = {}) {
  const filters = parseListFilters(new URLSearchParams(query));
  return searchCooperatives(t.db, {
    access: ALL,
    filters,
    archived: options.archived ?? false,
    pageSize: options.pageSize ?? 200,
  });
}

async function found(q: string): Promise<number[]> {
  const result = await search(new URLSearchParams({ q }).toString());
  return result.rows.map((r) => r.id).sort((a, b) => a - b);
}

async function viewerOf(email: string): Promise<Viewer> {
  const [row] = await t.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      mustChangePassword: users.mustChangePassword,
    })
    .from(users)
    .where(eq(users.email, email));
  return row!;
}

const BASE = {
  legalForm: "cooperative" as const,
  sector: "handicraft" as const,
  province: "ifrane",
  area: "rural" as const,
};

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReference(t.db);
  await seedDemo(t.db, { today: TODAY });
  staff = await viewerOf("staff@hadina.test");
  mentor = await viewerOf("mentor@hadina.test");
  official = await viewerOf("official@hadina.test");
  staffId = staff.id;
  const inserted = await t.db
    .insert(cooperatives)
    .values([
      // hamza forms of alef in the data (أ إ آ)
      { ...BASE, name: "تعاونية آفاق إيناون الأصيلة", nameLatin: "Coopérative Afaq Inaouen" },
      // ta marbuta and ha mixed in the data
      { ...BASE, name: "جمعية سنبله تيسة", nameLatin: "Association Sounboula Tissa" },
      // alef maqsura in the data
      { ...BASE, name: "تعاونية مصطفى الكبرى للنسيج", nameLatin: "Coopérative Moustafa Kobra" },
      // ya where a user may type alef maqsura
      { ...BASE, name: "تعاونية وادي زلول", nameLatin: "Coopérative Oued Zloul" },
      // diacritics in the data
      { ...BASE, name: "تَعَاوُنِيَّة زَيْتُون بُوعَادِل", nameLatin: "Coopérative Zitoune Bouadel" },
      // the same words without diacritics
      { ...BASE, name: "تعاونية زيتون بني وليد", nameLatin: "Coopérative Zitoune Bni Oulid" },
      // accents and case in French
      { ...BASE, name: "تعاونية عين بيطيط", nameLatin: "Coopérative d'élevage caprin Aïn Bittit" },
      // a registration number of its own format
      {
        ...BASE,
        name: "تعاونية تاهلة",
        nameLatin: "Tahla",
        registrationNumber: "RC-Taza/2024/0457",
      },
      // LIKE wildcards in the data
      { ...BASE, name: "تعاونية بلدي", nameLatin: "Coopérative 100% Beldi Zerhoun" },
      { ...BASE, name: "تعاونية بلدية", nameLatin: "Coopérative 1000 Beldi Zerhoun" },
      { ...BASE, name: "ورشة صفرو", nameLatin: "Atelier_Sefrou" },
      { ...BASE, name: "ورشة صفرو الكبرى", nameLatin: "AtelierXSefrou" },
      // archived (a duplicate created by mistake)
      {
        ...BASE,
        name: "تعاونية مكررة",
        nameLatin: "Doublon Ouled Azem",
        archivedAt: new Date("2026-10-01T10:00:00Z"),
      },
      // rows for the record functions
      { ...BASE, name: "تعاونية للنسخة", nameLatin: "Version record", membersTotal: 10 },
      { ...BASE, name: "تعاونية للمرحلة", nameLatin: "Stage record" },
      { ...BASE, name: "تعاونية للأرشفة", nameLatin: "Archive record" },
    ])
    .returning({ id: cooperatives.id, nameLatin: cooperatives.nameLatin });
  const keys = [
    "hamza",
    "taMarbuta",
    "maqsura",
    "ya",
    "diacritics",
    "plain",
    "french",
    "registration",
    "percent",
    "thousand",
    "underscore",
    "atelierX",
    "archived",
    "version",
    "stage",
    "archive",
  ];
  inserted.forEach((row, index) => (k[keys[index]!] = row.id));
});

afterAll(async () => {
  await t?.close();
});

describe("search normalisation (hadina_fold)", () => {
  it("matches alef whatever its hamza form, in the data or in the query", async () => {
    expect(await found("افاق ايناون الاصيلة")).toEqual([k.hamza]);
    expect(await found("آفاق إيناون الأصيلة")).toEqual([k.hamza]);
    expect(await found("أفاق اَيناون")).toEqual([k.hamza]);
  });

  it("matches ta marbuta and ha either way", async () => {
    expect(await found("سنبلة تيسه")).toEqual([k.taMarbuta]);
    expect(await found("سنبله تيسة")).toEqual([k.taMarbuta]);
  });

  it("matches alef maqsura and ya either way", async () => {
    expect(await found("مصطفي الكبري")).toEqual([k.maqsura]);
    expect(await found("مصطفى الكبرى")).toEqual([k.maqsura]);
    expect(await found("وادى زلول")).toEqual([k.ya]);
  });

  it("ignores Arabic diacritics and tatweel", async () => {
    expect(await found("تعاونية زيتون بوعادل")).toEqual([k.diacritics]);
    expect(await found("تعـاونية زيتـون بوعـادل")).toEqual([k.diacritics]);
    expect(await found("تَعَاوُنِيَّة زَيْتُون")).toEqual([k.diacritics, k.plain]);
    expect(await found("تعاونية زيتون")).toEqual([k.diacritics, k.plain]);
  });

  it("matches French whatever the accents and the case", async () => {
    expect(await found("ÉLEVAGE CAPRIN AIN BITTIT")).toEqual([k.french]);
    expect(await found("cooperative d'elevage caprin aïn")).toEqual([k.french]);
    expect(await found("AÏN BITTIT")).toEqual([k.french]);
    // every record with "coopérative" (any accent or case) in its name, latin name or number
    const expected = await scalar(sql`select count(*)::int as n from cooperatives
      where archived_at is null
        and (name || ' ' || coalesce(name_latin, '') || ' ' || coalesce(registration_number, ''))
            ~* 'co(o|ö)p(e|é|É)rative'`);
    expect(expected).toBeGreaterThan(100);
    expect((await search("q=cooperative")).total).toBe(expected);
    expect((await search(`q=${encodeURIComponent("COOPÉRATIVE")}`)).total).toBe(expected);
  });

  it("finds a record by its registration number", async () => {
    expect(await found("RC-Taza/2024/0457")).toEqual([k.registration]);
    expect(await found("rc-taza/2024")).toEqual([k.registration]);
    const seeded = await rows<{ id: number; registration_number: string }>(
      sql`select id, registration_number from cooperatives where registration_number like 'Récépissé définitif n° %' and archived_at is null order by id`,
    );
    expect(seeded.length).toBeGreaterThan(1);
    expect(await found("recepisse definitif")).toEqual(seeded.map((r) => r.id));
    const one = seeded[0]!.registration_number;
    const sameNumber = await rows<{ id: number }>(
      sql`select id from cooperatives where registration_number = ${one} and archived_at is null order by id`,
    );
    expect(await found(one)).toEqual(sameNumber.map((r) => r.id));
  });

  it("treats % and _ in the query as plain characters", async () => {
    expect(await found("100%")).toEqual([k.percent]);
    expect(await found("%")).toEqual([k.percent]);
    expect(await found("100% beldi")).toEqual([k.percent]);
    expect(await found("atelier_sefrou")).toEqual([k.underscore]);
    expect(await found("_")).toEqual([k.underscore]);
    // without escaping, "1_0" would match "100" and "1000"
    expect(await found("1_0")).toEqual([]);
    expect(await found("\\")).toEqual([]);
  });
});

describe("filters", () => {
  const cases: [string, SQL][] = [
    ["province=taza", sql`province = 'taza'`],
    ["province=ifrane", sql`province = 'ifrane'`],
    ["sector=handicraft", sql`sector = 'handicraft'`],
    ["stage=incubation", sql`stage = 'incubation'`],
    ["stage=withdrawn", sql`stage = 'withdrawn'`],
    ["legal_form=association", sql`legal_form = 'association'`],
    ["area=urban", sql`area = 'urban'`],
    ["women_coop=true", sql`women_coop`],
    ["women_coop=false", sql`not women_coop`],
    [
      "program=moazara",
      sql`cohort_id in (select h.id from cohorts h join programs p on p.id = h.program_id where p.key = 'moazara')`,
    ],
    ["province=fes&sector=agriculture", sql`province = 'fes' and sector = 'agriculture'`],
    [
      "area=rural&women_coop=true&stage=post_incubation",
      sql`area = 'rural' and women_coop and stage = 'post_incubation'`,
    ],
  ];

  it.each(cases)("%s narrows the list to exactly the matching rows", async (query, condition) => {
    const live = await scalar(
      sql`select count(*)::int as n from cooperatives where archived_at is null`,
    );
    const expected = await rows<{ id: number }>(
      sql`select id from cooperatives where archived_at is null and ${condition} order by id`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(live);
    const result = await search(query);
    expect(result.total).toBe(expected.length);
    expect(result.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected.map((r) => r.id));
  });

  it("cohort filters by the cooperative's current cohort", async () => {
    const [cohort] = await t.db.select({ id: cohorts.id }).from(cohorts).orderBy(cohorts.id);
    const expected = await rows<{ id: number }>(
      sql`select id from cooperatives where archived_at is null and cohort_id = ${cohort!.id} order by id`,
    );
    expect(expected.length).toBeGreaterThan(10);
    const result = await search(`cohort=${cohort!.id}`);
    expect(result.total).toBe(expected.length);
    expect(result.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected.map((r) => r.id));
    expect(result.rows.every((r) => r.cohortId === cohort!.id)).toBe(true);
  });

  it("ignores unknown or malformed filter values instead of failing", async () => {
    const live = await scalar(
      sql`select count(*)::int as n from cooperatives where archived_at is null`,
    );
    const result = await search("sector=gold&stage=done&area=mars&women_coop=maybe&cohort=x");
    expect(result.total).toBe(live);
    expect((await search("province=atlantis")).total).toBe(0);
    expect((await search("cohort=999999")).total).toBe(0);
  });
});

describe("sorting and pagination", () => {
  const orderColumn: Record<string, string> = {
    id: "c.id",
    name: "c.name",
    name_latin: "c.name_latin",
    legal_form: "c.legal_form",
    sector: "c.sector",
    province: "c.province",
    area: "c.area",
    stage: "c.stage",
    cohort: "h.name",
    members_total: "c.members_total",
    members_women: "c.members_women",
    registration_number: "c.registration_number",
    registered_on: "c.registered_on",
    updated_at: "c.updated_at",
  };

  async function expectedOrder(column: string, descending: boolean, limit: number) {
    const direction = descending ? "desc" : "asc";
    const result = await rows<{ id: number }>(
      sql.raw(`select c.id from cooperatives c left join cohorts h on h.id = c.cohort_id
        where c.archived_at is null
        order by ${column} ${direction} nulls last, c.id ${direction} limit ${limit}`),
    );
    return result.map((r) => r.id);
  }

  it("knows exactly the sort keys of the list", () => {
    expect([...SORT_KEYS].sort()).toEqual(Object.keys(orderColumn).sort());
  });

  it.each(Object.keys(orderColumn).flatMap((key) => [key, `-${key}`]))(
    "sort=%s gives the first page in the right order",
    async (sort) => {
      const key = sort.replace(/^-/, "");
      const result = await search(`sort=${sort}`, { pageSize: 25 });
      expect(result.rows).toHaveLength(25);
      expect(result.rows.map((r) => r.id)).toEqual(
        await expectedOrder(orderColumn[key]!, sort.startsWith("-"), 25),
      );
    },
  );

  it("orders numbers and stages by value, not as text", async () => {
    const byMembers = (await search("sort=-members_total")).rows.map((r) => r.membersTotal);
    expect(byMembers).toEqual([...byMembers].sort((a, b) => b - a));
    const byStage = (await search("sort=stage")).rows.map((r) => STAGES.indexOf(r.stage));
    expect(byStage).toEqual([...byStage].sort((a, b) => a - b));
    expect(byStage[0]).toBe(0);
  });

  it.each(["bogus", "-bogus", "constructor", "__proto__", "-constructor"])(
    "an unknown sort key (%s) falls back to the name order",
    async (sort) => {
      const descending = sort.startsWith("-");
      const result = await search(`sort=${sort}`, { pageSize: 10 });
      expect(result.rows.map((r) => r.id)).toEqual(await expectedOrder("c.name", descending, 10));
    },
  );

  it("page 2 of 10 continues page 1 without overlap, with the right total", async () => {
    const live = await scalar(
      sql`select count(*)::int as n from cooperatives where archived_at is null`,
    );
    const first = await search("sort=name", { pageSize: 10 });
    const second = await search("sort=name&page=2", { pageSize: 10 });
    expect(first.total).toBe(live);
    expect(second.total).toBe(live);
    expect(first.rows).toHaveLength(10);
    expect(second.rows).toHaveLength(10);
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(20);
    expect(ids).toEqual(await expectedOrder("c.name", false, 20));
    const lastPage = Math.ceil(live / 10);
    const last = await search(`sort=name&page=${lastPage}`, { pageSize: 10 });
    expect(last.rows).toHaveLength(live - (lastPage - 1) * 10);
    expect((await search(`sort=name&page=${lastPage + 1}`, { pageSize: 10 })).rows).toEqual([]);
  });
});

describe("archived records and access", () => {
  it("leaves archived records out of the live list and shows them only with archived", async () => {
    const archivedIds = await rows<{ id: number }>(
      sql`select id from cooperatives where archived_at is not null order by id`,
    );
    expect(archivedIds.map((r) => r.id)).toContain(k.archived);
    const live = await search("");
    expect(live.rows.map((r) => r.id)).not.toContain(k.archived);
    expect(await found("doublon ouled azem")).toEqual([]);
    const archived = await search("", { archived: true });
    expect(archived.total).toBe(archivedIds.length);
    expect(archived.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      archivedIds.map((r) => r.id),
    );
    expect(archived.rows.every((r) => r.archivedAt instanceof Date)).toBe(true);
    const q = await search("q=doublon", { archived: true });
    expect(q.rows.map((r) => r.id)).toEqual([k.archived]);
  });

  it("opens an archived record for staff only (canSeeArchived)", async () => {
    expect(canSeeArchived(staff)).toBe(true);
    expect(canSeeArchived(official)).toBe(false);
    expect(canSeeArchived(mentor)).toBe(false);
    const forStaff = canSeeArchived(staff) ? cooperativeAccess(staff) : cooperativeScope(staff);
    const forOfficial = canSeeArchived(official)
      ? cooperativeAccess(official)
      : cooperativeScope(official);
    expect((await getCooperative(t.db, forStaff, k.archived!))?.id).toBe(k.archived);
    expect(await getCooperative(t.db, forOfficial, k.archived!)).toBeNull();
    expect((await getCooperative(t.db, forOfficial, k.hamza!))?.provinceNames.fr).toBe(
      "Province d'Ifrane",
    );
  });

  it("shows the demo mentor exactly the cooperatives of their open assignments", async () => {
    const expected = await rows<{ id: number }>(sql`select distinct c.id from cooperatives c
      join mentor_assignments a on a.cooperative_id = c.id
      where a.mentor_id = ${mentor.id} and (a.end_on is null or a.end_on >= current_date)
        and c.archived_at is null
      order by c.id`);
    const everAssigned = await scalar(
      sql`select count(distinct cooperative_id)::int as n from mentor_assignments where mentor_id = ${mentor.id}`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(everAssigned);
    const result = await searchCooperatives(t.db, {
      access: cooperativeAccess(mentor),
      filters: parseListFilters({}),
      archived: false,
      pageSize: 200,
    });
    expect(result.total).toBe(expected.length);
    expect(result.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected.map((r) => r.id));
    const other = await rows<{ id: number }>(sql`select id from cooperatives
      where id not in (select cooperative_id from mentor_assignments where mentor_id = ${mentor.id})
      order by id limit 1`);
    expect(await getCooperative(t.db, cooperativeScope(mentor), other[0]!.id)).toBeNull();
    expect((await getCooperative(t.db, cooperativeScope(mentor), expected[0]!.id))?.id).toBe(
      expected[0]!.id,
    );
  });
});

describe("record changes", () => {
  const columnsOf = (row: typeof cooperatives.$inferSelect) => ({
    name: row.name,
    nameLatin: row.nameLatin,
    legalForm: row.legalForm,
    sector: row.sector,
    province: row.province,
    area: row.area,
    membersTotal: row.membersTotal,
  });

  async function rowOf(id: number) {
    const [row] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, id));
    return row!;
  }

  it("saves with the current version, and refuses a stale one without writing", async () => {
    const before = await rowOf(k.version!);
    expect(before.version).toBe(1);
    const audits = await auditCount();
    const saved = await updateCooperative(t.db, staffId, {
      id: k.version!,
      access: ALL,
      version: 1,
      columns: { ...columnsOf(before), membersTotal: 14 },
    });
    expect(saved).toEqual({ ok: true, version: 2 });
    expect(await auditCount()).toBe(audits + 1);
    const afterFirst = await rowOf(k.version!);
    expect(afterFirst.membersTotal).toBe(14);

    // a second user still holds version 1
    const stale = await updateCooperative(t.db, staffId, {
      id: k.version!,
      access: ALL,
      version: 1,
      columns: { ...columnsOf(before), membersTotal: 99, name: "اسم آخر" },
    });
    expect(stale).toMatchObject({ ok: false, reason: "conflict" });
    if (stale.ok || stale.reason !== "conflict") throw new Error("expected a conflict");
    expect(stale.current).toEqual(afterFirst);
    expect(stale.current.version).toBe(2);
    expect(await auditCount()).toBe(audits + 1);
    expect(await rowOf(k.version!)).toEqual(afterFirst);

    const [entry] = await rows<{
      action: string;
      actor_id: number;
      before: unknown;
      after: unknown;
    }>(
      sql`select action, actor_id, before, after from audit_log
          where entity = 'cooperative' and entity_id = ${String(k.version)} order by id desc limit 1`,
    );
    expect(entry).toMatchObject({
      action: "update",
      actor_id: staffId,
      before: { membersTotal: 10, version: 1 },
      after: { membersTotal: 14, version: 2 },
    });
  });

  it("answers not_found for a record outside the viewer's access", async () => {
    const audits = await auditCount();
    const result = await updateCooperative(t.db, staffId, {
      id: k.version!,
      access: cooperativeAccess(mentor),
      version: 2,
      columns: columnsOf(await rowOf(k.version!)),
    });
    expect(result).toEqual({ ok: false, reason: "not_found" });
    expect(await auditCount()).toBe(audits);
  });

  it("changes the stage with a stage_changes row and an audit entry, or answers unchanged", async () => {
    const audits = await auditCount();
    const result = await changeStage(t.db, staffId, {
      id: k.stage!,
      access: ALL,
      to: "selected",
      reason: "Dossier complet, comité du 20 novembre",
      today: TODAY,
    });
    expect(result).toBe("ok");
    const history = await t.db
      .select()
      .from(stageChanges)
      .where(eq(stageChanges.cooperativeId, k.stage!));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      fromStage: "applicant",
      toStage: "selected",
      changedOn: TODAY,
      changedBy: staffId,
      reason: "Dossier complet, comité du 20 novembre",
    });
    expect(await auditCount()).toBe(audits + 1);
    const [entry] = await rows<{ action: string; before: unknown; after: unknown }>(
      sql`select action, before, after from audit_log
          where entity = 'cooperative' and entity_id = ${String(k.stage)} order by id desc limit 1`,
    );
    // entering "selected" creates that stage's milestones (no cohort: no due dates)
    expect(entry).toEqual({
      action: "change_stage",
      before: { stage: "applicant" },
      after: {
        stage: "selected",
        reason: "Dossier complet, comité du 20 novembre",
        milestones_created: [
          "name_certificate",
          "statutes_signed",
          "capital_deposited",
          "registered_local_register",
          "bank_account_opened",
        ].map((template) => ({ template, due_on: null })),
      },
    });
    const row = await rowOf(k.stage!);
    expect(row.stage).toBe("selected");
    expect(row.version).toBe(2);

    const same = await changeStage(t.db, staffId, {
      id: k.stage!,
      access: ALL,
      to: "selected",
      reason: "encore",
      today: TODAY,
    });
    expect(same).toBe("unchanged");
    expect(await auditCount()).toBe(audits + 1);
    expect(
      await scalar(
        sql`select count(*)::int as n from stage_changes where cooperative_id = ${k.stage}`,
      ),
    ).toBe(1);
    expect((await rowOf(k.stage!)).version).toBe(2);
  });

  it("writes the stage change and its history in one transaction", async () => {
    const audits = await auditCount();
    // an actor that does not exist makes the stage_changes insert fail after the update
    await expect(
      changeStage(t.db, 2_000_000_000, {
        id: k.stage!,
        access: ALL,
        to: "pre_incubation",
        reason: "will fail",
        today: TODAY,
      }),
    ).rejects.toThrow();
    const row = await rowOf(k.stage!);
    expect(row.stage).toBe("selected");
    expect(row.version).toBe(2);
    expect(await auditCount()).toBe(audits);
  });

  it("does not change the stage of an archived record", async () => {
    const audits = await auditCount();
    const result = await changeStage(t.db, staffId, {
      id: k.archived!,
      access: ALL,
      to: "selected",
      reason: "should not happen",
      today: TODAY,
    });
    expect(result).toBe("not_found");
    expect((await rowOf(k.archived!)).stage).toBe("applicant");
    expect(await auditCount()).toBe(audits);
  });

  it("archives and restores with an audit entry each, unchanged when already so", async () => {
    const audits = await auditCount();
    expect(await setArchived(t.db, staffId, { id: k.archive!, access: ALL, archived: true })).toBe(
      "ok",
    );
    const archived = await rowOf(k.archive!);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(archived.version).toBe(2);
    expect(await setArchived(t.db, staffId, { id: k.archive!, access: ALL, archived: true })).toBe(
      "unchanged",
    );
    expect(await auditCount()).toBe(audits + 1);
    expect(await setArchived(t.db, staffId, { id: k.archive!, access: ALL, archived: false })).toBe(
      "ok",
    );
    const restored = await rowOf(k.archive!);
    expect(restored.archivedAt).toBeNull();
    expect(restored.version).toBe(3);
    expect(await auditCount()).toBe(audits + 2);
    const entries = await rows<{
      action: string;
      actor_id: number;
      after: { archived_at: unknown };
    }>(
      sql`select action, actor_id, after from audit_log
          where entity = 'cooperative' and entity_id = ${String(k.archive)} order by id`,
    );
    expect(entries.map((e) => e.action)).toEqual(["archive", "restore"]);
    expect(entries.every((e) => e.actor_id === staffId)).toBe(true);
    expect(entries[0]!.after.archived_at).not.toBeNull();
    expect(entries[1]!.after.archived_at).toBeNull();
  });

  it("creates a record as applicant with its first stage history row and an audit entry", async () => {
    const audits = await auditCount();
    const id = await createCooperative(
      t.db,
      staffId,
      {
        ...BASE,
        name: "تعاونية جديدة للاختبار",
        nameLatin: "Nouvelle coopérative",
        membersTotal: 9,
        membersWomen: 5,
      },
      TODAY,
    );
    const row = await rowOf(id);
    expect(row).toMatchObject({
      stage: "applicant",
      version: 1,
      createdBy: staffId,
      archivedAt: null,
      membersTotal: 9,
    });
    const history = await t.db
      .select()
      .from(stageChanges)
      .where(eq(stageChanges.cooperativeId, id));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      fromStage: null,
      toStage: "applicant",
      changedOn: TODAY,
      changedBy: staffId,
    });
    expect(await auditCount()).toBe(audits + 1);
    const [entry] = await rows<{
      action: string;
      entity_id: string;
      after: Record<string, unknown>;
    }>(sql`select action, entity_id, after from audit_log order by id desc limit 1`);
    expect(entry!.action).toBe("create");
    expect(entry!.entity_id).toBe(String(id));
    expect(entry!.after).toMatchObject({ id, name: "تعاونية جديدة للاختبار", stage: "applicant" });
    expect(entry!.after).not.toHaveProperty("searchText");
    expect(await found("تعاونيه جديده للاختبار")).toEqual([id]);
  });
});

describe("exportCooperatives", () => {
  it("returns every matching row, not a page, and never archived ones", async () => {
    const expected = await rows<{ id: number }>(
      sql`select id from cooperatives where archived_at is null and sector = 'agriculture' order by id`,
    );
    expect(expected.length).toBeGreaterThan(25);
    const result = await exportCooperatives(t.db, {
      access: ALL,
      filters: parseListFilters({ sector: "agriculture", page: "3" }),
    });
    expect(result.map((r) => r.id)).toEqual(expected.map((r) => r.id));

    const live = await scalar(
      sql`select count(*)::int as n from cooperatives where archived_at is null`,
    );
    const everything = await exportCooperatives(t.db, {
      access: ALL,
      filters: parseListFilters({ archived: "1" }),
    });
    expect(everything).toHaveLength(live);
    expect(everything.map((r) => r.id)).not.toContain(k.archived);
  });

  it("keeps the list's sort when one is given", async () => {
    const result = await exportCooperatives(t.db, {
      access: ALL,
      filters: parseListFilters({ sort: "-members_total" }),
    });
    const expected = await rows<{ id: number }>(sql`select id from cooperatives
      where archived_at is null order by members_total desc nulls last, id desc`);
    expect(result.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });
});
