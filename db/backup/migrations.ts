import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles, type MigrationMeta } from "drizzle-orm/migrator";
import type { Executor } from "../index";
import { migrationsFolder } from "../migrate";
import type { AppliedMigration } from "./catalog";

export type LocalMigration = MigrationMeta & { tag: string };

/** The migrations this version of the app ships, in order, with their journal tags. */
export function localMigrations(folder = migrationsFolder): LocalMigration[] {
  const journal = JSON.parse(
    fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8"),
  ) as { entries: { tag: string; when: number }[] };
  const tags = new Map(journal.entries.map((entry) => [entry.when, entry.tag]));
  return readMigrationFiles({ migrationsFolder: folder }).map((migration) => ({
    ...migration,
    tag: tags.get(migration.folderMillis) ?? String(migration.folderMillis),
  }));
}

/**
 * Applies migrations inside the caller's transaction, recording them in drizzle's journal exactly
 * as drizzle's migrator does (same table, hash and created_at), so later starts of the app see
 * them as applied. drizzle's own migrator opens a transaction of its own, which would let a failed
 * restore leave a migrated database behind.
 */
export async function applyMigrations(tx: Executor, migrations: LocalMigration[]): Promise<void> {
  await tx.execute(sql`create schema if not exists "drizzle"`);
  await tx.execute(
    sql`create table if not exists "drizzle"."__drizzle_migrations" (
      id serial primary key, hash text not null, created_at bigint)`,
  );
  for (const migration of migrations) {
    for (const statement of migration.sql) await tx.execute(sql.raw(statement));
    await tx.execute(
      sql`insert into "drizzle"."__drizzle_migrations" ("hash", "created_at")
          values (${migration.hash}, ${migration.folderMillis})`,
    );
  }
}

/**
 * Which local migrations bring a database from `applied` to the backup's schema (`before`), and
 * which come after it (`after`, applied once the rows are in). Migrations are matched on
 * created_at, as drizzle's migrator does.
 */
export function planMigrations(
  local: LocalMigration[],
  backup: AppliedMigration[],
  applied: AppliedMigration[],
): { before: LocalMigration[]; after: LocalMigration[] } {
  const known = new Set(local.map((m) => m.folderMillis));
  const unknown = backup.find((m) => !known.has(m.created_at));
  if (unknown) {
    throw new Error(
      `The backup was made by a newer version of Hadina (migration ${unknown.created_at} is not in db/migrations): update the app before restoring it.`,
    );
  }
  const inBackup = new Set(backup.map((m) => m.created_at));
  const prefix = local.slice(0, backup.length);
  if (prefix.some((m) => !inBackup.has(m.folderMillis))) {
    throw new Error(
      "The backup's migrations are not the first migrations of this version of Hadina: it cannot be restored here.",
    );
  }
  const alreadyApplied = applied.map((m) => m.created_at);
  if (
    alreadyApplied.length > backup.length ||
    alreadyApplied.some((millis, index) => prefix[index]?.folderMillis !== millis)
  ) {
    throw new Error(
      "The target database has a newer or different schema than the backup: restore into a new, blank database.",
    );
  }
  return { before: prefix.slice(alreadyApplied.length), after: local.slice(backup.length) };
}
