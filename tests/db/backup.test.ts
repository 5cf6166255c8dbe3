import crypto from "node:crypto";
import { Readable, Writable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, rowsOf, type Database } from "@/db";
import { dumpDatabase, writeBackup } from "@/db/backup/dump";
import { BackupFileError } from "@/db/backup/format";
import { applyMigrations, localMigrations, planMigrations } from "@/db/backup/migrations";
import { restoreBackup, TargetNotEmptyError } from "@/db/backup/restore";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { seedReference } from "@/db/seed/reference";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const TODAY = "2026-11-29";
const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);
const open: TestDatabase[] = [];

/** A database with nothing in it, not even migrations (createTestDatabase migrates). */
async function createBlankDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const blank = await openPglite();
    open.push(blank);
    return blank;
  }
  const name = `hadina_backup_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const client = postgres(target.toString(), { max: 3, onnotice: () => {} });
  const blank: TestDatabase = {
    db: drizzle(client, { schema }) as unknown as Database,
    driver: "postgres",
    close: async () => {
      await client.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
  open.push(blank);
  return blank;
}

async function migratedDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  open.push(db);
  return db;
}

async function rows<T>(db: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

async function backupBytes(t: TestDatabase): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeBackup(t.db, t.driver, sink);
  return Buffer.concat(chunks);
}

const restore = (t: TestDatabase, bytes: Buffer) => restoreBackup(t.db, Readable.from([bytes]));

const tableNames = async (db: Database) =>
  (
    await rows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  ).map((r) => r.name);

/**
 * Every row of every table (as listed by information_schema, so a new table is covered) in
 * PostgreSQL's text form, in a stable order, and every sequence's state.
 */
async function contents(db: Database) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    await tx.execute(sql`set local bytea_output = 'hex'`);
    const tables: Record<string, string[]> = {};
    for (const name of await tableNames(tx as unknown as Database)) {
      const result = await rows<{ r: string }>(
        tx as unknown as Database,
        sql.raw(`select t::text as r from public."${name}" t order by 1`),
      );
      tables[name] = result.map((row) => row.r);
    }
    const sequences: Record<string, string> = {};
    const names = await rows<{ name: string }>(
      tx as unknown as Database,
      sql`select sequence_name as name from information_schema.sequences
          where sequence_schema = 'public' order by 1`,
    );
    for (const { name } of names) {
      const [state] = await rows<{ s: string }>(
        tx as unknown as Database,
        sql.raw(`select last_value::text || ' ' || is_called::text as s from public."${name}"`),
      );
      sequences[name] = state!.s;
    }
    return { tables, sequences };
  });
}

let source: TestDatabase;
let backup: Buffer;
const BLOB = crypto.randomBytes(1_500_000);

beforeAll(async () => {
  source = await migratedDatabase();
  await seedReference(source.db);
  await seedDemo(source.db, { today: TODAY });
  // Values the demo lacks: every byte value, a large file, exact numerics and microseconds,
  // json edge cases, an array with an odd element, and sequence numbers used without a row.
  const allBytes = Buffer.from(Array.from({ length: 1024 }, (_, i) => i % 256));
  await source.db.execute(sql`
    insert into attachments (milestone_id, filename, content_type, size_bytes, data, created_at)
    select min(id), 'نموذج "1".pdf', 'application/pdf', ${allBytes.length}::int, ${allBytes}::bytea,
      '2026-03-29 01:59:59.123456+00' from milestones
    union all
    select max(id), E'line\\nbreak.png', 'image/png', ${BLOB.length}::int, ${BLOB}::bytea, now() from milestones`);
  await source.db.execute(sql`
    insert into audit_log (action, entity, entity_id, before, after, ip) values
      ('test', 'database', null,
       ${String.raw`{"big": 12345678901234567890.5, "s": "\u2028\"'\\ حاضنة", "arr": [null, true, 1.10]}`}::jsonb,
       'null'::jsonb, null)`);
  await source.db.execute(sql`
    update cooperatives set share_capital_mad = 123456789012.01, address = E'tab\there, حا'
    where id = (select min(id) from cooperatives)`);
  await source.db.execute(sql`
    update mentoring_sessions set topics = '{quality,other,governance}', notes = null
    where id = (select id from mentoring_sessions order by id limit 1)`);
  await source.db.execute(
    sql`select nextval('login_attempts_id_seq'), nextval('login_attempts_id_seq')`,
  );
  backup = await backupBytes(source);
});

afterAll(async () => {
  for (const t of open.splice(0).reverse()) await t.close();
});

describe("planMigrations", () => {
  const local = ["a", "b", "c"].map((tag, i) => ({
    tag,
    folderMillis: 1000 + i,
    hash: tag,
    sql: [],
    bps: true,
  }));
  const applied = (...millis: number[]) => millis.map((m) => ({ hash: "", created_at: m }));

  it("runs the backup's migrations first and the newer ones after the rows", () => {
    const plan = planMigrations(local, applied(1000, 1001), []);
    expect(plan.before.map((m) => m.tag)).toEqual(["a", "b"]);
    expect(plan.after.map((m) => m.tag)).toEqual(["c"]);
  });

  it("skips the migrations the target already has", () => {
    const plan = planMigrations(local, applied(1000, 1001, 1002), applied(1000));
    expect(plan.before.map((m) => m.tag)).toEqual(["b", "c"]);
    expect(plan.after).toEqual([]);
  });

  it("refuses a backup from a newer version, and a target newer than the backup", () => {
    expect(() => planMigrations(local, applied(1000, 1003), [])).toThrow(/newer version of Hadina/);
    expect(() => planMigrations(local, applied(1000), applied(1000, 1001))).toThrow(
      /newer or different schema/,
    );
  });
});

describe("backup and restore", () => {
  it("writes a gzip'd JSON-lines file with the schema version, every table and a last line", () => {
    const lines = gunzipSync(backup).toString("utf8").trimEnd().split("\n");
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(header.format).toBe("hadina-backup");
    expect(header.version).toBe(1);
    expect((header.migrations as unknown[]).length).toBeGreaterThan(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ complete: true });
  });

  it("lists tables so that each comes after the tables it references", async () => {
    const header = JSON.parse(gunzipSync(backup).toString("utf8").split("\n")[0]!) as {
      tables: string[];
    };
    expect([...header.tables].sort()).toEqual(await tableNames(source.db));
    const keys = await rows<{ table: string; references: string }>(
      source.db,
      sql`select tc.table_name as "table", ccu.table_name as "references"
          from information_schema.table_constraints tc
          join information_schema.constraint_column_usage ccu
            on ccu.constraint_name = tc.constraint_name and ccu.constraint_schema = tc.constraint_schema
          where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`,
    );
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      if (key.table === key.references) continue;
      expect(header.tables.indexOf(key.references)).toBeLessThan(header.tables.indexOf(key.table));
    }
  });

  it("restores every table row by row, and every sequence, into a blank database", async () => {
    const target = await createBlankDatabase();
    const summary = await restore(target, backup);
    const [expected, actual] = await Promise.all([contents(source.db), contents(target.db)]);
    expect(Object.keys(actual.tables)).toEqual(Object.keys(expected.tables));
    for (const name of Object.keys(expected.tables)) {
      expect({ name, rows: actual.tables[name] }).toEqual({ name, rows: expected.tables[name] });
    }
    expect(actual.sequences).toEqual(expected.sequences);
    expect(Object.keys(expected.sequences).length).toBeGreaterThan(10);
    const total = Object.values(expected.tables).reduce((n, list) => n + list.length, 0);
    expect(summary.rows).toBe(total);
    expect(summary.tables).toBe(Object.keys(expected.tables).length);
    const [blob] = await rows<{ data: Buffer | Uint8Array }>(
      target.db,
      sql`select data from attachments where size_bytes = ${BLOB.length}::int`,
    );
    expect(Buffer.from(blob!.data).equals(BLOB)).toBe(true);
    const migrations = sql`select hash, created_at::text from drizzle.__drizzle_migrations order by created_at`;
    expect(await rows(target.db, migrations)).toEqual(await rows(source.db, migrations));
    // The next ids are the source's next ids (login_attempts had two numbers used without a row).
    const next = sql`select nextval('login_attempts_id_seq')::text as a, nextval('users_id_seq')::text as b`;
    expect(await rows(target.db, next)).toEqual(await rows(source.db, next));
  });

  it("restores into a database that is migrated but holds no rows", async () => {
    const target = await migratedDatabase();
    await restore(target, backup);
    const [expected, actual] = await Promise.all([contents(source.db), contents(target.db)]);
    expect(actual.tables).toEqual(expected.tables);
  });

  it("refuses a database that holds data, and writes nothing", async () => {
    const target = await migratedDatabase();
    await seedReference(target.db);
    const before = await contents(target.db);
    const error = await restore(target, backup).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetNotEmptyError);
    expect((error as Error).message).toMatch(
      /^The target database is not empty \(rows in .*provinces/,
    );
    expect(await contents(target.db)).toEqual(before);
  });

  it("restores a backup made before the latest migration, then runs that migration", async () => {
    const older = await createBlankDatabase();
    const local = localMigrations();
    await older.db.transaction((tx) => applyMigrations(tx, local.slice(0, -1)));
    await seedReference(older.db);
    const target = await createBlankDatabase();
    const summary = await restore(target, await backupBytes(older));
    expect(summary.schema).toBe(local.at(-2)!.tag);
    const [applied] = await rows<{ n: number }>(
      target.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied!.n).toBe(local.length);
    const [expected, actual] = await Promise.all([contents(older.db), contents(target.db)]);
    for (const [name, list] of Object.entries(expected.tables)) {
      expect({ name, rows: actual.tables[name] }).toEqual({ name, rows: list });
    }
  });

  describe("refuses a damaged file with a clear error and leaves the target blank", () => {
    // One target for every case: each must leave it blank, or the next one finds it not empty.
    let target: TestDatabase;
    beforeAll(async () => {
      target = await createBlankDatabase();
    });
    const text = () => gunzipSync(backup).toString("utf8");
    const cases: [string, () => Buffer, RegExp][] = [
      [
        "cut in the middle",
        () => backup.subarray(0, Math.floor(backup.length / 2)),
        /damaged or incomplete/,
      ],
      [
        "with a flipped byte",
        () => {
          const copy = Buffer.from(backup);
          copy[Math.floor(copy.length / 2)]! ^= 0xff;
          return copy;
        },
        /damaged or incomplete/,
      ],
      ["not compressed", () => Buffer.from(text()), /damaged or incomplete/],
      [
        "missing its last line",
        () => gzipSync(text().trimEnd().split("\n").slice(0, -1).join("\n") + "\n"),
        /ends before its last line/,
      ],
      [
        "missing rows of a table",
        () => {
          const lines = text().split("\n");
          const row = lines.findIndex((line, i) => i > 0 && line.startsWith("["));
          return gzipSync(lines.filter((_, i) => i !== row).join("\n"));
        },
        /does not fit table/,
      ],
      ["not a backup", () => gzipSync('{"hello":"world"}\n'), /not a Hadina backup/],
      [
        "with a value the database rejects, late in the file",
        () => {
          const lines = text().split("\n");
          const last = lines.findLastIndex((line) => /^\["\d+",/.test(line));
          const row = JSON.parse(lines[last]!) as (string | null)[];
          row[0] = "not a number";
          lines[last] = JSON.stringify(row);
          return gzipSync(lines.join("\n"));
        },
        /^Loading table \w+ failed/,
      ],
    ];
    for (const [name, make, message] of cases) {
      it(name, async () => {
        const error = await restore(target, make()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(message);
        if (!/^Loading/.test((error as Error).message))
          expect(error).toBeInstanceOf(BackupFileError);
        expect(await tableNames(target.db)).toEqual([]);
        const [drizzleSchema] = await rows<{ n: number }>(
          target.db,
          sql`select count(*)::int as n from information_schema.schemata where schema_name = 'drizzle'`,
        );
        expect(drizzleSchema!.n).toBe(0);
      });
    }

    it("and the same target then takes the intact backup", async () => {
      const summary = await restore(target, backup);
      expect(summary.rows).toBeGreaterThan(3000);
      expect((await contents(target.db)).tables).toEqual((await contents(source.db)).tables);
    });
  });

  // Last, as it adds a row to the source. PGlite has one connection, which the backup holds.
  it.runIf(onPostgres())(
    "reads one snapshot: a row committed while the backup runs is not in it",
    async () => {
      const lines: string[] = [];
      let inserted = false;
      await dumpDatabase(source.db, source.driver, async (line) => {
        lines.push(line);
        if (!inserted && line.startsWith('{"table"')) {
          inserted = true;
          await source.db.execute(
            sql`insert into audit_log (action, entity) values ('during-backup', 'database')`,
          );
        }
      });
      const [row] = await rows<{ n: number }>(
        source.db,
        sql`select count(*)::int as n from audit_log where action = 'during-backup'`,
      );
      expect(row!.n).toBe(1);
      expect(inserted).toBe(true);
      expect(lines.some((line) => line.includes("during-backup"))).toBe(false);
      expect(lines.join("\n")).toContain('"test","database"');
    },
  );
});
