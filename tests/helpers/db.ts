import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { openPglite, postgresClient, type Database, type Driver } from "@/db";
import { runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";

export type TestDatabase = { db: Database; driver: Driver; close: () => Promise<void> };

/**
 * A migrated, empty database of its own: PGlite in memory by default, or a fresh PostgreSQL
 * database (created here, dropped on close) when TEST_DATABASE_URL is set.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const connection = await openPglite();
    await runMigrations(connection.db, "pglite");
    return connection;
  }
  const name = `hadina_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = await postgresClient(target.toString(), 5);
  const db = drizzle(client, { schema }) as unknown as Database;
  await runMigrations(db, "postgres");
  return {
    db,
    driver: "postgres",
    close: async () => {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
