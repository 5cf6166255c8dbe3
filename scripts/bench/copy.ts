import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "postgres";
import { copyLine } from "./copy-format";
import type { TableLoad } from "./rows-core";

const LINES_PER_CHUNK = 5_000;

/**
 * Streams a table's rows into PostgreSQL with COPY … FROM STDIN and returns how many it sent.
 * Its secondary indexes are dropped first and rebuilt after (one sorted build instead of a
 * million random inserts), from their own definitions, even when the copy fails; and the
 * connection runs as a replica, so foreign keys, true by construction, are not looked up row by
 * row. Check constraints still apply to every row.
 */
export async function loadTable(client: Sql, load: TableLoad): Promise<number> {
  const conn = await client.reserve();
  try {
    await conn.unsafe("set session_replication_role = replica");
    await conn.unsafe("set maintenance_work_mem = '256MB'");
    const indexes = await conn.unsafe<{ name: string; definition: string }[]>(
      `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition
         from pg_index
        where indrelid = $1::regclass and not indisprimary
          and not exists (select 1 from pg_constraint c where c.conindid = indexrelid)`,
      [load.table],
    );
    for (const index of indexes) await conn.unsafe(`drop index ${index.name}`);
    try {
      return await copyRows(conn, load);
    } finally {
      for (const index of indexes) await conn.unsafe(index.definition);
    }
  } finally {
    conn.release();
  }
}

async function copyRows(conn: Sql, load: TableLoad): Promise<number> {
  let count = 0;
  function* chunks() {
    let lines: string[] = [];
    for (const row of load.rows()) {
      lines.push(copyLine(row));
      count++;
      if (lines.length === LINES_PER_CHUNK) {
        yield lines.join("");
        lines = [];
      }
    }
    if (lines.length > 0) yield lines.join("");
  }
  const sink = await conn
    .unsafe(`copy ${load.table} (${load.columns.join(", ")}) from stdin`)
    .writable();
  await pipeline(Readable.from(chunks()), sink);
  return count;
}
