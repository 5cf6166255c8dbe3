import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { todayIso } from "@/lib/dates";
import { eq, sql, type SQL } from "drizzle-orm";
import { NextRequest } from "next/server";
import { rowsOf, useConnection } from "@/db";
import {
  cooperativeFunding,
  fundingTotals,
  releasableTranches,
  searchAwards,
} from "@/db/queries/funding-ledger";
import { seedDemo } from "@/db/seed/demo";
import { seedReference } from "@/db/seed/reference";
import { cooperatives, fundingAwards, milestones, milestoneTemplates, users } from "@/db/schema";
import { parseCsv } from "@/lib/tabular";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-pathname": "/funding" }) }));
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
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => (key: string) => `${namespace}.${key}`,
  getLocale: async () => "fr",
}));

const actions = await import("@/app/(app)/funding/actions");
const fundingExport = await import("@/app/api/export/funding/route");
const disbursementsExport = await import("@/app/api/export/disbursements/route");

const TODAY = "2026-11-29";
const ROLES = ["admin", "staff", "mentor", "official"] as const;
type Role = (typeof ROLES)[number];
type State = Awaited<ReturnType<typeof actions.recordDisbursementAction>>;
const IDLE: State = { status: "idle" };
const FUNDING_COLUMNS = [
  "award_id",
  "cooperative_id",
  "cooperative",
  "program",
  "source",
  "kind",
  "status",
  "awarded_on",
  "amount_mad",
  "co_financing_mad",
  "disbursed_mad",
];
const DISBURSEMENT_COLUMNS = [
  "id",
  "award_id",
  "cooperative_id",
  "disbursed_on",
  "amount_mad",
  "reference",
];

let t: TestDatabase;
const account = {} as Record<Role, { id: number; sv: number }>;
const id = { coop: 0, archived: 0, other: 0, todo: 0, done: 0, foreign: 0, archivedAward: 0 };

async function query<T>(text: SQL): Promise<T[]> {
  return rowsOf<T>(await t.db.execute(text));
}

async function counts() {
  const [row] = await query<{ awards: number; tranches: number; audit: number }>(sql`select
    (select count(*)::int from funding_awards) as awards,
    (select count(*)::int from disbursements) as tranches,
    (select count(*)::int from audit_log) as audit`);
  return row!;
}

function signInAs(role: Role) {
  const { id: userId, sv } = account[role];
  session.current = { user: { id: userId, sv, role, name: role, email: `${role}@hadina.test` } };
}

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

async function award(amount: string, status = "approved", cooperativeId = id.coop) {
  const state = await actions.createAwardAction(
    IDLE,
    form({
      cooperative_id: cooperativeId,
      program: "moazara",
      source: "region_council",
      kind: "grant",
      amount_mad: amount,
      co_financing_mad: "",
      awarded_on: "2026-06-01",
      status,
      notes: "",
    }),
  );
  expect(state.status).toBe("done");
  return state.savedId!;
}

function tranche(awardId: number, amount: string, extra: Record<string, string | number> = {}) {
  return actions.recordDisbursementAction(
    IDLE,
    form({
      award_id: awardId,
      status: "disbursed",
      disbursed_on: "2026-11-01",
      amount_mad: amount,
      ...extra,
    }),
  );
}

async function awardRow(awardId: number) {
  const [row] = await t.db.select().from(fundingAwards).where(eq(fundingAwards.id, awardId));
  return row!;
}

async function trancheTotal(awardId: number) {
  const [row] = await query<{ total: string }>(
    sql`select coalesce(sum(amount_mad), 0)::text as total from disbursements where award_id = ${awardId}`,
  );
  return row!.total;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  await seedDemo(t.db, { today: TODAY });
  for (const role of ROLES) {
    const [row] = await t.db
      .select({ id: users.id, sv: users.sessionVersion })
      .from(users)
      .where(eq(users.email, `${role}@hadina.test`));
    account[role] = row!;
  }
  const base = {
    legalForm: "cooperative" as const,
    sector: "argan" as const,
    area: "rural" as const,
  };
  const [coop, archived, other] = await t.db
    .insert(cooperatives)
    .values([
      { ...base, name: "تعاونية التمويل", province: "ifrane" },
      { ...base, name: "مؤرشفة", province: "ifrane", archivedAt: new Date("2026-10-01T00:00:00Z") },
      { ...base, name: "أخرى", province: "taza" },
    ])
    .returning({ id: cooperatives.id });
  Object.assign(id, { coop: coop!.id, archived: archived!.id, other: other!.id });
  const stage = "incubation" as const;
  const [todo, done, foreign] = await t.db
    .insert(milestones)
    .values([
      { cooperativeId: id.coop, stage, title: "Matériel livré", status: "todo" },
      {
        cooperativeId: id.coop,
        stage,
        title: "Étude faite",
        status: "done",
        completedOn: "2026-10-01",
      },
      { cooperativeId: id.other, stage, title: "Autre", status: "done", completedOn: "2026-10-01" },
    ])
    .returning({ id: milestones.id });
  Object.assign(id, { todo: todo!.id, done: done!.id, foreign: foreign!.id });
  const [archivedAward] = await t.db
    .insert(fundingAwards)
    .values({
      cooperativeId: id.archived,
      source: "indh",
      kind: "grant",
      amountMad: "5000.00",
      awardedOn: "2026-05-01",
      status: "approved",
    })
    .returning({ id: fundingAwards.id });
  id.archivedAward = archivedAward!.id;
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => signInAs("staff"));

describe("the cap: tranches never take an award past its amount", () => {
  it("records tranches up to the exact amount, refuses an overshoot and writes nothing", async () => {
    const before = await counts();
    const awardId = await award("100 000");
    expect((await counts()).audit).toBe(before.audit + 1);
    expect((await awardRow(awardId)).amountMad).toBe("100000.00");
    expect((await tranche(awardId, "40000")).status).toBe("done");
    expect((await awardRow(awardId)).status).toBe("disbursing");
    expect((await tranche(awardId, "50 000,00")).status).toBe("done");
    const [funded] = await cooperativeFunding(t.db, { access: sql`true`, cooperativeId: id.coop });
    expect(funded!.remainingMad).toBe("10000.00");
    expect(funded!.disbursedMad).toBe("90000.00");

    const written = await counts();
    const refused = await tranche(awardId, "20000");
    expect(refused).toMatchObject({
      status: "invalid",
      errors: { amount_mad: "exceedsAward" },
      remainingMad: "10000.00",
    });
    expect(await counts()).toEqual(written);
    expect(await trancheTotal(awardId)).toBe("90000.00");
    expect((await tranche(awardId, "10000.01")).errors).toEqual({ amount_mad: "exceedsAward" });

    expect((await tranche(awardId, "10000.00")).status).toBe("done");
    expect((await awardRow(awardId)).status).toBe("completed");
    const audit = await query<{ after: { status: string; reason: string } }>(sql`select after
      from audit_log where entity = 'funding_award' and entity_id = ${String(awardId)}
      and action = 'change_status' order by id`);
    expect(audit.map((a) => [a.after.status, a.after.reason])).toEqual([
      ["disbursing", "first_disbursement"],
      ["completed", "fully_disbursed"],
    ]);
  });

  it("counts planned tranches toward the cap, and releases them once the milestone is done", async () => {
    const awardId = await award("1000.50");
    const planned = await tranche(awardId, "600", {
      status: "planned",
      disbursed_on: "",
      release_milestone_id: id.todo,
    });
    expect(planned.status).toBe("done");
    expect((await awardRow(awardId)).status).toBe("approved");
    expect(await tranche(awardId, "400.51")).toMatchObject({ remainingMad: "400.50" });
    expect((await tranche(awardId, "400.50")).status).toBe("done");
    expect((await awardRow(awardId)).status).toBe("disbursing");

    const releasable = () => releasableTranches(t.db, { access: sql`true`, filters: {} });
    expect((await releasable()).map((r) => r.id)).not.toContain(planned.savedId);
    const early = await actions.releaseDisbursementAction(
      IDLE,
      form({ id: planned.savedId!, disbursed_on: "2026-11-20", reference: "OV-1" }),
    );
    expect(early).toMatchObject({ status: "invalid", errors: { form: "milestoneNotDone" } });

    await t.db
      .update(milestones)
      .set({ status: "done", completedOn: "2026-11-15" })
      .where(eq(milestones.id, id.todo));
    const listed = (await releasable()).find((r) => r.id === planned.savedId);
    expect(listed).toMatchObject({ amountMad: "600.00", awardId, cooperativeId: id.coop });
    expect(listed!.milestone.fr).toBe("Matériel livré");
    const released = await actions.releaseDisbursementAction(
      IDLE,
      form({ id: planned.savedId!, disbursed_on: "2026-11-20", reference: "OV-1" }),
    );
    expect(released.status).toBe("done");
    expect((await awardRow(awardId)).status).toBe("completed");
    expect((await releasable()).map((r) => r.id)).not.toContain(planned.savedId);
    const again = await actions.releaseDisbursementAction(
      IDLE,
      form({ id: planned.savedId!, disbursed_on: "2026-11-20" }),
    );
    expect(again.errors).toEqual({ form: "alreadyDisbursed" });
  });

  it("lets exactly one of two concurrent tranches through when together they overshoot", async () => {
    for (let round = 0; round < 4; round++) {
      const awardId = await award("100");
      const results = await Promise.all([tranche(awardId, "60"), tranche(awardId, "60")]);
      expect(results.map((r) => r.status).sort()).toEqual(["done", "invalid"]);
      expect(results.find((r) => r.status === "invalid")!.remainingMad).toBe("40.00");
      expect(await trancheTotal(awardId)).toBe("60.00");
    }
  });
});

describe("validation and status changes", () => {
  it("answers field errors for bad tranches", async () => {
    const awardId = await award("5000");
    const before = await counts();
    expect((await tranche(awardId, "0")).errors).toEqual({ amount_mad: "amountPositive" });
    expect((await tranche(awardId, "12.345")).errors).toEqual({ amount_mad: "invalidAmount" });
    // tomorrow in Africa/Casablanca, whatever day the test runs
    const tomorrow = new Date(Date.parse(todayIso()) + 86_400_000).toISOString().slice(0, 10);
    expect((await tranche(awardId, "10", { disbursed_on: tomorrow })).errors).toEqual({
      disbursed_on: "dateInFuture",
    });
    expect((await tranche(awardId, "10", { disbursed_on: "" })).errors).toEqual({
      disbursed_on: "required",
    });
    expect(await tranche(awardId, "10", { disbursed_on: "2026-05-31" })).toMatchObject({
      errors: { disbursed_on: "beforeAward" },
      awardedOn: "2026-06-01",
    });
    expect((await tranche(awardId, "10", { release_milestone_id: id.foreign })).errors).toEqual({
      release_milestone_id: "invalidChoice",
    });
    expect(
      (await tranche(awardId, "10", { release_milestone_id: id.done + 999999 })).errors,
    ).toEqual({ release_milestone_id: "invalidChoice" });
    expect((await tranche(999999, "10")).status).toBe("not_found");
    expect((await tranche(id.archivedAward, "10")).status).toBe("not_found");
    expect(await counts()).toEqual(before);
  });

  it("moves awards through their statuses and refuses the others", async () => {
    const awardId = await award("2000", "requested");
    const change = (status: string) =>
      actions.updateAwardStatusAction(IDLE, form({ award_id: awardId, status }));
    expect((await tranche(awardId, "10")).errors).toEqual({ form: "awardNotOpen" });
    expect((await change("disbursing")).errors).toEqual({ status: "transitionNotAllowed" });
    expect((await change("approved")).status).toBe("done");
    expect((await change("requested")).errors).toEqual({ status: "transitionNotAllowed" });
    expect((await tranche(awardId, "500")).status).toBe("done");
    expect((await change("completed")).status).toBe("done");
    expect((await change("cancelled")).errors).toEqual({ status: "transitionNotAllowed" });
    expect((await tranche(awardId, "10")).errors).toEqual({ form: "awardNotOpen" });
    const rejected = await award("300", "requested");
    const reject = await actions.updateAwardStatusAction(
      IDLE,
      form({ award_id: rejected, status: "rejected" }),
    );
    expect(reject.status).toBe("done");
    expect((await awardRow(rejected)).status).toBe("rejected");
  });

  it.each(["mentor", "official"] as const)(
    "refuses every action to %s and writes nothing",
    async (role) => {
      const awardId = await award("800");
      const plannedState = await tranche(awardId, "100", { status: "planned", disbursed_on: "" });
      signInAs(role);
      const before = await counts();
      const states = [
        await actions.createAwardAction(IDLE, form({ cooperative_id: id.coop, amount_mad: "1" })),
        await actions.updateAwardStatusAction(
          IDLE,
          form({ award_id: awardId, status: "cancelled" }),
        ),
        await tranche(awardId, "100"),
        await actions.releaseDisbursementAction(
          IDLE,
          form({ id: plannedState.savedId!, disbursed_on: "2026-11-20" }),
        ),
      ];
      expect(states.map((s) => s.status)).toEqual([
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
      ]);
      expect(await counts()).toEqual(before);
    },
  );

  it("sends anonymous callers to /login", async () => {
    session.current = null;
    await expect(tranche(1, "10")).rejects.toThrow("REDIRECT /login");
  });
});

describe("reads and exports", () => {
  async function visibleAwards(role: Role) {
    const mentorOnly =
      role === "mentor"
        ? sql`and exists (select 1 from mentor_assignments m where m.cooperative_id = c.id
            and m.mentor_id = ${account.mentor.id} and (m.end_on is null or m.end_on >= current_date))`
        : sql``;
    return query<{ id: number; disbursed: string }>(sql`select a.id,
        (select coalesce(sum(d.amount_mad), 0.00) from disbursements d
          where d.award_id = a.id and d.status = 'disbursed')::text as disbursed
      from funding_awards a join cooperatives c on c.id = a.cooperative_id
      where c.archived_at is null ${mentorOnly} order by a.id`);
  }

  async function csv(route: { GET: (r: NextRequest) => Promise<Response> }, path: string) {
    const response = await route.GET(new NextRequest(`http://localhost/api/export/${path}`));
    expect(response.status).toBe(200);
    return parseCsv(await response.text());
  }

  it.each(ROLES)("gives %s the exact header rows and the awards it may see", async (role) => {
    signInAs(role);
    const expected = await visibleAwards(role);
    expect(expected.length).toBeGreaterThan(0);
    const awards = await csv(fundingExport, "funding");
    expect(awards.header).toEqual(FUNDING_COLUMNS);
    expect(awards.rows.map((r) => Number(r[0]))).toEqual(expected.map((r) => r.id));
    expect(awards.rows.map((r) => r[10])).toEqual(expected.map((r) => r.disbursed));
    expect(awards.rows.map((r) => Number(r[0]))).not.toContain(id.archivedAward);
    const tranches = await csv(disbursementsExport, "disbursements");
    expect(tranches.header).toEqual(DISBURSEMENT_COLUMNS);
    const ids = new Set(expected.map((r) => r.id));
    expect(tranches.rows.every((r) => ids.has(Number(r[1])))).toBe(true);
    expect(tranches.rows.every((r) => /^\d+\.\d{2}$/.test(r[4]!))).toBe(true);
    expect(
      awards.rows.every((r) => /^\d+\.\d{2}$/.test(r[8]!) && /^\d+\.\d{2}$/.test(r[10]!)),
    ).toBe(true);
  });

  it("exports money with two decimals, filters, labels, and refuses anonymous callers", async () => {
    const awardId = await award("1234.5");
    await tranche(awardId, "234.5", { reference: "=CMD" });
    signInAs("official");
    const awards = await csv(fundingExport, `funding?province=ifrane&source=region_council`);
    const row = awards.rows.find((r) => Number(r[0]) === awardId)!;
    expect(row).toEqual([
      String(awardId),
      String(id.coop),
      "تعاونية التمويل",
      "moazara",
      "region_council",
      "grant",
      "disbursing",
      "2026-06-01",
      "1234.50",
      "0.00",
      "234.50",
    ]);
    expect(awards.rows.every((r) => r[4] === "region_council")).toBe(true);
    const path = "disbursements?from=2026-11-01&to=2026-11-01";
    const response = await disbursementsExport.GET(
      new NextRequest(`http://localhost/api/export/${path}`),
    );
    const text = await response.text();
    expect(text).toContain(`,${awardId},${id.coop},2026-11-01,234.50,'=CMD\r\n`);
    expect(parseCsv(text).rows.every((r) => r[3] === "2026-11-01")).toBe(true);
    const labelled = await csv(fundingExport, "funding?labels=1&province=ifrane");
    expect(labelled.header).toEqual(FUNDING_COLUMNS.map((key) => `funding.columns.${key}`));
    const labelledRow = labelled.rows.find((r) => Number(r[0]) === awardId)!;
    const [moazara] = await query<{ name_fr: string }>(
      sql`select name_fr from programs where key = 'moazara'`,
    );
    expect(labelledRow.slice(3, 7)).toEqual([
      moazara!.name_fr,
      "fundingSource.region_council",
      "fundingKind.grant",
      "awardStatus.disbursing",
    ]);
    session.current = null;
    const anonymous = await fundingExport.GET(
      new NextRequest("http://localhost/api/export/funding"),
    );
    expect(anonymous.status).toBe(401);
    signInAs("staff");
    const bad = await disbursementsExport.GET(
      new NextRequest("http://localhost/api/export/disbursements?format=pdf"),
    );
    expect(bad.status).toBe(400);
  });

  it("names an auto-entrepreneur 'auto-entrepreneur #id' for officials only", async () => {
    const [person] = await t.db
      .insert(cooperatives)
      .values({
        name: "Fatima Zahra Alaoui",
        legalForm: "auto_entrepreneur",
        sector: "handicraft",
        province: "sefrou",
        area: "urban",
      })
      .returning({ id: cooperatives.id });
    const awardId = await award("900", "approved", person!.id);
    const nameIn = async (role: Role) => {
      signInAs(role);
      const table = await csv(fundingExport, "funding?province=sefrou");
      return table.rows.find((r) => Number(r[0]) === awardId)?.[2];
    };
    expect(await nameIn("official")).toBe(`auto-entrepreneur #${person!.id}`);
    expect(await nameIn("staff")).toBe("Fatima Zahra Alaoui");
  });

  it("gives a profile each award with its tranches, paid ones by date then planned, with their milestone", async () => {
    const [template] = await t.db
      .select({
        id: milestoneTemplates.id,
        ar: milestoneTemplates.labelAr,
        fr: milestoneTemplates.labelFr,
        en: milestoneTemplates.labelEn,
      })
      .from(milestoneTemplates)
      .orderBy(milestoneTemplates.id)
      .limit(1);
    const [templated] = await t.db
      .insert(milestones)
      .values({
        cooperativeId: id.other,
        stage: "incubation",
        templateId: template!.id,
        status: "todo",
      })
      .returning({ id: milestones.id });
    const first = await award("3000", "approved", id.other);
    const second = await award("800", "approved", id.other);
    for (const [amount, extra] of [
      ["1000.10", { disbursed_on: "2026-11-10", reference: "OV-B" }],
      ["700", { status: "planned", disbursed_on: "", release_milestone_id: templated!.id }],
      ["500", { disbursed_on: "2026-10-05", reference: "OV-A" }],
      ["200", { status: "planned", disbursed_on: "", release_milestone_id: id.foreign }],
    ] as const)
      expect((await tranche(first, amount, extra)).status).toBe("done");
    const awards = await cooperativeFunding(t.db, { access: sql`true`, cooperativeId: id.other });
    expect(awards.map((a) => a.id)).toEqual([first, second]);
    const shown = awards[0]!.tranches.map((tr) => [
      tr.awardId,
      tr.status,
      tr.disbursedOn,
      tr.amountMad,
      tr.reference,
      tr.milestone,
      tr.milestoneStatus,
    ]);
    expect(shown).toEqual([
      [first, "disbursed", "2026-10-05", "500.00", "OV-A", null, null],
      [first, "disbursed", "2026-11-10", "1000.10", "OV-B", null, null],
      [
        first,
        "planned",
        null,
        "700.00",
        null,
        { ar: template!.ar, fr: template!.fr, en: template!.en },
        "todo",
      ],
      [first, "planned", null, "200.00", null, { ar: "Autre", fr: "Autre", en: "Autre" }, "done"],
    ]);
    // Planned ones in the order they were recorded.
    expect(awards[0]!.tranches[2]!.id).toBeLessThan(awards[0]!.tranches[3]!.id);
    expect(awards[0]).toMatchObject({
      disbursedMad: "1500.10",
      plannedMad: "900.00",
      remainingMad: "599.90",
    });
    expect(awards[1]!.tranches).toEqual([]);
  });

  it("hides archived cooperatives and other mentors' cooperatives from every read", async () => {
    const mentorAccess = sql`exists (select 1 from mentor_assignments m where m.cooperative_id = ${cooperatives.id}
      and m.mentor_id = ${account.mentor.id} and (m.end_on is null or m.end_on >= current_date))`;
    expect(
      await cooperativeFunding(t.db, { access: mentorAccess, cooperativeId: id.coop }),
    ).toEqual([]);
    expect(
      await cooperativeFunding(t.db, { access: sql`true`, cooperativeId: id.archived }),
    ).toEqual([]);
    const page = await searchAwards(t.db, {
      access: sql`true`,
      filters: { page: 1, province: "ifrane" },
      pageSize: 50,
    });
    expect(page.rows.every((r) => r.cooperativeId !== id.archived)).toBe(true);
    expect(page.total).toBe(page.rows.length);
  });

  it("totals committed and disbursed funding in SQL, by programme and by source", async () => {
    const filters = { page: 1, from: "2026-01-01", to: TODAY };
    const totals = await fundingTotals(t.db, { access: sql`true`, filters, today: TODAY });
    const [expected] = await query<{ committed: string; disbursed: string }>(sql`select
      (select coalesce(sum(a.amount_mad), 0) from funding_awards a join cooperatives c on c.id = a.cooperative_id
        where c.archived_at is null and a.status in ('approved', 'disbursing', 'completed')
        and a.awarded_on between '2026-01-01' and ${TODAY})::text as committed,
      (select coalesce(sum(d.amount_mad), 0.00) from disbursements d join funding_awards a on a.id = d.award_id
        join cooperatives c on c.id = a.cooperative_id where c.archived_at is null
        and d.status = 'disbursed' and d.disbursed_on between '2026-01-01' and ${TODAY})::text as disbursed`);
    expect(totals.total).toEqual({
      committedMad: expected!.committed,
      disbursedMad: expected!.disbursed,
    });
    const sum = (rows: { committedMad: string }[]) =>
      rows.reduce((acc, r) => acc + Math.round(Number(r.committedMad) * 100), 0);
    expect(sum(totals.byProgram)).toBe(Math.round(Number(expected!.committed) * 100));
    expect(sum(totals.bySource)).toBe(Math.round(Number(expected!.committed) * 100));
  });
});
