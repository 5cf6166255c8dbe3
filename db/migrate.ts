import path from "node:path";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Database, Driver } from "./index";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export async function runMigrations(db: Database, driver: Driver): Promise<void> {
  if (driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
}
