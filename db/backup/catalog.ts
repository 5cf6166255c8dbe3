import { sql } from "drizzle-orm";
import { rowsOf, type Executor } from "../index";

/**
 * What the backup reads from PostgreSQL's own catalog, so that a table, column or sequence added
 * by a later migration is backed up without touching this code. Only the app's schema (public)
 * is copied; drizzle's migration journal is rebuilt by running the migrations.
 */

export type Column = { name: string; type: string };
export type TableInfo = { name: string; columns: Column[]; primaryKey: string[] };
export type ForeignKey = { name: string; table: string; references: string; definition: string };
export type SequenceState = { name: string; last_value: string; is_called: boolean };
export type AppliedMigration = { hash: string; created_at: number };

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function select<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** Base tables of public with their stored columns (generated columns are recomputed on load). */
export async function listTables(db: Executor): Promise<TableInfo[]> {
  const columns = await select<{ table: string; column: string; type: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column",
          format_type(a.atttypid, null) as "type"
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
          and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const keys = await select<{ table: string; column: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column"
        from pg_index i
        join pg_class c on c.oid = i.indrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
        where i.indisprimary and n.nspname = 'public'
        order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const tables = new Map<string, TableInfo>();
  for (const row of columns) {
    const table = tables.get(row.table) ?? { name: row.table, columns: [], primaryKey: [] };
    table.columns.push({ name: row.column, type: row.type });
    tables.set(row.table, table);
  }
  for (const row of keys) tables.get(row.table)?.primaryKey.push(row.column);
  return [...tables.values()];
}

export async function listForeignKeys(db: Executor): Promise<ForeignKey[]> {
  return select<ForeignKey>(
    db,
    sql`select con.conname as "name", src.relname as "table", dst.relname as "references",
          pg_get_constraintdef(con.oid) as "definition"
        from pg_constraint con
        join pg_class src on src.oid = con.conrelid
        join pg_class dst on dst.oid = con.confrelid
        join pg_namespace n on n.oid = src.relnamespace
        where con.contype = 'f' and n.nspname = 'public'
        order by src.relname, con.conname`,
  );
}

export async function listSequences(db: Executor): Promise<SequenceState[]> {
  const names = await select<{ name: string }>(
    db,
    sql`select c.relname as "name" from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  const states: SequenceState[] = [];
  for (const { name } of names) {
    const [state] = await select<{ last_value: string; is_called: boolean }>(
      db,
      sql.raw(`select last_value::text as last_value, is_called from public.${quoteIdent(name)}`),
    );
    if (state) states.push({ name, last_value: state.last_value, is_called: state.is_called });
  }
  return states;
}

export async function appliedMigrations(db: Executor): Promise<AppliedMigration[]> {
  const [journal] = await select<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "present"`,
  );
  if (!journal?.present) return [];
  const rows = await select<{ hash: string; created_at: string }>(
    db,
    sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations
        order by created_at, id`,
  );
  return rows.map((row) => ({ hash: row.hash, created_at: Number(row.created_at) }));
}

/** The tables of public holding at least one row. */
export async function tablesWithRows(db: Executor): Promise<string[]> {
  const found: string[] = [];
  for (const table of await listTables(db)) {
    const [row] = await select<{ any: boolean }>(
      db,
      sql.raw(`select exists (select 1 from public.${quoteIdent(table.name)}) as "any"`),
    );
    if (row?.any) found.push(table.name);
  }
  return found;
}

/**
 * Tables ordered so that every table comes after the ones it references; a self-reference or a
 * cycle cannot be ordered, and the tables caught in one keep their name order.
 */
export function foreignKeyOrder(tables: string[], keys: ForeignKey[]): string[] {
  const pending = new Set(tables);
  const ordered: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(
      (table) =>
        !keys.some(
          (key) => key.table === table && key.references !== table && pending.has(key.references),
        ),
    );
    const next = ready.length > 0 ? ready : [...pending];
    for (const table of next.sort()) {
      ordered.push(table);
      pending.delete(table);
    }
  }
  return ordered;
}
