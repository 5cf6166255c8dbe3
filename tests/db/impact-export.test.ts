import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { useConnection } from "@/db";
import { parseCsv, parseXlsx } from "@/lib/tabular";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { buildImpactFixture } from "./impact-fixture";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
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
// The translator answers the key path, so labels are predictable.
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => (key: string, values?: Record<string, string>) =>
    `${namespace}.${key}${values ? JSON.stringify(values) : ""}`,
  getLocale: async () => "fr",
}));

const series = await import("@/app/api/export/impact/route");
const chart = await import("@/app/api/impact/chart/[chart]/route");

let t: TestDatabase;
let user: Record<string, number> = {};
const PERIOD = "from=2026-01-01&to=2026-06-30";
const SERIES_COLUMNS = [
  "quarter",
  "jobs_created",
  "jobs_created_women",
  "jobs_created_youth",
  "funding_disbursed_mad",
  "support_disbursed_mad",
];

function signInAs(name: string) {
  const role = name === "mentor2" ? "mentor" : name;
  session.current = { user: { id: user[name], sv: 1, role, name, email: `${name}@impact.test` } };
}

async function csv(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes));
}

const getSeries = (query: string) =>
  series.GET(new NextRequest(`http://localhost/api/export/impact?${query}`));
const getChart = (key: string, query: string) =>
  chart.GET(new NextRequest(`http://localhost/api/impact/chart/${key}?${query}`), {
    params: Promise.resolve({ chart: key }),
  });

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  ({ user } = await buildImpactFixture(t.db));
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => signInAs("official"));

describe("GET /api/export/impact (the quarterly series)", () => {
  it("gives jobs created as of each quarter's end and money paid within it, with the exact columns", async () => {
    const response = await getSeries(PERIOD);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="impact-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const table = await csv(response);
    expect(table.header).toEqual(SERIES_COLUMNS);
    expect(table.rows).toEqual([
      ["2026-Q1", "-2", "-1", "-1", "50000.00", "15000.00"],
      ["2026-Q2", "7", "5", "1", "12000.50", "12000.50"],
    ]);
  });

  it("starts at the first snapshot or payment without `from`", async () => {
    const table = await csv(await getSeries("to=2026-06-30"));
    expect(table.rows).toEqual([
      ["2025-Q1", "0", "0", "0", "0.00", "0.00"],
      ["2025-Q2", "0", "0", "0", "0.00", "0.00"],
      ["2025-Q3", "-2", "-1", "-1", "20000.00", "20000.00"],
      ["2025-Q4", "-2", "-1", "-1", "10000.00", "10000.00"],
      ["2026-Q1", "-2", "-1", "-1", "50000.00", "15000.00"],
      ["2026-Q2", "7", "5", "1", "12000.50", "12000.50"],
    ]);
  });

  it("limits a mentor to assigned cooperatives", async () => {
    signInAs("mentor");
    const table = await csv(await getSeries(PERIOD));
    expect(table.rows).toEqual([
      ["2026-Q1", "0", "0", "0", "50000.00", "15000.00"],
      ["2026-Q2", "5", "3", "2", "0.00", "0.00"],
    ]);
  });

  it("gives typed XLSX cells and headers in the user's language with labels=1", async () => {
    const response = await getSeries(`${PERIOD}&format=xlsx&labels=1`);
    expect(response.status).toBe(200);
    const table = parseXlsx(new Uint8Array(await response.arrayBuffer()));
    expect(table.header).toEqual(SERIES_COLUMNS.map((key) => `impact.columns.${key}`));
    expect(table.rows[1]).toEqual(["2026-Q2", "7", "5", "1", "12000.5", "12000.5"]);
  });

  it("answers zeros for a filter that matches nothing", async () => {
    const table = await csv(await getSeries(`${PERIOD}&sector=tourism`));
    expect(table.rows).toEqual([
      ["2026-Q1", "0", "0", "0", "0.00", "0.00"],
      ["2026-Q2", "0", "0", "0", "0.00", "0.00"],
    ]);
  });

  it("refuses a bad format or date with 400, and anonymous users with 401", async () => {
    expect((await getSeries("format=pdf")).status).toBe(400);
    expect((await getSeries("from=2026-02-31")).status).toBe(400);
    session.current = null;
    expect((await getSeries(PERIOD)).status).toBe(401);
  });
});

describe("GET /api/impact/chart/[chart] (one chart's data)", () => {
  it("gives jobs created by province with each province's coverage", async () => {
    const table = await csv(await getChart("provinces", PERIOD));
    expect(table.header).toEqual([
      "province",
      "jobs_created",
      "jobs_created_women",
      "jobs_created_youth",
      "jobs_maintained",
      "active_cooperatives",
      "reporting_coverage",
    ]);
    expect(table.rows).toEqual([
      ["fes", "5", "3", "2", "5", "3", String(2 / 3)],
      ["meknes", "-2", "-1", "-1", "0", "0", ""],
      ["taza", "4", "3", "0", "2", "0", ""],
    ]);
  });

  it("gives support, jobs and cost per job by programme (rows need not add up)", async () => {
    const table = await csv(await getChart("programs", PERIOD));
    expect(table.header).toEqual([
      "program",
      "support_disbursed_mad",
      "jobs_created",
      "recipients_jobs_created",
      "cost_per_job_mad",
    ]);
    expect(table.rows).toEqual([
      ["moazara", "15000.00", "3", "5", "5000.00"],
      ["indh_p3", "12000.50", "4", "4", "8000.13"],
    ]);
  });

  it("gives funding committed and disbursed by source", async () => {
    const table = await csv(await getChart("sources", PERIOD));
    expect(table.rows).toEqual([
      ["region_council", "40000.00", "15000.00"],
      ["bank_loan", "30000.00", "30000.00"],
      ["own_contribution", "5000.00", "5000.00"],
      ["indh", "0.00", "12000.50"],
    ]);
  });

  it("gives the funnel, every stage in order", async () => {
    const table = await csv(await getChart("funnel", PERIOD));
    expect(table.rows).toEqual([
      ["applicant", "0"],
      ["selected", "0"],
      ["pre_incubation", "0"],
      ["incubation", "2"],
      ["post_incubation", "1"],
      ["graduated", "2"],
      ["withdrawn", "1"],
    ]);
  });

  it("pairs the cohort's id and name for graduation by cohort", async () => {
    const table = await csv(await getChart("graduation", PERIOD));
    expect(table.header).toEqual([
      "cohort_id",
      "cohort",
      "graduated",
      "withdrawn",
      "graduation_rate",
    ]);
    expect(table.rows.map((row) => row.slice(1))).toEqual([
      ["K1", "0", "1", "0"],
      ["K2", "1", "0", "1"],
    ]);
  });

  it("gives the quarterly chart's own columns, labelled with labels=1", async () => {
    const table = await csv(await getChart("quarterly", `${PERIOD}&labels=1`));
    expect(table.header).toEqual([
      "impact.columns.quarter",
      "impact.columns.jobs_created",
      "impact.columns.jobs_created_women",
      "impact.columns.jobs_created_men",
      "impact.columns.jobs_created_youth",
    ]);
    expect(table.rows).toEqual([
      ['impact.quarter{"year":"2026","quarter":"1"}', "-2", "-1", "-1", "-1"],
      ['impact.quarter{"year":"2026","quarter":"2"}', "7", "5", "2", "1"],
    ]);
  });

  it("gives empty charts, not errors, for a filter that matches nothing", async () => {
    for (const key of ["provinces", "sectors", "programs", "sources", "graduation", "milestones"]) {
      const table = await csv(await getChart(key, `${PERIOD}&sector=tourism`));
      expect(table.rows, key).toEqual([]);
    }
  });

  it("answers 404 to an unknown chart and 401 to an anonymous request", async () => {
    expect((await getChart("unknown", PERIOD)).status).toBe(404);
    session.current = null;
    expect((await getChart("provinces", PERIOD)).status).toBe(401);
  });
});
