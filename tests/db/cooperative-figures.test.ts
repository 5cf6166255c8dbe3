import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import { figuresUpTo } from "@/db/queries/figures-summary";
import {
  activeAndCoverage,
  committedWithin,
  disbursedWithin,
  graduationWithin,
  jobsAsOf,
  jobsBy,
  lastCompleteQuarter,
  mentoringHoursWithin,
  type MetricFilters,
} from "@/db/queries/metrics";
import {
  cooperatives,
  disbursements,
  fundingAwards,
  jobsSnapshots,
  mentoringSessions,
  stageChanges,
  users,
} from "@/db/schema";
import { seedReference } from "@/db/seed/reference";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/**
 * `cooperative_figures` is derived data kept by triggers (migration 0006). These tests build a
 * random history through inserts, updates and deletes, then check (1) that the table equals a
 * rebuild from scratch and (2) that every figure read through it equals the same figure summed
 * from the activity tables, for dates before, inside and after the history.
 */
let t: TestDatabase;

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const day = (offset: number) =>
  new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

async function figuresTable() {
  return rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`select * from cooperative_figures order by cooperative_id`),
  );
}

/** The figures summed straight from the activity tables (the definitions of DOMAIN.md). */
async function reference(filters: MetricFilters) {
  const where = sql`c.archived_at is null ${filters.province ? sql`and c.province = ${filters.province}` : sql``}`;
  const to = filters.to;
  const [row] = rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`
    with base as (
      select s.* from jobs_snapshots s join cooperatives c on c.id = s.cooperative_id
      where ${where} and s.kind = 'baseline' and s.as_of <= ${to}
    ), latest as (
      select distinct on (s.cooperative_id) s.* from jobs_snapshots s
      join base b on b.cooperative_id = s.cooperative_id where s.as_of <= ${to}
      order by s.cooperative_id, s.as_of desc, s.id desc
    ), reached as (
      select distinct on (g.cooperative_id) g.to_stage from stage_changes g
      join cooperatives c on c.id = g.cooperative_id
      where ${where} and g.to_stage in ('graduated', 'withdrawn') and g.changed_on <= ${to}
      order by g.cooperative_id, g.changed_on desc, g.id desc
    )
    select
      (select coalesce(sum(l.jobs_total - b.jobs_total), 0) from base b join latest l using (cooperative_id))::int as created,
      (select coalesce(sum(l.jobs_women - b.jobs_women), 0) from base b join latest l using (cooperative_id))::int as created_women,
      (select coalesce(sum(b.jobs_total), 0) from base b join cooperatives c on c.id = b.cooperative_id where c.stage <> 'withdrawn')::int as maintained,
      (select coalesce(sum(d.amount_mad), 0) * 100 from disbursements d join funding_awards a on a.id = d.award_id
        join cooperatives c on c.id = a.cooperative_id where ${where} and d.status = 'disbursed' and d.disbursed_on <= ${to})::bigint as disbursed,
      (select coalesce(sum(d.amount_mad), 0) * 100 from disbursements d join funding_awards a on a.id = d.award_id
        join cooperatives c on c.id = a.cooperative_id where ${where} and d.status = 'disbursed' and d.disbursed_on <= ${to}
        and a.kind in ('grant', 'prize', 'in_kind') and a.source <> 'own_contribution')::bigint as support,
      (select coalesce(sum(a.amount_mad), 0) * 100 from funding_awards a join cooperatives c on c.id = a.cooperative_id
        where ${where} and a.status in ('approved', 'disbursing', 'completed') and a.awarded_on <= ${to})::bigint as committed,
      (select coalesce(sum(s.duration_minutes), 0) from mentoring_sessions s join cooperatives c on c.id = s.cooperative_id
        where ${where} and s.held_on <= ${to})::int as minutes,
      (select count(*) filter (where to_stage = 'graduated') from reached)::int as graduated,
      (select count(*) filter (where to_stage = 'withdrawn') from reached)::int as withdrawn
  `),
  );
  return row!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const { db } = t;
  await seedReference(db);
  const [mentor] = await db
    .insert(users)
    .values({ email: "m@figures.test", name: "m", role: "mentor", passwordHash: "x" })
    .returning({ id: users.id });
  const random = rng(20261129);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const coops = await db
    .insert(cooperatives)
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        name: `F${i}`,
        legalForm: "cooperative" as const,
        sector: "agriculture" as const,
        area: pick(["urban", "rural"] as const),
        province: pick(["fes", "meknes", "taza"]),
        stage: pick(["incubation", "graduated", "withdrawn", "post_incubation"] as const),
        archivedAt: i === 11 ? new Date("2025-01-01T00:00:00Z") : null,
      })),
    )
    .returning({ id: cooperatives.id });
  const ids = coops.map((c) => c.id);

  for (const id of ids) {
    if (random() < 0.8) {
      const start = Math.floor(random() * 200);
      await db.insert(jobsSnapshots).values({
        cooperativeId: id,
        kind: "baseline",
        asOf: day(start),
        jobsTotal: 5,
        jobsWomen: 2,
        jobsYouth: 1,
        source: "test",
      });
      for (let k = 1; k <= 4; k++) {
        if (random() < 0.7)
          await db.insert(jobsSnapshots).values({
            cooperativeId: id,
            asOf: day(start + k * 91),
            jobsTotal: Math.floor(random() * 12),
            jobsWomen: 0,
            jobsYouth: 0,
            source: "test",
          });
      }
    }
    const [award] = await db
      .insert(fundingAwards)
      .values({
        cooperativeId: id,
        source: pick(["indh", "own_contribution", "bank_loan"] as const),
        kind: pick(["grant", "loan", "prize"] as const),
        amountMad: "100000.00",
        awardedOn: day(Math.floor(random() * 700)),
        status: pick(["approved", "requested", "completed"] as const),
      })
      .returning({ id: fundingAwards.id });
    // One bulk insert of several rows: one statement-level trigger call for all of them.
    await db.insert(disbursements).values(
      Array.from({ length: 3 }, () => ({
        awardId: award!.id,
        amountMad: `${Math.floor(random() * 9000) + 1}.${Math.floor(random() * 90) + 10}`,
        disbursedOn: day(Math.floor(random() * 900)),
      })),
    );
    await db.insert(mentoringSessions).values(
      Array.from({ length: 4 }, () => ({
        cooperativeId: id,
        mentorId: mentor!.id,
        heldOn: day(Math.floor(random() * 900)),
        durationMinutes: 30 + Math.floor(random() * 200),
        mode: "in_person" as const,
      })),
    );
    if (random() < 0.5)
      await db.insert(stageChanges).values([
        {
          cooperativeId: id,
          toStage: "graduated",
          changedOn: day(300 + Math.floor(random() * 100)),
        },
        ...(random() < 0.5
          ? [{ cooperativeId: id, toStage: "withdrawn" as const, changedOn: day(500) }]
          : []),
      ]);
  }
  // Updates and deletes, including rows moving between cooperatives and awards changing status.
  await db.execute(
    sql`update mentoring_sessions set cooperative_id = ${ids[0]!} where cooperative_id = ${ids[1]!}`,
  );
  await db.execute(sql`update funding_awards set status = 'approved' where status = 'requested'`);
  await db.execute(sql`update disbursements set status = 'planned', disbursed_on = null
    where id in (select id from disbursements order by id limit 5)`);
  await db.execute(
    sql`delete from disbursements where id in (select id from disbursements order by id desc limit 4)`,
  );
  await db.execute(sql`update jobs_snapshots set jobs_total = jobs_total + 3, as_of = as_of + 400
    where kind = 'periodic' and id % 3 = 0`);
  await db.execute(sql`delete from jobs_snapshots where kind = 'periodic' and id % 5 = 0`);
  await db.execute(sql`delete from stage_changes where id % 2 = 0`);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("cooperative_figures (kept by triggers)", () => {
  it("equals a rebuild from the activity tables after inserts, updates and deletes", async () => {
    const kept = await figuresTable();
    expect(kept.length).toBeGreaterThan(0);
    await t.db.execute(sql`truncate cooperative_figures`);
    await t.db.execute(sql`select hadina_refresh_figures(array(select id from cooperatives))`);
    expect(await figuresTable()).toEqual(kept);
  });

  it("gives the figures summed from the activity tables, for any date and province", async () => {
    const dates = ["2023-12-31", day(150), day(365), day(600), day(800), day(1000), "2030-01-01"];
    for (const to of dates) {
      for (const province of [undefined, "fes", "meknes"]) {
        const filters: MetricFilters = { to, province };
        const expected = await reference(filters);
        const [jobs, money, committed, hours, graduation] = await Promise.all([
          jobsAsOf(t.db, filters),
          disbursedWithin(t.db, filters),
          committedWithin(t.db, filters),
          mentoringHoursWithin(t.db, filters),
          graduationWithin(t.db, filters),
        ]);
        const label = `${to} ${province ?? "all"}`;
        const [onePass, active] = await Promise.all([
          figuresUpTo(t.db, filters),
          activeAndCoverage(t.db, filters),
        ]);
        expect({ label, ...onePass }).toEqual({
          label,
          jobs,
          active: active.active,
          reporting: Math.round((active.coverage ?? 0) * active.active),
          disbursedCentimes: money.disbursedCentimes,
          supportCentimes: money.supportCentimes,
          committedCentimes: committed,
          minutes: Number(expected.minutes),
          graduated: graduation.graduated,
          withdrawn: graduation.withdrawn,
        });
        expect({ label, ...jobs }).toMatchObject({
          label,
          created: expected.created,
          createdWomen: expected.created_women,
          maintained: expected.maintained,
        });
        expect({
          label,
          disbursed: money.disbursedCentimes,
          support: money.supportCentimes,
        }).toEqual({
          label,
          disbursed: Number(expected.disbursed),
          support: Number(expected.support),
        });
        expect({ label, committed }).toEqual({ label, committed: Number(expected.committed) });
        expect({ label, hours }).toEqual({
          label,
          hours: Math.round((Number(expected.minutes) / 60) * 100) / 100,
        });
        expect({ label, g: graduation.graduated, w: graduation.withdrawn }).toEqual({
          label,
          g: expected.graduated,
          w: expected.withdrawn,
        });
      }
    }
  });

  it("breaks jobs down by province as the province filter gives them", async () => {
    for (const to of [day(365), day(800), "2030-01-01"]) {
      const rows = await jobsBy(t.db, { to }, "province");
      for (const row of rows) {
        const alone = await jobsAsOf(t.db, { to, province: row.key ?? undefined });
        const { key, active, coverage, ...jobs } = row;
        expect({ key, to, ...jobs }).toEqual({ key, to, ...alone });
        expect(active).toBeGreaterThanOrEqual(0);
        expect(coverage === null || (coverage >= 0 && coverage <= 1)).toBe(true);
      }
    }
  });

  it("counts reporting coverage from the snapshots when the latest is after the quarter", async () => {
    for (const to of [day(400), day(700), day(1000)]) {
      const { active, coverage } = await activeAndCoverage(t.db, { to });
      const [expected] = rowsOf<{ active: number; reporting: number }>(
        await t.db.execute(sql`
        select count(*)::int as active, count(*) filter (where exists (
          select 1 from jobs_snapshots s where s.cooperative_id = c.id
            and s.as_of between ${lastCompleteQuarter(to).start} and ${lastCompleteQuarter(to).end}))::int as reporting
        from cooperatives c where c.archived_at is null
          and c.stage in ('pre_incubation', 'incubation', 'post_incubation')`),
      );
      expect(active).toBe(expected!.active);
      expect(coverage).toBe(expected!.active > 0 ? expected!.reporting / expected!.active : null);
    }
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "stays exact when two transactions write for one cooperative at once (PostgreSQL)",
    async () => {
      const [coop] = rowsOf<{ id: number }>(
        await t.db.execute(
          sql`select id from cooperatives where archived_at is null order by id limit 1`,
        ),
      );
      const [mentor] = rowsOf<{ id: number }>(
        await t.db.execute(sql`select id from users limit 1`),
      );
      const insert = (minutes: number) =>
        t.db.transaction(async (tx) => {
          await tx.insert(mentoringSessions).values({
            cooperativeId: coop!.id,
            mentorId: mentor!.id,
            heldOn: "2024-06-01",
            durationMinutes: minutes,
            mode: "phone",
          });
          await tx.execute(sql`select pg_sleep(0.2)`);
        });
      await Promise.all([insert(11), insert(13), insert(17)]);
      const [row] = rowsOf<{ kept: number; summed: number }>(
        await t.db.execute(sql`
        select f.session_minutes::int as kept,
          (select sum(duration_minutes)::int from mentoring_sessions where cooperative_id = ${coop!.id}) as summed
        from cooperative_figures f where f.cooperative_id = ${coop!.id}`),
      );
      expect(row!.kept).toBe(row!.summed);
    },
  );
});
