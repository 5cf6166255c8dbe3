import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, type SQL } from "drizzle-orm";
import { useConnection } from "@/db";
import { releasableTranches } from "@/db/queries/funding-ledger";
import { milestoneTotals } from "@/db/queries/metrics";
import {
  activeCohortCompletion,
  cohortProgressGrid,
  followUpCounts,
  type GridCell,
} from "@/db/queries/progress";
import {
  cohorts,
  cooperatives,
  disbursements,
  fundingAwards,
  mentorAssignments,
  milestones,
  milestoneTemplates,
  programs,
  users,
  type Stage,
} from "@/db/schema";
import { seedReference } from "@/db/seed/reference";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

vi.mock("next-auth", () => ({ getServerSession: async () => null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/navigation", () => ({
  redirect: () => {
    throw new Error("REDIRECT");
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));

const { cooperativeScope } = await import("@/lib/dal");
type Viewer = Parameters<typeof cooperativeScope>[0];

const TODAY = "2026-06-15";
let t: TestDatabase;
const id: Record<string, number> = {};
const template: Record<string, number> = {};
let staffScope: SQL;
let mentorScope: SQL;

type MilestoneSpec = {
  key?: string;
  title?: string;
  stage: Stage;
  status: (typeof milestones.$inferInsert)["status"];
  dueOn: string | null;
};

async function addMilestones(cooperativeId: number, specs: MilestoneSpec[]) {
  const rows = await t.db
    .insert(milestones)
    .values(
      specs.map((spec) => ({
        cooperativeId,
        templateId: spec.key ? template[spec.key]! : null,
        title: spec.title ?? null,
        stage: spec.stage,
        status: spec.status,
        dueOn: spec.dueOn,
        completedOn: spec.status === "done" ? "2026-02-01" : null,
      })),
    )
    .returning({ id: milestones.id, templateId: milestones.templateId, title: milestones.title });
  for (const row of rows) {
    const name = row.templateId
      ? Object.keys(template).find((k) => template[k] === row.templateId)
      : row.title;
    id[`${cooperativeId}:${name}`] = row.id;
  }
}

const milestoneOf = (coop: string, name: string) => id[`${id[coop]}:${name}`]!;

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  for (const row of await t.db.select().from(milestoneTemplates)) template[row.key] = row.id;
  const [staff, mentor] = await t.db
    .insert(users)
    .values(
      ["staff", "mentor"].map((role) => ({
        email: `${role}@x.test`,
        name: role,
        role: role as "staff",
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id });
  const [program] = await t.db.select().from(programs).where(eq(programs.key, "moazara"));
  const base = { programId: program!.id, endOn: "2027-12-31", capacity: 20 };
  const [a, b, c] = await t.db
    .insert(cohorts)
    .values([
      { ...base, name: "Cohort A", startOn: "2026-01-01", status: "active" },
      { ...base, name: "Cohort B", startOn: "2026-03-01", status: "active" },
      { ...base, name: "Cohort C", startOn: "2025-01-01", status: "closed" },
    ])
    .returning({ id: cohorts.id });
  id.cohortA = a!.id;
  id.cohortB = b!.id;
  id.cohortC = c!.id;
  const coop = {
    legalForm: "cooperative" as const,
    sector: "argan" as const,
    province: "fes",
    area: "rural" as const,
    stage: "pre_incubation" as const,
  };
  const made = await t.db
    .insert(cooperatives)
    .values([
      { ...coop, name: "Alpha", cohortId: a!.id },
      { ...coop, name: "Beta", cohortId: a!.id },
      { ...coop, name: "Gamma", cohortId: c!.id },
      { ...coop, name: "Archived", cohortId: a!.id, archivedAt: new Date("2026-05-01") },
      { ...coop, name: "Loner" },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of made) id[row.name] = row.id;
  await t.db
    .insert(mentorAssignments)
    .values({ mentorId: mentor!.id, cooperativeId: id.Beta!, startOn: "2026-01-01" });
  staffScope = cooperativeScope({ id: staff!.id, role: "staff" } as Viewer);
  mentorScope = cooperativeScope({ id: mentor!.id, role: "mentor" } as Viewer);

  await addMilestones(id.Alpha!, [
    { key: "name_certificate", stage: "selected", status: "done", dueOn: "2026-01-31" },
    { key: "statutes_signed", stage: "selected", status: "todo", dueOn: "2026-06-01" },
    { key: "capital_deposited", stage: "selected", status: "reported", dueOn: "2026-07-01" },
    {
      key: "registered_local_register",
      stage: "selected",
      status: "waived",
      dueOn: "2026-01-01",
    },
    { key: "diagnostic_done", stage: "pre_incubation", status: "in_progress", dueOn: "2026-06-14" },
    { title: "Local fair", stage: "pre_incubation", status: "done", dueOn: "2026-04-01" },
    { title: "Website", stage: "pre_incubation", status: "todo", dueOn: "2026-05-01" },
  ]);
  await addMilestones(id.Beta!, [
    // Due today: not overdue yet.
    { key: "name_certificate", stage: "selected", status: "blocked", dueOn: TODAY },
    { key: "statutes_signed", stage: "selected", status: "reported", dueOn: "2026-03-01" },
    { key: "bank_account_opened", stage: "selected", status: "done", dueOn: "2026-04-01" },
  ]);
  await addMilestones(id.Gamma!, [
    { key: "name_certificate", stage: "selected", status: "todo", dueOn: "2026-01-01" },
  ]);
  await addMilestones(id.Archived!, [
    { key: "name_certificate", stage: "selected", status: "reported", dueOn: "2026-01-01" },
    { key: "funding_applied", stage: "incubation", status: "done", dueOn: "2026-01-01" },
  ]);
  await addMilestones(id.Loner!, [
    { key: "funding_applied", stage: "incubation", status: "reported", dueOn: null },
  ]);

  const award = (cooperativeId: number, status: (typeof fundingAwards.$inferInsert)["status"]) =>
    t.db
      .insert(fundingAwards)
      .values({
        cooperativeId,
        source: "region_council",
        kind: "grant",
        amountMad: "40000.00",
        awardedOn: "2026-02-01",
        status,
      })
      .returning({ id: fundingAwards.id })
      .then((rows) => rows[0]!.id);
  const approved = await award(id.Alpha!, "approved");
  const cancelled = await award(id.Beta!, "cancelled");
  const disbursing = await award(id.Beta!, "disbursing");
  const archived = await award(id.Archived!, "approved");
  const planned = (awardId: number, releaseMilestoneId: number | null) => ({
    awardId,
    status: "planned" as const,
    amountMad: "5000.00",
    releaseMilestoneId,
  });
  await t.db.insert(disbursements).values([
    planned(approved, milestoneOf("Alpha", "name_certificate")),
    planned(approved, milestoneOf("Alpha", "statutes_signed")),
    {
      ...planned(approved, milestoneOf("Alpha", "name_certificate")),
      status: "disbursed",
      disbursedOn: "2026-03-01",
    },
    planned(cancelled, milestoneOf("Beta", "bank_account_opened")),
    planned(disbursing, milestoneOf("Beta", "bank_account_opened")),
    planned(disbursing, null),
    planned(archived, milestoneOf("Archived", "funding_applied")),
  ]);
  id.releasableAlpha = approved;
  id.releasableBeta = disbursing;
});

afterAll(async () => {
  await t?.close();
});

describe("staff home", () => {
  it("counts overdue, awaiting verification and releasable tranches", async () => {
    expect(await followUpCounts(t.db, { scope: staffScope, today: TODAY })).toEqual({
      overdue: 5,
      awaiting: 3,
      releasable: 2,
    });
  });

  it("agrees with the milestone metric and the ledger's releasable list", async () => {
    const totals = await milestoneTotals(t.db, { to: TODAY, scope: staffScope }, TODAY);
    const releasable = await releasableTranches(t.db, { access: staffScope, filters: {} });
    expect(totals.overdue).toBe(5);
    expect(releasable.map((r) => r.awardId).sort()).toEqual(
      [id.releasableAlpha, id.releasableBeta].sort(),
    );
  });

  it("limits the counts to a mentor's cooperatives", async () => {
    expect(await followUpCounts(t.db, { scope: mentorScope, today: TODAY })).toEqual({
      overdue: 1,
      awaiting: 1,
      releasable: 1,
    });
  });

  it("gives each active cohort its completion, none for a closed one", async () => {
    expect(await activeCohortCompletion(t.db, { scope: staffScope, today: TODAY })).toEqual([
      {
        id: id.cohortA,
        name: "Cohort A",
        programNames: expect.objectContaining({ fr: "Programme Moazara" }),
        figures: {
          cohortId: id.cohortA,
          total: 10,
          done: 3,
          waived: 1,
          overdue: 4,
          completion: 3 / 9,
        },
      },
      {
        id: id.cohortB,
        name: "Cohort B",
        programNames: expect.objectContaining({ fr: "Programme Moazara" }),
        figures: {
          cohortId: id.cohortB,
          total: 0,
          done: 0,
          waived: 0,
          overdue: 0,
          completion: null,
        },
      },
    ]);
  });
});

describe("cohort progress grid", () => {
  const cell = (status: GridCell["status"], overdue: boolean, dueOn: string | null): GridCell => ({
    status,
    overdue,
    dueOn,
  });

  it("crosses live cooperatives with the templates of the stages present", async () => {
    const grid = await cohortProgressGrid(t.db, { cohortId: id.cohortA!, today: TODAY });
    expect(grid.columns.map((c) => [c.stage, c.key])).toEqual([
      ["selected", "name_certificate"],
      ["selected", "statutes_signed"],
      ["selected", "capital_deposited"],
      ["selected", "registered_local_register"],
      ["selected", "bank_account_opened"],
      ["pre_incubation", "diagnostic_done"],
      ["pre_incubation", "business_plan_done"],
      ["pre_incubation", "group_training_done"],
    ]);
    expect(grid.rows.map((r) => r.name)).toEqual(["Alpha", "Beta"]);
    const [alpha, beta] = grid.rows;
    expect(alpha!.cells).toEqual({
      [template.name_certificate!]: cell("done", false, "2026-01-31"),
      [template.statutes_signed!]: cell("todo", true, "2026-06-01"),
      [template.capital_deposited!]: cell("reported", false, "2026-07-01"),
      [template.registered_local_register!]: cell("waived", false, "2026-01-01"),
      [template.diagnostic_done!]: cell("in_progress", true, "2026-06-14"),
    });
    expect(alpha!.custom).toEqual({ total: 2, done: 1, overdue: 1 });
    expect(beta!.cells).toEqual({
      [template.name_certificate!]: cell("blocked", false, TODAY),
      [template.statutes_signed!]: cell("reported", true, "2026-03-01"),
      [template.bank_account_opened!]: cell("done", false, "2026-04-01"),
    });
    expect(beta!.custom).toEqual({ total: 0, done: 0, overdue: 0 });
  });

  it("marks as many overdue cells as the cohort's overdue figure", async () => {
    const grid = await cohortProgressGrid(t.db, { cohortId: id.cohortA!, today: TODAY });
    const marked = grid.rows.reduce(
      (sum, row) =>
        sum + Object.values(row.cells).filter((c) => c.overdue).length + row.custom.overdue,
      0,
    );
    const [figures] = await activeCohortCompletion(t.db, { scope: staffScope, today: TODAY });
    expect(marked).toBe(4);
    expect(figures!.figures.overdue).toBe(marked);
  });

  it("leaves out inactive templates nobody uses, and is empty for an empty cohort", async () => {
    await t.db
      .update(milestoneTemplates)
      .set({ active: false })
      .where(eq(milestoneTemplates.key, "business_plan_done"));
    await t.db
      .update(milestoneTemplates)
      .set({ active: false })
      .where(eq(milestoneTemplates.key, "statutes_signed"));
    try {
      const grid = await cohortProgressGrid(t.db, { cohortId: id.cohortA!, today: TODAY });
      expect(grid.columns.map((c) => c.key)).toEqual([
        "name_certificate",
        "statutes_signed",
        "capital_deposited",
        "registered_local_register",
        "bank_account_opened",
        "diagnostic_done",
        "group_training_done",
      ]);
    } finally {
      await t.db
        .update(milestoneTemplates)
        .set({ active: true })
        .where(eq(milestoneTemplates.active, false));
    }
    expect(await cohortProgressGrid(t.db, { cohortId: id.cohortB!, today: TODAY })).toEqual({
      columns: [],
      rows: [],
    });
  });
});
