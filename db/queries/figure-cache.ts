import "server-only";
import { sql } from "drizzle-orm";
import type { Database, Executor } from "../index";
import { rowsOf } from "../index";

/**
 * Figures computed once and kept until the data changes (migration 0008, schema figure_cache).
 *
 * Every statement writing a table that figures read bumps a counter in the same transaction
 * (statement triggers); the counters only grow. A read runs in one REPEATABLE READ snapshot: it
 * reads the counters' sum, and either finds an entry computed at exactly that sum, or computes the
 * figures in that same snapshot and keeps them under it. Snapshots with equal sums saw the same
 * committed writes, so an entry is exact for every reader that finds it: never stale, whatever
 * instance computed it. Nothing is kept in process memory.
 *
 * Only for figures over every cooperative (a mentor's scope is a per-viewer condition: computed
 * each time), and only outside a transaction (an enclosing one fixes its own snapshot).
 */
export async function cachedFigures<T>(
  db: Executor,
  name: string,
  key: unknown,
  compute: (db: Executor) => Promise<T>,
): Promise<T> {
  if (inTransaction(db) || process.env.HADINA_FIGURE_CACHE === "off") return compute(db);
  const keyText = JSON.stringify(key);
  const found = await (db as Database).transaction(
    async (tx) => {
      const [row] = rowsOf<{ version: string; payload: T | null }>(
        await tx.execute(sql`
          select v.version::text as version, e.payload
          from (select sum(version) as version from figure_cache.data_versions) v
          left join figure_cache.entries e
            on e.name = ${name} and e.key = ${keyText} and e.version = v.version
        `),
      );
      if (!row) throw new Error("figure_cache.data_versions is empty");
      if (row.payload !== null && row.payload !== undefined)
        return { value: row.payload, version: row.version, hit: true };
      return { value: await compute(tx), version: row.version, hit: false };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  if (!found.hit) await keep(db as Database, name, keyText, found.version, found.value);
  return found.value;
}

/**
 * A transaction's executor has `rollback`; the database has not. (Not `instanceof PgTransaction`:
 * the production build may bundle more than one copy of drizzle's classes.)
 */
function inTransaction(db: Executor): boolean {
  return typeof (db as { rollback?: unknown }).rollback === "function";
}

/** Keeps an entry unless a newer one is there; a failure to keep costs only the next reader's time. */
async function keep(db: Database, name: string, key: string, version: string, value: unknown) {
  try {
    await db.execute(sql`
      insert into figure_cache.entries as e (name, key, version, payload)
      values (${name}, ${key}, ${version}, ${JSON.stringify(value)}::jsonb)
      on conflict (name, key) do update
        set version = excluded.version, payload = excluded.payload, computed_at = now()
        where e.version < excluded.version
    `);
    await clearFigureCache(db, 7);
  } catch (error) {
    console.warn(`figure cache: could not keep ${name}:`, error);
  }
}

/**
 * Forgets every entry: at start (a new build may compute figures differently), after a restore,
 * and for entries not recomputed for a week (other dates, filters nobody asks for any more).
 */
export async function clearFigureCache(db: Executor, olderThanDays?: number): Promise<void> {
  await db.execute(
    olderThanDays === undefined
      ? sql`delete from figure_cache.entries`
      : sql`delete from figure_cache.entries
            where computed_at < now() - make_interval(days => ${olderThanDays})`,
  );
}
