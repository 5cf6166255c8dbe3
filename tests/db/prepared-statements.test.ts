import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { afterEach, describe, expect, it } from "vitest";
import { postgresClient, rowsOf, type Database } from "@/db";

/**
 * db/index.ts postgresClient: drizzle's queries outside a transaction are prepared once per
 * connection (one round trip each after the first), unless DATABASE_PREPARE=off, and every
 * connection plans each execution for its own values.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("the app's PostgreSQL client", () => {
  const saved = process.env.DATABASE_PREPARE;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_PREPARE;
    else process.env.DATABASE_PREPARE = saved;
  });

  /** Runs one query twice (two values) on a one-connection client; returns what its session holds. */
  async function afterTwoQueries() {
    const client = await postgresClient(process.env.TEST_DATABASE_URL!, 1);
    try {
      const db = drizzle(client) as unknown as Database;
      for (let i = 0; i < 2; i++) await db.execute(sql`select ${i}::int as hadina_prepared_probe`);
      const prepared = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from pg_prepared_statements
               where statement like ${"%$1::int as hadina_prepared_probe%"}`,
        ),
      )[0]!.n;
      const [mode] = rowsOf<{ plan_cache_mode: string }>(
        await db.execute(sql`show plan_cache_mode`),
      );
      return { prepared, mode: mode!.plan_cache_mode };
    } finally {
      await client.end({ timeout: 5 });
    }
  }

  it("prepares a query once and reuses it, planning each execution for its values", async () => {
    delete process.env.DATABASE_PREPARE;
    const { prepared, mode } = await afterTwoQueries();
    expect(prepared).toBe(1);
    expect(mode).toBe("force_custom_plan");
  });

  it("sends queries unprepared with DATABASE_PREPARE=off", async () => {
    process.env.DATABASE_PREPARE = "off";
    const { prepared } = await afterTwoQueries();
    expect(prepared).toBe(0);
  });
});
