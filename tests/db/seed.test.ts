import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db";
import { disbursedWithin, jobsAsOf } from "@/db/queries/metrics";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@/db/seed/demo";
import { seedReference } from "@/db/seed/reference";
import { ROLES } from "@/db/schema";
import { costPerJob } from "@/lib/metrics";
import { authenticate } from "@/lib/sign-in";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const TODAY = "2026-11-29";
let t: TestDatabase;

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await t.db.execute(query));
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReference(t.db);
  await seedDemo(t.db, { today: TODAY });
});

afterAll(async () => {
  await t?.close();
});

describe("demo seed", () => {
  it("has the reference data of DOMAIN.md", async () => {
    const [counts] = await rows<Record<string, number>>(sql`select
      (select count(*)::int from provinces) as provinces,
      (select count(*)::int from programs) as programs,
      (select count(*)::int from milestone_templates) as templates`);
    expect(counts).toEqual({ provinces: 9, programs: 10, templates: 19 });
    const keys = await rows<{ key: string }>(sql`select key from provinces order by key`);
    expect(keys.map((r) => r.key)).toEqual([
      "boulemane",
      "el_hajeb",
      "fes",
      "ifrane",
      "meknes",
      "moulay_yacoub",
      "sefrou",
      "taounate",
      "taza",
    ]);
  });

  it("gives every role a demo account that signs in with the demo password", async () => {
    expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual([...ROLES].sort());
    for (const account of DEMO_ACCOUNTS) {
      const user = await authenticate(t.db, { email: account.email, password: DEMO_PASSWORD });
      expect(user?.role).toBe(account.role);
    }
  });

  it("has about 120 cooperatives over the 9 provinces, agriculture first then handicraft", async () => {
    const bySector = await rows<{ sector: string; n: number }>(
      sql`select sector, count(*)::int as n from cooperatives group by sector order by n desc`,
    );
    const total = bySector.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(100);
    expect(total).toBeLessThanOrEqual(140);
    expect(bySector.slice(0, 2).map((r) => r.sector)).toEqual(["agriculture", "handicraft"]);
    const [provinces] = await rows<{ n: number }>(
      sql`select count(distinct province)::int as n from cooperatives`,
    );
    expect(provinces!.n).toBe(9);
  });

  it("keeps the invariants of DOMAIN.md", async () => {
    const violations = await rows<{ rule: string; n: number }>(sql`
      select 'members' as rule, count(*)::int as n from cooperatives
        where members_women > members_total or members_youth > members_total
      union all select 'phone', count(*)::int from cooperatives where phone !~ '^0[5-7][0-9]{8}$'
      union all select 'baseline', count(*)::int from (
        select cooperative_id from jobs_snapshots where kind = 'baseline' group by 1 having count(*) > 1) b
      union all select 'jobs', count(*)::int from jobs_snapshots where jobs_women > jobs_total or jobs_youth > jobs_total
      union all select 'overdisbursed', count(*)::int from funding_awards a
        where (select coalesce(sum(amount_mad), 0) from disbursements d where d.award_id = a.id) > a.amount_mad
      union all select 'duration', count(*)::int from mentoring_sessions where duration_minutes not between 1 and 720
      union all select 'future session', count(*)::int from mentoring_sessions where held_on > ${TODAY}
      union all select 'future disbursement', count(*)::int from disbursements where disbursed_on > ${TODAY}
      union all select 'stage history', count(*)::int from cooperatives c
        where c.stage <> (select s.to_stage from stage_changes s where s.cooperative_id = c.id
                          order by s.changed_on desc, s.id desc limit 1)
      union all select 'done without date', count(*)::int from milestones where status = 'done' and completed_on is null
      union all select 'unassigned session', count(*)::int from mentoring_sessions s
        where not exists (select 1 from mentor_assignments m
                          where m.mentor_id = s.mentor_id and m.cooperative_id = s.cooperative_id)
    `);
    expect(violations.filter((v) => v.n > 0)).toEqual([]);
  });

  it("assigns the demo mentor to some cooperatives, not all", async () => {
    const [row] = await rows<{ mine: number; all: number }>(sql`
      select
        (select count(distinct cooperative_id)::int from mentor_assignments m
          join users u on u.id = m.mentor_id where u.email = 'mentor@hadina.test') as mine,
        (select count(*)::int from cooperatives) as all`);
    expect(row!.mine).toBeGreaterThan(0);
    expect(row!.mine).toBeLessThan(row!.all);
  });

  it("lands the cost per job created in the range of comparable programmes", async () => {
    const jobs = await jobsAsOf(t.db, { to: TODAY });
    const { supportCentimes } = await disbursedWithin(t.db, { to: TODAY });
    expect(jobs.created).toBeGreaterThan(0);
    const cost = costPerJob(supportCentimes, jobs.created)!;
    expect(cost).toBeGreaterThanOrEqual(5_000);
    expect(cost).toBeLessThanOrEqual(80_000);
  });

  it("is deterministic for a given today", async () => {
    const other = await createTestDatabase();
    try {
      await seedReference(other.db);
      await seedDemo(other.db, { today: TODAY });
      const dump = async (db: TestDatabase["db"]) =>
        JSON.stringify(
          rowsOf(
            await db.execute(sql`select
              (select json_agg(c order by c.id) from (select id, name, name_latin, province, sector, stage, cohort_id,
                 members_total, phone from cooperatives) c) as cooperatives,
              (select json_agg(j order by j.id) from (select id, cooperative_id, kind, as_of, jobs_total, jobs_women
                 from jobs_snapshots) j) as jobs,
              (select json_agg(d order by d.id) from (select id, award_id, amount_mad, disbursed_on
                 from disbursements) d) as disbursements`),
          ),
        );
      expect(await dump(other.db)).toBe(await dump(t.db));
    } finally {
      await other.close();
    }
  });
});
