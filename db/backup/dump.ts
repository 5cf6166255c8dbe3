import { once } from "node:events";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { rowsOf, type Database, type Driver, type Transaction } from "../index";
import {
  appliedMigrations,
  foreignKeyOrder,
  listForeignKeys,
  listSequences,
  listTables,
  quoteIdent,
  type TableInfo,
} from "./catalog";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupEnd,
  type BackupHeader,
  type TableEnd,
  type TableStart,
} from "./format";

export type BackupSummary = { tables: number; rows: number; migrations: number };

/** Text forms that read back to the same value whatever the server's or client's settings. */
const STABLE_OUTPUT = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  "set local extra_float_digits = 3",
  "set local bytea_output = 'hex'",
];

/** Rows fetched per round trip: as many as fit in about this many characters (attachments are large). */
const FETCH_CHARS = 8 * 1024 * 1024;
const MAX_FETCH = 1000;

type Put = (line: string) => Promise<void>;

async function dumpTable(tx: Transaction, table: TableInfo, put: Put): Promise<number> {
  const columns = table.columns.map((column) => column.name);
  const start: TableStart = { table: table.name, columns };
  await put(JSON.stringify(start));
  const values = columns.map((name) => `${quoteIdent(name)}::text`).join(", ");
  const order = table.primaryKey.length
    ? ` order by ${table.primaryKey.map(quoteIdent).join(", ")}`
    : "";
  await tx.execute(
    sql.raw(
      `declare hadina_backup no scroll cursor for select ` +
        `to_json(array[${values}]::text[])::text as r from public.${quoteIdent(table.name)}${order}`,
    ),
  );
  let rows = 0;
  let fetch = MAX_FETCH;
  for (;;) {
    const batch = rowsOf<{ r: string }>(
      await tx.execute(sql.raw(`fetch forward ${fetch} from hadina_backup`)),
    );
    let chars = 0;
    for (const { r } of batch) {
      chars += r.length;
      await put(r);
    }
    rows += batch.length;
    if (batch.length < fetch) break;
    fetch = Math.max(1, Math.min(MAX_FETCH, Math.floor((batch.length * FETCH_CHARS) / chars)));
  }
  await tx.execute(sql.raw("close hadina_backup"));
  const end: TableEnd = { end: table.name, rows };
  await put(JSON.stringify(end));
  return rows;
}

/**
 * Writes every table of the database, as one consistent snapshot (a read-only REPEATABLE READ
 * transaction), through `put`, one line at a time.
 */
export async function dumpDatabase(db: Database, driver: Driver, put: Put): Promise<BackupSummary> {
  return db.transaction(
    async (tx) => {
      for (const statement of STABLE_OUTPUT) await tx.execute(sql.raw(statement));
      const tables = await listTables(tx);
      const order = foreignKeyOrder(
        tables.map((table) => table.name),
        await listForeignKeys(tx),
      );
      const migrations = await appliedMigrations(tx);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        created_at: new Date().toISOString(),
        driver,
        migrations,
        tables: order,
        sequences: await listSequences(tx),
      };
      await put(JSON.stringify(header));
      let rows = 0;
      for (const name of order) {
        rows += await dumpTable(
          tx,
          tables.find((table) => table.name === name)!,
          put,
        );
      }
      const end: BackupEnd = { complete: true, tables: order.length, rows };
      await put(JSON.stringify(end));
      return { tables: order.length, rows, migrations: migrations.length };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

const CHUNK_CHARS = 64 * 1024;

/** The backup, gzip'd, into `output` (a file, a response body), respecting its back-pressure. */
export async function writeBackup(
  db: Database,
  driver: Driver,
  output: Writable,
): Promise<BackupSummary> {
  const gzip = createGzip();
  const done = pipeline(gzip, output);
  done.catch(() => {});
  let pending = "";
  const flush = async () => {
    const chunk = pending;
    pending = "";
    if (!gzip.write(chunk)) await once(gzip, "drain");
  };
  try {
    const summary = await dumpDatabase(db, driver, async (line) => {
      pending += line + "\n";
      if (pending.length >= CHUNK_CHARS) await flush();
    });
    if (pending) await flush();
    gzip.end();
    await done;
    return summary;
  } catch (error) {
    gzip.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  }
}
