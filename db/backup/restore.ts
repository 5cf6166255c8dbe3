import type { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { rowsOf, type Database, type Transaction } from "../index";
import {
  appliedMigrations,
  listForeignKeys,
  listTables,
  quoteIdent,
  tablesWithRows,
  type TableInfo,
} from "./catalog";
import { BackupFileError, type BackupHeader } from "./format";
import {
  applyMigrations,
  localMigrations,
  planMigrations,
  type LocalMigration,
} from "./migrations";
import { openBackup, type BackupReader } from "./reader";
import { clearFigureCache } from "../queries/figure-cache";

export type RestoreSummary = { tables: number; rows: number; schema: string | null };

export class TargetNotEmptyError extends Error {
  override name = "TargetNotEmptyError";
  constructor(readonly tables: string[]) {
    super(
      `The target database is not empty (rows in ${tables.join(", ")}): nothing was restored. ` +
        `Restore into a new, empty database.`,
    );
  }
}

/** A foreign key whose table is loaded before (or with) the table it references is re-added after. */
async function deferForeignKeys(tx: Transaction, order: string[]) {
  const keys = (await listForeignKeys(tx)).filter(
    (key) => order.indexOf(key.references) >= order.indexOf(key.table),
  );
  for (const key of keys) {
    await tx.execute(
      sql.raw(
        `alter table public.${quoteIdent(key.table)} drop constraint ${quoteIdent(key.name)}`,
      ),
    );
  }
  return async () => {
    for (const key of keys) {
      await tx.execute(
        sql.raw(
          `alter table public.${quoteIdent(key.table)} add constraint ${quoteIdent(key.name)} ${key.definition}`,
        ),
      );
    }
  };
}

/**
 * User triggers (figures kept up to date from other tables, for instance) stay off while the rows
 * go in: the backup holds what they had written, and firing them again would write it twice.
 */
async function pauseTriggers(tx: Transaction) {
  const triggers = rowsOf<{ table: string; name: string }>(
    await tx.execute(sql`select c.relname as "table", t.tgname as "name"
      from pg_trigger t
      join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and not t.tgisinternal and t.tgenabled <> 'D'
      order by 1, 2`),
  );
  const alter = async (verb: "disable" | "enable") => {
    for (const trigger of triggers) {
      await tx.execute(
        sql.raw(
          `alter table public.${quoteIdent(trigger.table)} ${verb} trigger ${quoteIdent(trigger.name)}`,
        ),
      );
    }
  };
  await alter("disable");
  return () => alter("enable");
}

const BATCH_CHARS = 4 * 1024 * 1024;
const BATCH_ROWS = 1000;

class TableLoader {
  private batch: string[] = [];
  private chars = 0;
  private readonly statement: (payload: string) => ReturnType<typeof sql>;

  constructor(
    private readonly tx: Transaction,
    readonly table: TableInfo,
    readonly columns: string[],
  ) {
    const types = new Map(table.columns.map((column) => [column.name, column.type]));
    const missing = columns.filter((column) => !types.has(column));
    if (missing.length > 0) {
      throw new BackupFileError(
        `The backup's table ${table.name} has columns the database lacks (${missing.join(", ")}).`,
      );
    }
    const names = columns.map(quoteIdent).join(", ");
    const values = columns.map((column, i) => `(r->>${i})::${types.get(column)}`).join(", ");
    const head = `insert into public.${quoteIdent(table.name)} (${names}) overriding system value select ${values} from json_array_elements(`;
    this.statement = (payload) => sql`${sql.raw(head)}${payload}::json) as e(r)`;
  }

  async add(line: string): Promise<void> {
    this.batch.push(line);
    this.chars += line.length;
    if (this.batch.length >= BATCH_ROWS || this.chars >= BATCH_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const payload = `[${this.batch.join(",")}]`;
    this.batch = [];
    this.chars = 0;
    try {
      await this.tx.execute(this.statement(payload));
    } catch (error) {
      throw new Error(`Loading table ${this.table.name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

async function loadRows(tx: Transaction, reader: BackupReader): Promise<number> {
  const { header } = reader;
  const tables = new Map((await listTables(tx)).map((table) => [table.name, table]));
  const missing = header.tables.filter((name) => !tables.has(name));
  if (missing.length > 0) {
    throw new BackupFileError(`The database has no table ${missing.join(", ")} to restore into.`);
  }
  const restoreKeys = await deferForeignKeys(tx, header.tables);
  const restoreTriggers = await pauseTriggers(tx);
  const total = await reader.sections((table, columns) => {
    const loader = new TableLoader(tx, tables.get(table)!, columns);
    return { add: (row) => loader.add(row), finish: () => loader.flush() };
  });
  await restoreTriggers();
  await restoreKeys();
  return total;
}

async function resetSequences(tx: Transaction, header: BackupHeader): Promise<void> {
  for (const sequence of header.sequences) {
    await tx.execute(
      sql`select setval(${`public.${quoteIdent(sequence.name)}`}::regclass, ${sequence.last_value}::bigint, ${sequence.is_called})`,
    );
  }
}

/**
 * Restores a backup into an empty database: checks it is empty (or only migrated) before writing
 * anything, then in one transaction runs the migrations up to the backup's schema, loads the rows
 * in foreign-key order with their ids, sets every sequence where it was, and runs the migrations
 * the backup predates. Any failure (a damaged file included) rolls everything back.
 */
export async function restoreBackup(db: Database, file: Readable): Promise<RestoreSummary> {
  const reader = await openBackup(file);
  try {
    const { header } = reader;
    const local = localMigrations();
    const occupied = await tablesWithRows(db);
    if (occupied.length > 0) throw new TargetNotEmptyError(occupied);
    const plan = planMigrations(local, header.migrations, await appliedMigrations(db));
    const rows = await db
      .transaction(async (tx) => {
        await applyMigrations(tx, plan.before);
        const loaded = await loadRows(tx, reader);
        await resetSequences(tx, header);
        await applyMigrations(tx, plan.after);
        // Figures kept for the database as it was before the restore describe other data.
        await clearFigureCache(tx);
        return loaded;
      })
      .catch(async (error: unknown) => {
        // A damaged gzip stream can decompress into wrong values before its checksum fails at
        // the end: when the database refuses a row, read the rest of the file, and say the file
        // is damaged if it is (the real cause), rather than the row's error.
        if (!(error instanceof BackupFileError)) await reader.drain();
        throw error;
      });
    const schema: LocalMigration | undefined = local[header.migrations.length - 1];
    return { tables: header.tables.length, rows, schema: schema?.tag ?? null };
  } finally {
    await reader.close();
  }
}
