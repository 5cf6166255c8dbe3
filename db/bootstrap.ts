import { count } from "drizzle-orm";
import { closeDb, getDb, getDriver, type Driver } from "./index";
import { runMigrations } from "./migrate";
import { clearFigureCache } from "./queries/figure-cache";
import { users } from "./schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "./seed/demo";
import { seedReference } from "./seed/reference";

export type PrepareResult = { driver: Driver; seeded: boolean };

/**
 * Applies pending migrations and the reference data on any database, then seeds the demo data
 * into an empty database when asked to (always on the embedded one, on PostgreSQL only with SEED_DEMO).
 */
export async function prepareDatabase(options: {
  seedDemo: "if-embedded" | "if-empty";
  today: string;
  log?: (line: string) => void;
}): Promise<PrepareResult> {
  const log = options.log ?? console.log;
  try {
    const db = await getDb();
    const driver = await getDriver();
    await runMigrations(db, driver);
    await seedReference(db);
    // A new build may compute a figure differently: figures kept by the last one are dropped.
    await clearFigureCache(db);
    const wantsDemo = options.seedDemo === "if-empty" || driver === "pglite";
    const [row] = await db.select({ n: count() }).from(users);
    if (!wantsDemo || (row?.n ?? 0) > 0) return { driver, seeded: false };
    const started = Date.now();
    await seedDemo(db, { today: options.today });
    log(
      `Demo data seeded for ${options.today} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) log(`  ${account.role.padEnd(9)} ${account.email}`);
    return { driver, seeded: true };
  } finally {
    await closeDb();
  }
}
