import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { todayIso } from "@/lib/dates";
import { eq, sql } from "drizzle-orm";
import { rowsOf, useConnection } from "@/db";
import { cooperatives, importBatches, stageChanges, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { seedReference } from "@/db/seed/reference";
import { toCsv, toXlsx } from "@/lib/tabular";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
const intl = vi.hoisted(() => ({ locale: "en" as "ar" | "fr" | "en" }));

vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("use-intl/core");
  const catalogs = {
    ar: (await import("@/lib/i18n/messages/ar.json")).default,
    fr: (await import("@/lib/i18n/messages/fr.json")).default,
    en: (await import("@/lib/i18n/messages/en.json")).default,
  };
  return {
    getLocale: async () => intl.locale,
    getTranslations: async (namespace?: string) =>
      createTranslator({
        locale: intl.locale,
        messages: catalogs[intl.locale],
        namespace: namespace as never,
      }),
  };
});

const { POST } = await import("@/app/api/import/cooperatives/route");
const { GET: exportCooperatives } = await import("@/app/api/export/cooperatives/route");
const { confirmImport, discardImport } = await import("@/app/(app)/cooperatives/import/actions");
const { NextRequest } = await import("next/server");
const { default: ImportPage } = await import("@/app/(app)/cooperatives/import/page");

const TODAY = "2026-11-29";
const URL_BASE = "http://localhost";
let t: TestDatabase;
const userId: Record<string, number> = {};

function signInAs(role: string) {
  session.current = { user: { id: userId[role], sv: 1, role, name: role } };
}

async function count(table: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`)),
  );
  return row?.n ?? 0;
}

type UploadBody = Record<string, unknown> & { batchId?: number; error?: string };

async function upload(
  content: string | Uint8Array,
  filename: string,
  init: { origin?: string | null; role?: string } = {},
): Promise<{ status: number; body: UploadBody }> {
  signInAs(init.role ?? "staff");
  const form = new FormData();
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  form.set("file", new File([new Uint8Array(bytes)], filename));
  const origin = init.origin === undefined ? URL_BASE : init.origin;
  const request = new Request(`${URL_BASE}/api/import/cooperatives`, {
    method: "POST",
    body: form,
    headers: origin === null ? {} : { origin },
  });
  const response = await POST(request);
  return { status: response.status, body: (await response.json()) as UploadBody };
}

function batchForm(id: number): FormData {
  const form = new FormData();
  form.set("batch", String(id));
  return form;
}

/** Confirms as staff; the action ends with a redirect to the report. */
async function confirm(id: number, role = "staff") {
  signInAs(role);
  return confirmImport({ status: "idle" }, batchForm(id)).catch((error: Error) => error.message);
}

async function reportOf(id: number) {
  const [batch] = await t.db.select().from(importBatches).where(eq(importBatches.id, id));
  return batch as typeof batch & { report: Record<string, unknown> & { details: unknown[] } };
}

async function coopByReg(reg: string) {
  const [row] = await t.db
    .select()
    .from(cooperatives)
    .where(eq(cooperatives.registrationNumber, reg));
  return row;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  await seedDemo(t.db, { today: TODAY });
  for (const row of await t.db.select({ id: users.id, role: users.role }).from(users)) {
    userId[row.role] ??= row.id;
  }
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  session.current = null;
  intl.locale = "en";
});

describe("import of cooperatives: formats and languages", () => {
  it("reads a semicolon CSV with a BOM and Arabic headers and values", async () => {
    const csv =
      "\uFEFFالاسم (كما هو مسجل);الشكل القانوني;القطاع;الإقليم;الوسط;تعاونية نسائية;الأعضاء;منهم نساء;رقم التسجيل\r\n" +
      "تعاونية الأمل للكسكس;تعاونيّة;المواد الغذائية;عمالة فاس;حضري;نعم;12;12;AR-2026-001\r\n" +
      "تعاونية الزيتون الذهبي;تعاونية;الفلاحة;اقليم تاونات;قروي;لا;20;5;AR-2026-002\r\n";
    const { status, body } = await upload(csv, "تعاونيات.csv");
    expect(status).toBe(201);
    expect(body).toMatchObject({ rows: 2, valid: 2, invalid: 0, create: 2, unknownColumns: [] });
    expect(await confirm(body.batchId!)).toBe(
      `REDIRECT /cooperatives/import?batch=${body.batchId}&done=1`,
    );
    const first = await coopByReg("AR-2026-001");
    expect(first).toMatchObject({
      name: "تعاونية الأمل للكسكس",
      legalForm: "cooperative",
      sector: "food_products",
      province: "fes",
      area: "urban",
      womenCoop: true,
      membersTotal: 12,
      stage: "applicant",
      version: 1,
    });
    const second = await coopByReg("AR-2026-002");
    expect(second).toMatchObject({ province: "taounate", area: "rural", womenCoop: false });
    const history = await t.db
      .select()
      .from(stageChanges)
      .where(eq(stageChanges.cooperativeId, first!.id));
    // the import records the stage change on the real day (Africa/Casablanca), not the demo's
    expect(history).toMatchObject([
      { fromStage: null, toStage: "applicant", changedOn: todayIso() },
    ]);
    const audit = rowsOf<{ action: string; n: number }>(
      await t.db.execute(
        sql`select action, count(*)::int as n from audit_log where (entity = 'cooperative' and entity_id in (${String(first!.id)}, ${String(second!.id)})) or (entity = 'import_batch' and entity_id = ${String(body.batchId)}) group by action order by action`,
      ),
    );
    expect(audit).toEqual([
      { action: "create", n: 2 },
      { action: "import", n: 1 },
    ]);
    expect((await reportOf(body.batchId!)).status).toBe("imported");
  });

  it("reads French headers with or without accents and French values", async () => {
    const csv =
      "Nom (tel qu'immatriculé);FORME JURIDIQUE;Secteur;Province;milieu;Numero d'immatriculation;Immatriculee le;Capital social (MAD);Coopérative féminine;Membres;dont femmes;Téléphone\n" +
      "Coopérative Azrou Tissage;Coopérative;Artisanat;Province d'Ifrane;Rural;FR-2026-010;15/03/2021;1 500,50;Oui;9;7;06 12 34 56 78\n";
    const { status, body } = await upload(csv, "cooperatives.csv");
    expect(status).toBe(201);
    expect(body).toMatchObject({ create: 1, invalid: 0 });
    await confirm(body.batchId!);
    expect(await coopByReg("FR-2026-010")).toMatchObject({
      legalForm: "cooperative",
      sector: "handicraft",
      province: "ifrane",
      area: "rural",
      registeredOn: "2021-03-15",
      shareCapitalMad: "1500.50",
      womenCoop: true,
      membersWomen: 7,
      phone: "0612345678",
    });
  });

  it("reads English labels and DOMAIN keys", async () => {
    const english =
      "Name (as registered),Legal form,Sector,Province,Area,Registration number,Women's cooperative,Members,Colour\n" +
      "Ifrane Honey,Association,Aromatic and medicinal plants,Ifrane Province,Urban,EN-2026-020,No,4,blue\n";
    const en = await upload(english, "en.csv");
    expect(en.body).toMatchObject({ create: 1, invalid: 0, unknownColumns: ["Colour"] });
    const keys =
      "name,legal_form,sector,province,area,registration_number,women_coop,members_total,cohort\n" +
      "Sefrou Cherries,social_enterprise,agriculture,sefrou,rural,KEY-2026-030,true,3,\n";
    const byKey = await upload(keys, "keys.csv");
    expect(byKey.body).toMatchObject({ create: 1, invalid: 0, unknownColumns: [] });
    await confirm(en.body.batchId!);
    await confirm(byKey.body.batchId!);
    expect(await coopByReg("EN-2026-020")).toMatchObject({
      legalForm: "association",
      sector: "aromatic_medicinal_plants",
      province: "ifrane",
      womenCoop: false,
    });
    expect(await coopByReg("KEY-2026-030")).toMatchObject({
      legalForm: "social_enterprise",
      province: "sefrou",
      womenCoop: true,
      cohortId: null,
    });
  });

  it("reads an XLSX workbook, with a cohort given by its name", async () => {
    const [cohort] = rowsOf<{ id: number; name: string }>(
      await t.db.execute(sql`select id, name from cohorts order by id limit 1`),
    );
    const bytes = toXlsx(
      "cooperatives",
      [
        "name",
        "legal_form",
        "sector",
        "province",
        "area",
        "registration_number",
        "registered_on",
        "share_capital_mad",
        "cohort",
      ],
      [
        [
          "Meknes Olive Mill",
          "cooperative",
          "agriculture",
          "Meknes Prefecture",
          "urban",
          "X-2026-040",
          "2022-06-01",
          2000,
          cohort!.name,
        ],
      ],
      { dateColumns: [6] },
    );
    const { status, body } = await upload(bytes, "import.xlsx");
    expect(status).toBe(201);
    expect(body).toMatchObject({ create: 1, invalid: 0 });
    await confirm(body.batchId!);
    expect(await coopByReg("X-2026-040")).toMatchObject({
      province: "meknes",
      registeredOn: "2022-06-01",
      shareCapitalMad: "2000.00",
      cohortId: cohort!.id,
      stage: "applicant",
    });
  });
});

describe("import of cooperatives: rows and matching", () => {
  it("imports the good rows and reports the bad ones with their error keys", async () => {
    const before = await count("cooperatives");
    const csv =
      "name,legal_form,sector,province,area,registration_number,members_total,members_women,phone,registered_on,cohort_id\n" +
      "Good One,cooperative,argan,fes,urban,BAD-1,5,2,0612345678,2020-01-01,\n" +
      ",cooperative,planets,rabat,urban,BAD-2,5,9,12345,2999-01-01,999999\n" +
      "Good Two,cooperative,argan,taza,rural,BAD-3,5,2,,,\n";
    const { body } = await upload(csv, "mixed.csv");
    expect(body).toMatchObject({ rows: 3, valid: 2, invalid: 1, create: 2 });
    await confirm(body.batchId!);
    expect(await count("cooperatives")).toBe(before + 2);
    expect(await coopByReg("BAD-2")).toBeUndefined();
    const { report } = await reportOf(body.batchId!);
    expect(report).toMatchObject({ created: 2, updated: 0, invalid: 1 });
    expect(report.details).toEqual([
      {
        rowNumber: 3,
        status: "invalid",
        name: "",
        errors: {
          name: "required",
          sector: "invalidChoice",
          province: "invalidChoice",
          members_women: "womenAboveTotal",
          phone: "invalidPhone",
          registered_on: "dateInFuture",
          cohort_id: "invalidChoice",
        },
      },
    ]);
  });

  it("updates the cooperative whose registration number is already registered", async () => {
    const [existing] = rowsOf<{
      id: number;
      name: string;
      registration_number: string;
      members_total: number;
    }>(
      await t.db.execute(
        sql`select id, name, registration_number, members_total from cooperatives where registration_number is not null and archived_at is null and stage <> 'applicant' order by id limit 1`,
      ),
    );
    const before = await t.db.select().from(cooperatives).where(eq(cooperatives.id, existing!.id));
    const total = await count("cooperatives");
    const reg = ` ${existing!.registration_number.toLowerCase()} `;
    const csv =
      "name,registration_number,members_total,members_women,members_youth\n" +
      `${existing!.name},${reg},${existing!.members_total + 5},0,0\n` +
      `${existing!.name},${existing!.registration_number},1,0,0\n`;
    const { body } = await upload(csv, "update.csv");
    expect(body).toMatchObject({ update: 1, invalid: 1, create: 0 });
    await confirm(body.batchId!);
    const [after] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, existing!.id));
    expect(await count("cooperatives")).toBe(total);
    expect(after).toMatchObject({
      membersTotal: existing!.members_total + 5,
      membersWomen: 0,
      version: before[0]!.version + 1,
      name: before[0]!.name,
      stage: before[0]!.stage,
      registrationNumber: existing!.registration_number,
    });
    const { report } = await reportOf(body.batchId!);
    expect(report.details).toMatchObject([
      { rowNumber: 3, status: "invalid", errors: { registration_number: "duplicateInFile" } },
    ]);
    const [audit] = rowsOf<{ before: { membersTotal: number }; after: { membersTotal: number } }>(
      await t.db.execute(
        sql`select before, after from audit_log where entity = 'cooperative' and entity_id = ${String(existing!.id)} and action = 'update' order by id desc limit 1`,
      ),
    );
    expect(audit?.before.membersTotal).toBe(existing!.members_total);
    expect(audit?.after.membersTotal).toBe(existing!.members_total + 5);
  });

  it("flags a new row with the same name and province as a live cooperative", async () => {
    const [existing] = rowsOf<{ id: number; name: string; province: string }>(
      await t.db.execute(
        sql`select id, name, province from cooperatives where archived_at is null order by id desc limit 1`,
      ),
    );
    const csv =
      "name,legal_form,sector,province,area,members_total\n" +
      `"  ${existing!.name.toUpperCase()} ",cooperative,other,${existing!.province},urban,77\n`;
    const { body } = await upload(csv, "same-name.csv");
    expect(body).toMatchObject({ create: 1, flagged: 1 });
    await confirm(body.batchId!);
    const { report } = await reportOf(body.batchId!);
    const [flagged] = report.details as { duplicateOf: number; targetId: number }[];
    expect(flagged?.duplicateOf).toBe(existing!.id);
    const [created] = await t.db
      .select()
      .from(cooperatives)
      .where(eq(cooperatives.id, flagged!.targetId));
    expect(created).toMatchObject({ membersTotal: 77, province: existing!.province });
  });
});

describe("import of cooperatives: an export imported back", () => {
  async function exported(query: string, locale: "ar" | "fr" | "en") {
    signInAs("staff");
    intl.locale = locale;
    const response = await exportCooperatives(
      new NextRequest(`${URL_BASE}/api/export/cooperatives?${query}`),
    );
    expect(response.status).toBe(200);
    return new Uint8Array(await response.arrayBuffer());
  }

  it.each([
    ["keys, CSV", "format=csv", "en", "cooperatives.csv"],
    ["French labels, CSV", "labels=1", "fr", "cooperatives.csv"],
    ["Arabic labels, XLSX", "labels=1&format=xlsx", "ar", "cooperatives.xlsx"],
    ["English labels, XLSX", "labels=1&format=xlsx", "en", "cooperatives.xlsx"],
  ] as const)("changes nothing and duplicates nothing (%s)", async (_name, query, locale, file) => {
    const bytes = await exported(query, locale);
    const live = await count("cooperatives where archived_at is null");
    const [coops, audits, changes] = [
      await count("cooperatives"),
      await count("audit_log"),
      await count("stage_changes"),
    ];
    const versions = await t.db.execute(sql`select sum(version)::int as v from cooperatives`);
    const { status, body } = await upload(bytes, file);
    expect(status).toBe(201);
    expect(body).toMatchObject({ rows: live, unchanged: live, invalid: 0, create: 0, update: 0 });
    expect(body.unknownColumns).toEqual([]);
    await confirm(body.batchId!);
    expect((await reportOf(body.batchId!)).status).toBe("imported");
    expect([
      await count("cooperatives"),
      await count("audit_log"),
      await count("stage_changes"),
    ]).toEqual([coops, audits, changes]);
    expect(await t.db.execute(sql`select sum(version)::int as v from cooperatives`)).toEqual(
      versions,
    );
  });
});

describe("import of cooperatives: a large file", () => {
  it("classifies and applies 5,000 rows in a few seconds", async () => {
    const header = [
      "name",
      "name_latin",
      "legal_form",
      "sector",
      "province",
      "area",
      "registration_number",
      "registered_on",
      "women_coop",
      "members_total",
      "members_women",
      "members_youth",
      "share_capital_mad",
      "phone",
      "email",
    ];
    const provinces = ["fes", "meknes", "taza", "sefrou", "ifrane"];
    const rows = (members: number) =>
      Array.from({ length: 5000 }, (_, i) => [
        `تعاونية الاختبار ${i + 1}`,
        `Cooperative Test ${i + 1}`,
        "cooperative",
        i % 3 === 0 ? "handicraft" : "agriculture",
        provinces[i % provinces.length]!,
        i % 2 === 0 ? "rural" : "urban",
        `BULK-${String(i + 1).padStart(5, "0")}`,
        "2023-05-10",
        i % 4 === 0 ? "true" : "false",
        members + (i % 10),
        3,
        2,
        "1000.00",
        `06${String(10000000 + i).slice(0, 8)}`,
        `coop${i + 1}@example.ma`,
      ]);
    const before = await count("cooperatives");
    let started = performance.now();
    const created = await upload(toCsv(header, rows(10)), "bulk.csv");
    const uploadMs = performance.now() - started;
    started = performance.now();
    await confirm(created.body.batchId!);
    const createMs = performance.now() - started;
    expect(created.body).toMatchObject({ rows: 5000, create: 5000, invalid: 0 });
    expect(await count("cooperatives")).toBe(before + 5000);

    started = performance.now();
    const updated = await upload(toCsv(header, rows(20)), "bulk.csv");
    await confirm(updated.body.batchId!);
    const updateMs = performance.now() - started;
    expect(updated.body).toMatchObject({ rows: 5000, update: 5000, invalid: 0 });
    expect(await count("cooperatives")).toBe(before + 5000);
    expect(await coopByReg("BULK-00007")).toMatchObject({ membersTotal: 26, version: 2 });
    console.log(
      `5,000 rows on ${t.driver}: upload + classify ${uploadMs.toFixed(0)} ms, ` +
        `create ${createMs.toFixed(0)} ms, upload + update ${updateMs.toFixed(0)} ms`,
    );
  });
});

describe("import of cooperatives: broken files and refusals", () => {
  const random = new Uint8Array(2048).map((_, i) => (i * 7919 + 13) % 256);
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

  it.each([
    ["random bytes", random, "data.csv", 400, "malformed"],
    ["an empty file", new Uint8Array(), "empty.csv", 400, "empty"],
    ["a header only", "name,province\r\n", "header.csv", 400, "empty"],
    ["an unterminated quote", 'name,province\n"Coop,fes\n', "quote.csv", 400, "malformed"],
    ["a legacy .xls", ole, "old.xls", 400, "unsupported"],
    ["a broken .xlsx", "not a zip", "book.xlsx", 400, "malformed"],
    ["no name column", "colour,size\nblue,3\n", "other.csv", 400, "no_name_column"],
    ["more than 10 MB", "x".repeat(10 * 1024 * 1024 + 1), "big.csv", 413, "too_large"],
  ] as const)(
    "refuses %s with a clear error and writes nothing",
    async (_n, content, name, code, error) => {
      const batches = await count("import_batches");
      const coops = await count("cooperatives");
      const { status, body } = await upload(content, name);
      expect({ status, body }).toEqual({ status: code, body: { error } });
      expect([await count("import_batches"), await count("cooperatives")]).toEqual([
        batches,
        coops,
      ]);
    },
  );

  it("refuses a cross-site upload, anonymous visitors, mentors and officials", async () => {
    const csv = "name,legal_form,sector,province,area\nX,cooperative,argan,fes,urban\n";
    const batches = await count("import_batches");
    expect((await upload(csv, "a.csv", { origin: "https://evil.example" })).status).toBe(403);
    expect((await upload(csv, "a.csv", { origin: null })).status).toBe(403);
    for (const role of ["mentor", "official"]) {
      expect(await upload(csv, "a.csv", { role })).toEqual({
        status: 403,
        body: { error: "forbidden" },
      });
    }
    session.current = null;
    const anonymous = new FormData();
    anonymous.set("file", new File([csv], "a.csv"));
    const response = await POST(
      new Request(`${URL_BASE}/api/import/cooperatives`, {
        method: "POST",
        body: anonymous,
        headers: { origin: URL_BASE },
      }),
    );
    expect(response.status).toBe(401);
    expect(await count("import_batches")).toBe(batches);
  });

  it("refuses confirm and discard to mentors and officials, and applies a batch once", async () => {
    const csv =
      "name,legal_form,sector,province,area,registration_number\nOnce,cooperative,argan,fes,urban,ONCE-1\n";
    const { body } = await upload(csv, "once.csv");
    const id = body.batchId!;
    for (const role of ["mentor", "official"]) {
      expect(await confirm(id, role)).toEqual({ status: "forbidden" });
      signInAs(role);
      expect(await discardImport({ status: "idle" }, batchForm(id))).toEqual({
        status: "forbidden",
      });
    }
    expect((await reportOf(id)).status).toBe("previewed");
    expect(await coopByReg("ONCE-1")).toBeUndefined();
    await confirm(id);
    const audits = await count("audit_log");
    expect(await confirm(id)).toBe(`REDIRECT /cooperatives/import?batch=${id}&done=1`);
    expect(await count("cooperatives where registration_number = 'ONCE-1'")).toBe(1);
    expect(await count("audit_log")).toBe(audits);

    const other = await upload(csv.replace(/ONCE-1/, "ONCE-2"), "discard.csv");
    signInAs("staff");
    await expect(discardImport({ status: "idle" }, batchForm(other.body.batchId!))).rejects.toThrow(
      `REDIRECT /cooperatives/import?batch=${other.body.batchId}`,
    );
    expect(await confirm(other.body.batchId!)).toEqual({ status: "discarded" });
    expect(await coopByReg("ONCE-2")).toBeUndefined();
  });
});

/** The text of a server-rendered tree; client components show as their name only. */
async function text(node: unknown): Promise<string> {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return (await Promise.all(node.map(text))).join(" ");
  const element = node as { type: unknown; props: Record<string, unknown> };
  if (typeof element.type === "function") {
    const component = element.type as (props: unknown) => unknown;
    if (/^(UploadForm|BatchActions)$/.test(component.name)) return `[${component.name}]`;
    if (component.name === "LinkComponent") return text(element.props.children);
    return text(await component(element.props));
  }
  return text(element.props?.children);
}

describe("import of cooperatives: the page", () => {
  const page = (params: Record<string, string>) =>
    ImportPage({ searchParams: Promise.resolve(params) }).then(text);

  it("is not found for mentors and officials", async () => {
    for (const role of ["mentor", "official"]) {
      signInAs(role);
      await expect(page({})).rejects.toThrow("NOT_FOUND");
      await expect(page({ batch: "1" })).rejects.toThrow("NOT_FOUND");
    }
  });

  it("shows the upload form, the preview with its rows and errors, then the report", async () => {
    signInAs("staff");
    expect(await page({ error: "no_name_column" })).toContain("[UploadForm]");
    const csv =
      "name,legal_form,sector,province,area,registration_number,members_total\n" +
      "Page One,cooperative,argan,fes,urban,PAGE-1,5\n" +
      "Page Two,cooperative,argan,nowhere,urban,PAGE-2,5\n";
    const { body } = await upload(csv, "page.csv");
    signInAs("staff");
    const preview = await page({ batch: String(body.batchId) });
    expect(preview).toContain("Check the rows before importing");
    expect(preview).toContain("[BatchActions]");
    expect(preview).toContain("Province: Choose one of the options.");
    const invalid = await page({ batch: String(body.batchId), show: "invalid" });
    expect(invalid).toContain("Page Two");
    expect(invalid).not.toContain("Page One");
    await confirm(body.batchId!);
    signInAs("staff");
    const report = await page({ batch: String(body.batchId), done: "1" });
    expect(report).toContain("Import report");
    expect(report).toContain("Import complete.");
    expect(report).toContain("Page Two");
    await expect(page({ batch: "999999" })).rejects.toThrow("NOT_FOUND");
  });
});
