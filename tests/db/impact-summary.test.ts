import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { useConnection } from "@/db";
import { cooperativeDirectory } from "@/db/queries/impact";
import { assignedTo } from "@/lib/dal";
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

const { GET } = await import("@/app/api/impact/summary/route");

let t: TestDatabase;
let user: Record<string, number> = {};
const PERIOD = "from=2026-01-01&to=2026-06-30";

function signInAs(name: string) {
  const role = name === "mentor2" ? "mentor" : name;
  session.current = { user: { id: user[name], sv: 1, role, name, email: `${name}@impact.test` } };
}

async function summary(query: string) {
  const response = await GET(new NextRequest(`http://localhost/api/impact/summary?${query}`));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  ({ user } = await buildImpactFixture(t.db));
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => signInAs("official"));

describe("GET /api/impact/summary", () => {
  it("answers every figure of the period, as JSON numbers, archived records left out", async () => {
    const { status, body } = await summary(PERIOD);
    expect(status).toBe(200);
    expect(body).toStrictEqual({
      as_of: "2026-06-30",
      active_cooperatives: 3,
      jobs_created: 7,
      jobs_created_women: 5,
      jobs_created_youth: 1,
      jobs_created_rural: 9,
      jobs_maintained: 7,
      reporting_coverage: 2 / 3,
      funding_committed_mad: 75000,
      funding_disbursed_mad: 62000.5,
      support_disbursed_mad: 27000.5,
      cost_per_job_mad: 8142.93,
      mentoring_hours: 3.25,
      graduation_rate: 0.5,
    });
  });

  it("gives admins and staff the same figures as officials", async () => {
    const official = await summary(PERIOD);
    for (const role of ["admin", "staff"]) {
      signInAs(role);
      expect((await summary(PERIOD)).body).toStrictEqual(official.body);
    }
  });

  it("limits a mentor to the cooperatives assigned today", async () => {
    signInAs("mentor");
    expect((await summary(PERIOD)).body).toStrictEqual({
      as_of: "2026-06-30",
      active_cooperatives: 2,
      jobs_created: 5,
      jobs_created_women: 3,
      jobs_created_youth: 2,
      jobs_created_rural: 5,
      jobs_maintained: 5,
      reporting_coverage: 1,
      funding_committed_mad: 75000,
      funding_disbursed_mad: 50000,
      support_disbursed_mad: 15000,
      cost_per_job_mad: 5000,
      mentoring_hours: 3.25,
      graduation_rate: null,
    });
  });

  it("answers zeros, and null for the ratios, to a mentor with no cooperative", async () => {
    signInAs("mentor2");
    expect((await summary(PERIOD)).body).toStrictEqual({
      as_of: "2026-06-30",
      active_cooperatives: 0,
      jobs_created: 0,
      jobs_created_women: 0,
      jobs_created_youth: 0,
      jobs_created_rural: 0,
      jobs_maintained: 0,
      reporting_coverage: 0,
      funding_committed_mad: 0,
      funding_disbursed_mad: 0,
      support_disbursed_mad: 0,
      cost_per_job_mad: null,
      mentoring_hours: 0,
      graduation_rate: null,
    });
  });

  it("answers zeros to a filter that matches nothing", async () => {
    const { status, body } = await summary(`${PERIOD}&sector=tourism`);
    expect(status).toBe(200);
    expect(body.jobs_created).toBe(0);
    expect(body.funding_disbursed_mad).toBe(0);
    expect(body.cost_per_job_mad).toBeNull();
    expect(body.graduation_rate).toBeNull();
  });

  it("gives a null cost per job when no job was created, even with support paid", async () => {
    const taza = await summary("province=taza&to=2025-12-31");
    expect(taza.body).toMatchObject({
      jobs_created: 0,
      funding_disbursed_mad: 20000,
      support_disbursed_mad: 20000,
      cost_per_job_mad: null,
    });
    const meknes = await summary(`${PERIOD}&province=meknes`);
    expect(meknes.body).toMatchObject({
      jobs_created: -2,
      jobs_created_women: -1,
      jobs_maintained: 0,
      cost_per_job_mad: null,
      graduation_rate: 0,
    });
  });

  it("gives a null graduation rate when no cooperative graduated or withdrew in the period", async () => {
    const { body } = await summary("from=2026-06-01&to=2026-06-30");
    expect(body.graduation_rate).toBeNull();
    const earlier = await summary("from=2025-10-01&to=2025-12-31");
    expect(earlier.body.graduation_rate).toBe(1);
  });

  it("counts stock figures as of `to`, every snapshot after it left out", async () => {
    const { body } = await summary("to=2026-12-31");
    expect(body).toMatchObject({ as_of: "2026-12-31", jobs_created: 9, jobs_created_women: 6 });
  });

  it("filters by programme (the cohort's) and by cohort", async () => {
    const { body } = await summary(`${PERIOD}&program=indh_p3`);
    expect(body).toMatchObject({
      active_cooperatives: 1,
      jobs_created: 4,
      support_disbursed_mad: 12000.5,
      cost_per_job_mad: 8000.13,
      mentoring_hours: 0.75,
      graduation_rate: 1,
    });
  });

  it("refuses an invalid period with 400", async () => {
    for (const query of [
      "from=2026-02-30",
      "to=2026-13-01",
      "to=yesterday",
      "from=2026-07-01&to=2026-06-30",
    ]) {
      const { status, body } = await summary(query);
      expect(status, query).toBe(400);
      expect(body.error).toBe("bad_request");
    }
  });

  it("answers 401 to an anonymous request", async () => {
    session.current = null;
    expect((await summary(PERIOD)).status).toBe(401);
  });
});

describe("the officials' directory", () => {
  it("lists cooperatives by name with jobs created and funding as of `to`, never a contact", async () => {
    const page = await cooperativeDirectory(t.db, {
      filters: { to: "2026-06-30" },
      page: 1,
      pageSize: 4,
    });
    expect(page.total).toBe(6);
    expect(page.rows.map((r) => [r.name, r.jobsCreated, r.fundingDisbursedMad])).toEqual([
      ["A", 5, "60000.00"],
      ["B", -2, "0.00"],
      ["C", null, "0.00"],
      ["E", 4, "32000.50"],
    ]);
    expect(Object.keys(page.rows[0]!).sort()).toEqual([
      "cohortId",
      "cohortName",
      "fundingDisbursedMad",
      "id",
      "jobsCreated",
      "legalForm",
      "name",
      "province",
      "sector",
      "stage",
    ]);
    const next = await cooperativeDirectory(t.db, {
      filters: { to: "2026-06-30" },
      page: 2,
      pageSize: 4,
    });
    expect(next.rows.map((r) => r.name)).toEqual(["F", "G"]);
  });

  it("keeps a mentor's directory to assigned cooperatives", async () => {
    const page = await cooperativeDirectory(t.db, {
      filters: { to: "2026-12-31", scope: assignedTo(user.mentor!) },
      page: 1,
      pageSize: 25,
    });
    expect(page.rows.map((r) => [r.name, r.jobsCreated])).toEqual([
      ["A", 7],
      ["C", null],
    ]);
  });
});
