import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Executor } from "@/db";
import { cachedFigures, clearFigureCache } from "@/db/queries/figure-cache";
import {
  cohorts,
  cooperatives,
  disbursements,
  jobsSnapshots,
  mentoringSessions,
  programs,
  stageChanges,
} from "@/db/schema";
import { impactSummary, type MetricFilters } from "@/lib/metrics";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { buildImpactFixture } from "./impact-fixture";

/**
 * The figure cache (db/queries/figure-cache.ts, migration 0008) may only ever answer what a fresh
 * computation would: every write to a table figures read must make the next read recompute.
 */
let t: TestDatabase;
let id: Record<string, number> = {};
let user: Record<string, number> = {};
const filters: MetricFilters = { to: "2026-06-30" };

beforeAll(async () => {
  t = await createTestDatabase();
  ({ id, user } = await buildImpactFixture(t.db));
});

afterAll(async () => {
  await t?.close();
});

afterEach(() => {
  delete process.env.HADINA_FIGURE_CACHE;
});

/** A figure that reads the tables, and counts how often it was computed. */
function counted() {
  const counter = { calls: 0 };
  const compute = async (db: Executor) => {
    counter.calls += 1;
    const [row] = rowsOf<Record<string, string>>(
      await db.execute(sql`select
        (select count(*) from mentoring_sessions)::text as sessions,
        (select coalesce(sum(jobs_total), 0) from jobs_snapshots)::text as jobs,
        (select string_agg(name, ',' order by id) from cooperatives)::text as names,
        (select count(*) from milestones)::text as milestones,
        (select string_agg(name_en, ',' order by id) from programs)::text as programs,
        (select count(*) from disbursements)::text as disbursements`),
    );
    return row!;
  };
  return { counter, compute };
}

async function entries() {
  return rowsOf<{ name: string; n: number }>(
    await t.db.execute(
      sql`select name, count(*)::int as n from figure_cache.entries group by name order by name`,
    ),
  );
}

describe("figure cache", () => {
  it("computes once, then answers from the entry while nothing changes", async () => {
    const { counter, compute } = counted();
    const first = await cachedFigures(t.db, "probe", { a: 1 }, compute);
    const second = await cachedFigures(t.db, "probe", { a: 1 }, compute);
    expect(second).toEqual(first);
    expect(counter.calls).toBe(1);
    // Another key is another entry.
    await cachedFigures(t.db, "probe", { a: 2 }, compute);
    expect(counter.calls).toBe(2);
    expect(await entries()).toEqual([{ name: "probe", n: 2 }]);
  });

  const writes: [string, () => Promise<unknown>][] = [
    [
      "a session logged",
      () =>
        t.db.insert(mentoringSessions).values({
          cooperativeId: id.A!,
          mentorId: user.mentor!,
          heldOn: "2026-03-03",
          durationMinutes: 30,
          mode: "in_person",
        }),
    ],
    [
      "a jobs snapshot corrected",
      () =>
        t.db
          .update(jobsSnapshots)
          .set({ jobsTotal: sql`${jobsSnapshots.jobsTotal} + 1` })
          .where(eq(jobsSnapshots.cooperativeId, id.A!)),
    ],
    [
      "a cooperative renamed",
      () => t.db.update(cooperatives).set({ name: "A renamed" }).where(eq(cooperatives.id, id.A!)),
    ],
    ["a stage change deleted", () => t.db.delete(stageChanges).where(sql`true`)],
    [
      "a programme renamed",
      () =>
        t.db
          .update(programs)
          .set({ nameEn: sql`name_en || '!'` })
          .where(sql`true`),
    ],
    [
      "a cohort edited",
      () =>
        t.db
          .update(cohorts)
          .set({ name: sql`name || '!'` })
          .where(sql`true`),
    ],
    ["a disbursement deleted", () => t.db.delete(disbursements).where(sql`status = 'planned'`)],
    ["a table truncated", () => t.db.execute(sql`truncate milestones cascade`)],
  ];

  it.each(writes)(
    "recomputes after %s, and answers what a fresh computation gives",
    async (what, write) => {
      const { counter, compute } = counted();
      await cachedFigures(t.db, "probe", { what }, compute);
      await cachedFigures(t.db, "probe", { what }, compute);
      expect(counter.calls).toBe(1);
      await write();
      const after = await cachedFigures(t.db, "probe", { what }, compute);
      expect(counter.calls).toBe(2);
      expect(after).toEqual(await compute(t.db));
    },
  );

  it("does not move for a write that changes no figure's table, a no-op or a rolled back one", async () => {
    const { counter, compute } = counted();
    await cachedFigures(t.db, "probe", { r: 1 }, compute);
    await t.db.execute(sql`update users set name = name || '.'`);
    await t.db.execute(sql`update cooperatives set name = 'nobody' where id = -1`);
    await t.db.execute(sql`delete from milestones where id = -1`);
    await t.db.execute(sql`update cooperatives set name = name`);
    await t.db
      .transaction(async (tx) => {
        await tx.update(cooperatives).set({ name: "never" }).where(eq(cooperatives.id, id.A!));
        throw new Error("rolled back");
      })
      .catch(() => {});
    await cachedFigures(t.db, "probe", { r: 1 }, compute);
    expect(counter.calls).toBe(1);
  });

  it("computes without keeping inside an enclosing transaction, or when switched off", async () => {
    const { counter, compute } = counted();
    await t.db.transaction(async (tx) => {
      await cachedFigures(tx, "inside", {}, compute);
      await cachedFigures(tx, "inside", {}, compute);
    });
    process.env.HADINA_FIGURE_CACHE = "off";
    await cachedFigures(t.db, "off", {}, compute);
    await cachedFigures(t.db, "off", {}, compute);
    expect(counter.calls).toBe(4);
    expect((await entries()).map((e) => e.name)).not.toContain("inside");
    expect((await entries()).map((e) => e.name)).not.toContain("off");
  });

  it("the impact summary kept equals the summary computed afresh, before and after a write", async () => {
    const fresh = async () => {
      process.env.HADINA_FIGURE_CACHE = "off";
      try {
        return await impactSummary(t.db, filters);
      } finally {
        delete process.env.HADINA_FIGURE_CACHE;
      }
    };
    expect(await impactSummary(t.db, filters)).toEqual(await fresh());
    const before = await impactSummary(t.db, filters);
    await t.db.insert(jobsSnapshots).values({
      cooperativeId: id.C!,
      kind: "baseline",
      asOf: "2026-01-10",
      jobsTotal: 1,
      jobsWomen: 1,
      jobsYouth: 0,
      source: "test",
    });
    const after = await impactSummary(t.db, filters);
    expect(after).toEqual(await fresh());
    expect(after.jobs.created).not.toBe(before.jobs.created);
  });

  it("clearFigureCache forgets the entries (at start and after a restore)", async () => {
    await cachedFigures(t.db, "probe", { c: 1 }, counted().compute);
    await clearFigureCache(t.db, 7);
    expect((await entries()).length).toBeGreaterThan(0);
    await clearFigureCache(t.db);
    expect(await entries()).toEqual([]);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("figure cache under concurrent writes", () => {
  it("a writing transaction takes its counter's lock only as it commits (no deadlock with it)", async () => {
    const database = rowsOf<{ db: string }>(
      await t.db.execute(sql`select current_database() as db`),
    )[0]!.db;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${database}`;
    const other = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await t.db.transaction(async (tx) => {
        await tx.insert(mentoringSessions).values({
          cooperativeId: id.A!,
          mentorId: user.mentor!,
          heldOn: "2026-03-04",
          durationMinutes: 15,
          mode: "in_person",
        });
        // Every counter row is still free while the writer is open: another transaction can lock
        // them all without waiting.
        const locked = await other.begin(async (sql) => {
          const rows = await sql`select shard from figure_cache.data_versions for update nowait`;
          return rows.length;
        });
        expect(locked).toBe(16);
      });
      const pending = await other`select count(*)::int as n from figure_cache.pending`;
      expect(pending[0]!.n).toBe(0);
    } finally {
      await other.end({ timeout: 5 });
    }
  });

  it("a write committed while a figure is computed is never hidden by the entry kept", async () => {
    // The entry computed from the old snapshot is kept under the old counters' sum, so the first
    // read after the write recomputes: it must see the new session.
    {
      const database = rowsOf<{ db: string }>(
        await t.db.execute(sql`select current_database() as db`),
      )[0]!.db;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${database}`;
      const writer = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const count = (db: Executor) =>
        db
          .execute(sql`select count(*)::int as n from mentoring_sessions`)
          .then((r) => rowsOf<{ n: number }>(r)[0]!.n);
      try {
        const during = await cachedFigures(t.db, "race", {}, async (tx) => {
          const seen = await count(tx);
          await writer`insert into mentoring_sessions (cooperative_id, mentor_id, held_on, duration_minutes, mode)
            values (${id.A!}, ${user.mentor!}, '2026-04-01', 20, 'in_person')`;
          // Still the snapshot the computation started from.
          expect(await count(tx)).toBe(seen);
          return seen;
        });
        const after = await cachedFigures(t.db, "race", {}, count);
        expect(after).toBe(during + 1);
      } finally {
        await writer.end({ timeout: 5 });
      }
    }
  });
});
