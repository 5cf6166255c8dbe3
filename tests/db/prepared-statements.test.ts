import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { afterEach, describe, expect, it } from "vitest";
import { postgresClient, rowsOf, type Database } from "@/db";

/**
 * db/index.ts postgresClient: drizzle's queries outside a transaction are prepared once per
 * connection (one round trip each after the first), unless DATABASE_PREPARE=off, and planned as
 * PostgreSQL plans prepared statements by default (`plan_cache_mode = auto`: for their values at
 * first, then a generic plan where it costs no more).
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("the app's PostgreSQL client", () => {
  const saved = process.env.DATABASE_PREPARE;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_PREPARE;
    else process.env.DATABASE_PREPARE = saved;
  });

  /**
   * Runs one query `times` times (a value each) on a one-connection client; returns what its
   * session holds.
   */
  async function afterQueries(times: number) {
    const client = await postgresClient(process.env.TEST_DATABASE_URL!, 1);
    try {
      const db = drizzle(client) as unknown as Database;
      for (let i = 0; i < times; i++)
        await db.execute(sql`select ${i}::int as hadina_prepared_probe`);
      const [statement] = rowsOf<{ generic: number; custom: number }>(
        await db.execute(
          sql`select generic_plans::int as generic, custom_plans::int as custom
                from pg_prepared_statements
               where statement like ${"%$1::int as hadina_prepared_probe%"}`,
        ),
      );
      const [mode] = rowsOf<{ plan_cache_mode: string }>(
        await db.execute(sql`show plan_cache_mode`),
      );
      return { statement, mode: mode!.plan_cache_mode };
    } finally {
      await client.end({ timeout: 5 });
    }
  }

  it("prepares a query once and reuses it, its plan too once five executions show it fits", async () => {
    delete process.env.DATABASE_PREPARE;
    const { statement, mode } = await afterQueries(8);
    expect(mode).toBe("auto");
    // Five plans for their values, then the generic plan for the rest.
    expect(statement).toEqual({ custom: 5, generic: 3 });
  });

  it("sends queries unprepared with DATABASE_PREPARE=off", async () => {
    process.env.DATABASE_PREPARE = "off";
    const { statement } = await afterQueries(2);
    expect(statement).toBeUndefined();
  });
});
