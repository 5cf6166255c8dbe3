import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, count, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { rowsOf, useConnection } from "@/db";
import {
  jobsCreatedFor,
  missingJobsReports,
  snapshotConflict,
  snapshotHistory,
  submitSnapshot,
} from "@/db/queries/jobs";
import { seedDemo } from "@/db/seed/demo";
import { seedReference } from "@/db/seed/reference";
import { auditLog, cooperatives, jobsSnapshots, mentorAssignments, users } from "@/db/schema";
import { cooperativeAccess, cooperativeScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { parseCsv } from "@/lib/tabular";
import { jobsSnapshotSchema } from "@/lib/validation/jobs";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-pathname": "/" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
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
  getTranslations: async (namespace: string) => (key: string) => `${namespace}.${key}`,
  getLocale: async () => "ar",
}));

const { submitJobsSnapshot } = await import("@/app/(app)/cooperatives/jobs-actions");
const { GET } = await import("@/app/api/export/jobs/route");

const TODAY = "2026-11-29";
const ROLES = ["admin", "staff", "mentor", "official"] as const;
type Role = (typeof ROLES)[number];
const HEADER = [
  "id",
  "cooperative_id",
  "cooperative",
  "as_of",
  "kind",
  "jobs_total",
  "jobs_women",
  "jobs_youth",
  "jobs_seasonal",
  "members_total",
  "reported_by",
  "source",
];

let t: TestDatabase;
let demo: TestDatabase;
const id: Record<string, number> = {};
const viewer = (role: Role | "mentor2"): Viewer => ({
  id: id[role]!,
  role: role === "mentor2" ? "mentor" : role,
  name: role,
  email: `${role}@x.test`,
  locale: null,
  mustChangePassword: false,
});

function signInAs(role: Role | "mentor2", userId = id[role]) {
  session.current = { user: { id: userId, sv: 1, role, name: role, email: `${role}@x.test` } };
}

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

const snapshot = (cooperative: string, values: Record<string, string | number> = {}) =>
  form({
    cooperative_id: id[cooperative]!,
    kind: "periodic",
    as_of: "2025-03-31",
    jobs_total: 6,
    jobs_women: 3,
    jobs_youth: 2,
    jobs_seasonal: 4,
    members_total: 12,
    source: "Registre des membres",
    ...values,
  });

async function counts() {
  const [s] = await t.db.select({ n: count() }).from(jobsSnapshots);
  const [a] = await t.db.select({ n: count() }).from(auditLog);
  return { snapshots: s!.n, audit: a!.n };
}

const submit = (data: FormData) => submitJobsSnapshot({ status: "idle" }, data);

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const made = await t.db
    .insert(users)
    .values(
      (["admin", "staff", "mentor", "mentor2", "official"] as const).map((name) => ({
        email: `${name}@x.test`,
        name,
        role: name === "mentor2" ? ("mentor" as const) : name,
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
  const coop = {
    legalForm: "cooperative" as const,
    sector: "agriculture" as const,
    province: "taza",
    area: "rural" as const,
  };
  const stages = {
    A: "incubation",
    B: "withdrawn",
    C: "incubation",
    D: "pre_incubation",
    E: "post_incubation",
    F: "graduated",
    G: "applicant",
    H: "incubation",
    I: "post_incubation",
    S: "selected",
    V: "selected",
  } as const;
  const rows = await t.db
    .insert(cooperatives)
    .values(
      Object.entries(stages).map(([name, stage]) => ({
        ...coop,
        name,
        stage,
        archivedAt: name === "E" ? new Date("2026-10-01T10:00:00Z") : null,
      })),
    )
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of rows) id[row.name] = row.id;
  await t.db.insert(mentorAssignments).values([
    { mentorId: id.mentor!, cooperativeId: id.C!, startOn: "2025-01-01" },
    { mentorId: id.mentor!, cooperativeId: id.D!, startOn: "2025-01-01" },
    { mentorId: id.mentor!, cooperativeId: id.S!, startOn: "2025-01-01" },
    { mentorId: id.mentor!, cooperativeId: id.A!, startOn: "2024-01-01", endOn: "2024-12-31" },
  ]);
  const snap = (name: string, asOf: string, total: number, women: number, baseline = false) => ({
    cooperativeId: id[name]!,
    asOf,
    kind: baseline ? ("baseline" as const) : ("periodic" as const),
    jobsTotal: total,
    jobsWomen: women,
    jobsYouth: 0,
    source: "test",
    submittedBy: id.staff!,
  });
  await t.db
    .insert(jobsSnapshots)
    .values([
      snap("A", "2025-01-10", 5, 2, true),
      snap("A", "2025-06-30", 8, 4),
      snap("A", "2026-06-30", 11, 5),
      snap("B", "2025-02-01", 4, 1, true),
      snap("B", "2025-09-30", 1, 0),
      snap("C", "2025-09-30", 3, 1),
      snap("C", "2026-09-30", 4, 1),
      snap("H", "2026-07-01", 2, 1),
      snap("I", "2026-10-01", 2, 1),
      snap("V", "2025-01-31", 3, 1, true),
    ]);
});

afterAll(async () => {
  await t?.close();
  await demo?.close();
});

beforeEach(() => {
  session.current = null;
});

describe("jobs created for one cooperative (DOMAIN.md worked example)", () => {
  it("is the latest snapshot minus the baseline, for that cooperative only", async () => {
    const end2025 = await jobsCreatedFor(t.db, id.A!, "2025-12-31");
    expect([end2025.created, end2025.createdWomen, end2025.maintained]).toEqual([3, 2, 5]);
    const end2026 = await jobsCreatedFor(t.db, id.A!, "2026-12-31");
    expect([end2026.created, end2026.createdWomen]).toEqual([6, 3]);
    expect((await jobsCreatedFor(t.db, id.B!, "2025-12-31")).created).toBe(-3);
    expect((await jobsCreatedFor(t.db, id.C!, "2026-12-31")).created).toBe(0);
  });

  it("lists the history oldest first with the reporter, and nothing outside the viewer's reach", async () => {
    const history = await snapshotHistory(t.db, {
      access: cooperativeAccess(viewer("official")),
      cooperativeId: id.A!,
    });
    expect(history!.snapshots.map((s) => [s.asOf, s.kind, s.jobsTotal, s.reportedBy])).toEqual([
      ["2025-01-10", "baseline", 5, "staff"],
      ["2025-06-30", "periodic", 8, "staff"],
      ["2026-06-30", "periodic", 11, "staff"],
    ]);
    const access = cooperativeAccess(viewer("mentor"));
    expect(await snapshotHistory(t.db, { access, cooperativeId: id.A! })).toBeNull();
    expect((await snapshotHistory(t.db, { access, cooperativeId: id.C! }))!.snapshots).toHaveLength(
      2,
    );
  });
});

describe("missing jobs reports", () => {
  const names = async (who: Role) => {
    const result = await missingJobsReports(t.db, {
      scope: cooperativeScope(viewer(who)),
      today: TODAY,
    });
    return { ...result, cooperatives: result.cooperatives.map((c) => c.name) };
  };

  it("lists active, live cooperatives without a snapshot in the last complete quarter", async () => {
    expect(await names("staff")).toEqual({
      quarter: { start: "2026-07-01", end: "2026-09-30" },
      count: 3,
      cooperatives: ["A", "D", "I"],
    });
  });

  it("limits a mentor to the cooperatives of open assignments", async () => {
    expect((await names("mentor")).cooperatives).toEqual(["D"]);
    const limited = await missingJobsReports(t.db, {
      scope: cooperativeScope(viewer("staff")),
      today: TODAY,
      limit: 2,
    });
    expect([limited.count, limited.cooperatives.length]).toEqual([3, 2]);
  });
});

describe("submitJobsSnapshot validation", () => {
  const tomorrow = new Date(Date.parse(`${todayIso()}T12:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);

  it.each<[string, Record<string, string | number>, Record<string, string>]>([
    ["women above the total", { jobs_women: 7 }, { jobs_women: "womenAboveTotal" }],
    ["youth above the total", { jobs_youth: 9 }, { jobs_youth: "youthAboveTotal" }],
    ["a future date", { as_of: tomorrow }, { as_of: "dateInFuture" }],
    ["a second baseline", { kind: "baseline", as_of: "2025-02-28" }, { kind: "baselineExists" }],
    ["a second snapshot on a date", { as_of: "2025-01-31" }, { as_of: "dateTaken" }],
    [
      "missing figures",
      { jobs_total: "", source: " " },
      { jobs_total: "required", source: "required" },
    ],
  ])("refuses %s with the right error key and writes nothing", async (_label, values, errors) => {
    signInAs("staff");
    const before = await counts();
    const state = await submit(snapshot("V", values));
    expect(state.status).toBe("invalid");
    expect(state.errors).toEqual(errors);
    expect(state.values?.source).toBe(String(values.source ?? "Registre des membres"));
    expect(await counts()).toEqual(before);
  });

  it("maps a unique violation (code 23505) of either index to its field error", async () => {
    const fail = async (values: Partial<typeof jobsSnapshots.$inferInsert>) => {
      const base = { cooperativeId: id.V!, asOf: "2025-01-31", jobsTotal: 1, jobsWomen: 0 };
      return t.db
        .insert(jobsSnapshots)
        .values({ ...base, jobsYouth: 0, source: "x", ...values })
        .then(
          () => null,
          (error: unknown) => error,
        );
    };
    expect(snapshotConflict(await fail({}))).toEqual({ as_of: "dateTaken" });
    expect(snapshotConflict(await fail({ kind: "baseline", asOf: "2025-05-05" }))).toEqual({
      kind: "baselineExists",
    });
    expect(snapshotConflict(new Error("other"))).toBeNull();
  });

  it("accepts a periodic snapshot dated before the baseline, and says so", async () => {
    signInAs("staff");
    const state = await submit(snapshot("V", { as_of: "2024-12-31", members_total: "" }));
    expect(state).toMatchObject({ status: "saved", beforeBaseline: true });
    const [row] = await t.db
      .select()
      .from(jobsSnapshots)
      .where(eq(jobsSnapshots.id, state.savedId!));
    expect(row).toMatchObject({ kind: "periodic", membersTotal: null, seasonalJobs: 4 });
  });

  it("parses Arabic-Indic digits and an empty seasonal field as zero", () => {
    const parsed = jobsSnapshotSchema.parse({
      kind: "periodic",
      as_of: "2025-03-31",
      jobs_total: "١٢",
      jobs_women: "٣",
      jobs_youth: "0",
      jobs_seasonal: "",
      members_total: "",
      source: " Visite ",
      notes: "",
    });
    expect(parsed).toMatchObject({
      jobs_total: 12,
      jobs_women: 3,
      jobs_seasonal: 0,
      source: "Visite",
      notes: null,
    });
  });
});

describe("submitJobsSnapshot per role", () => {
  it.each<[Role, string, string]>([
    ["admin", "S", "2025-04-30"],
    ["staff", "S", "2025-05-31"],
    ["mentor", "S", "2025-06-30"],
  ])("lets %s submit, with the audit entry of the same transaction", async (role, coop, asOf) => {
    signInAs(role);
    const before = await counts();
    const state = await submit(snapshot(coop, { as_of: asOf }));
    expect(state).toMatchObject({ status: "saved", beforeBaseline: false });
    expect(await counts()).toEqual({ snapshots: before.snapshots + 1, audit: before.audit + 1 });
    const [row] = await t.db
      .select()
      .from(jobsSnapshots)
      .where(eq(jobsSnapshots.id, state.savedId!));
    expect(row).toMatchObject({
      cooperativeId: id[coop],
      asOf,
      jobsTotal: 6,
      submittedBy: id[role],
    });
    const [entry] = await t.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.entity, "jobs_snapshot"), eq(auditLog.entityId, String(state.savedId))),
      );
    expect(entry).toMatchObject({ actorId: id[role], action: "create", before: null });
    expect(entry!.after).toMatchObject({
      asOf,
      jobsTotal: 6,
      jobsWomen: 3,
      source: "Registre des membres",
    });
  });

  it("answers not found to a mentor not assigned (or no longer assigned), writing nothing", async () => {
    const before = await counts();
    signInAs("mentor2");
    expect(await submit(snapshot("S", { as_of: "2025-07-31" }))).toEqual({ status: "not_found" });
    signInAs("mentor");
    expect(await submit(snapshot("A", { as_of: "2025-07-31" }))).toEqual({ status: "not_found" });
    signInAs("staff");
    expect(await submit(snapshot("E", { as_of: "2025-07-31" }))).toEqual({ status: "not_found" });
    expect(await counts()).toEqual(before);
  });

  it("refuses officials and sends anonymous visitors to /login, writing nothing", async () => {
    const before = await counts();
    signInAs("official");
    expect(await submit(snapshot("S", { as_of: "2025-08-31" }))).toEqual({ status: "forbidden" });
    session.current = null;
    await expect(submit(snapshot("S", { as_of: "2025-08-31" }))).rejects.toThrow("REDIRECT /login");
    expect(await counts()).toEqual(before);
  });

  it("lets only one of two simultaneous baselines through", async () => {
    signInAs("staff");
    const results = await Promise.all(
      ["2025-10-31", "2025-11-30"].map((as_of) =>
        submit(snapshot("S", { kind: "baseline", as_of })),
      ),
    );
    expect(results.map((r) => r.errors ?? r.status).sort()).toEqual([
      { kind: "baselineExists" },
      "saved",
    ]);
  });

  it("rolls the snapshot back when its audit entry cannot be written", async () => {
    await t.db.execute(sql`create function jobs_test_fail() returns trigger language plpgsql
      as $$ begin raise exception 'audit down'; end $$`);
    await t.db.execute(sql`create trigger jobs_test_fail before insert on audit_log
      for each row execute function jobs_test_fail()`);
    const before = await counts();
    try {
      const input = jobsSnapshotSchema.parse(
        Object.fromEntries(snapshot("S", { as_of: "2025-09-30" }).entries()),
      );
      await expect(
        submitSnapshot(t.db, id.staff!, { access: sql`true`, cooperativeId: id.S!, input }),
      ).rejects.toThrow();
    } finally {
      await t.db.execute(sql`drop trigger jobs_test_fail on audit_log`);
      await t.db.execute(sql`drop function jobs_test_fail()`);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("GET /api/export/jobs", () => {
  const account = {} as Record<Role, number>;

  beforeAll(async () => {
    demo = await createTestDatabase();
    useConnection(demo.db, demo.driver, async () => {});
    await seedDemo(demo.db, { today: TODAY });
    for (const role of ROLES) {
      const [row] = await demo.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, `${role}@hadina.test`));
      account[role] = row!.id;
    }
  });

  type Expected = { id: number; cooperative_id: number; cooperative: string; legal_form: string };

  async function expected(where = sql`true`) {
    const query = sql`select s.id, c.id as cooperative_id, c.name as cooperative, c.legal_form,
        u.name as reported_by
      from jobs_snapshots s join cooperatives c on c.id = s.cooperative_id
      left join users u on u.id = s.submitted_by
      where c.archived_at is null and ${where} order by c.id, s.as_of, s.id`;
    return rowsOf<Expected & { reported_by: string | null }>(await demo.db.execute(query));
  }

  async function csv(role: Role, query = "") {
    signInAs(role, account[role]);
    const response = await GET(new NextRequest(`http://localhost/api/export/jobs${query}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="jobs-${todayIso()}.csv"`,
    );
    return parseCsv(await response.text());
  }

  it.each(ROLES)("gives %s the exact header row", async (role) => {
    const table = await csv(role);
    expect(table.header).toEqual(HEADER);
    expect(table.rows.length).toBeGreaterThan(0);
  });

  it.each(["admin", "staff", "official"] as const)(
    "gives %s every snapshot of live cooperatives",
    async (role) => {
      const rows = await expected();
      const table = await csv(role);
      expect(table.rows.map((r) => Number(r[0]))).toEqual(rows.map((r) => r.id));
      const hide = (r: (typeof rows)[number]) =>
        role === "official" && r.legal_form === "auto_entrepreneur";
      if (role === "official") expect(rows.some(hide)).toBe(true);
      expect(table.rows.map((r) => [r[1], r[2], r[10]])).toEqual(
        rows.map((r) => [
          String(r.cooperative_id),
          hide(r) ? `auto-entrepreneur #${r.cooperative_id}` : r.cooperative,
          r.reported_by ?? "",
        ]),
      );
    },
  );

  it("gives a mentor only the snapshots of assigned cooperatives", async () => {
    const rows = await expected(sql`exists (select 1 from mentor_assignments a
      where a.cooperative_id = c.id and a.mentor_id = ${account.mentor}
        and (a.end_on is null or a.end_on >= current_date))`);
    const all = await expected();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all.length);
    const table = await csv("mentor");
    expect(table.rows.map((r) => Number(r[0]))).toEqual(rows.map((r) => r.id));
  });

  it("filters on the cooperative and bounds as_of with from and to", async () => {
    const rows = await expected(
      sql`c.province = 'taza' and s.as_of between '2025-01-01' and '2025-12-31'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const table = await csv("staff", "?province=taza&from=2025-01-01&to=2025-12-31");
    expect(table.rows.map((r) => Number(r[0]))).toEqual(rows.map((r) => r.id));
    expect(table.rows.every((r) => r[3]! >= "2025-01-01" && r[3]! <= "2025-12-31")).toBe(true);
  });

  it("gives labels with labels=1, and 401/400 as JSON", async () => {
    const table = await csv("staff", "?labels=1");
    expect(table.header).toEqual(HEADER.map((key) => `jobs.fields.${key}`));
    expect(new Set(table.rows.map((r) => r[4]))).toEqual(
      new Set(["jobs.kind.baseline", "jobs.kind.periodic"]),
    );
    session.current = null;
    const anonymous = await GET(new NextRequest("http://localhost/api/export/jobs"));
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { error: "unauthorized" }]);
    signInAs("staff", account.staff);
    const pdf = await GET(new NextRequest("http://localhost/api/export/jobs?format=pdf"));
    expect([pdf.status, await pdf.json()]).toEqual([400, { error: "bad_request" }]);
  });
});
