import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
export type Executor = Database | Transaction;
export type Driver = "postgres" | "pglite";

type Connection = {
  db: Database;
  driver: Driver;
  close: () => Promise<void>;
};

type Holder = { connection?: Promise<Connection> };
const holder = globalThis as typeof globalThis & { __hadinaDb?: Holder };
const state: Holder = (holder.__hadinaDb ??= {});

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || ".data");
}

export function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by another process (pid ${pid}). ` +
        `Stop that process first (the app or a script using DATA_DIR=${path.dirname(dir)}), ` +
        `or point this command at PostgreSQL with DATABASE_URL.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireLock(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
      if (owner === process.pid) return () => {};
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) {
        throw new DatabaseLockedError(dir, owner);
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}

/**
 * Drizzle sends its queries unprepared. postgres.js then sends each one with parameters twice:
 * first to have the server describe its parameters' types, and after the answer to run it, and
 * the server parses it anew each time. A profile runs some twenty queries: that is twenty more
 * round trips on a request. Prepared, each query shape is parsed and described once per connection
 * (postgres.js keeps them by their text; the shapes are the code's, values travel as parameters)
 * and then runs in one round trip. Planning is PostgreSQL's default for prepared statements
 * (`plan_cache_mode = auto`, set here so a database setting cannot change it): the first five
 * executions are planned for their values, then a generic plan is kept only where its estimated
 * cost is no worse than theirs. Planning every execution (`force_custom_plan`, the earlier
 * setting) cost 0.3–1.5 ms of PostgreSQL's time per query, some 10 ms per profile: the profile's
 * p50 under 10 connections went 263–278 → 235–250 ms at national scale without it, and the list,
 * the sessions list and the mentor home 8–15 % faster; skewed filters (the smallest province's
 * list run 40 times, then the largest's page 40; a name search; the impact dashboard for a month
 * then for ten years) answered as fast as with a plan per execution (docs/scaling.md).
 * Transactions keep drizzle's default.
 */
function preparedByDefault(client: Sql): void {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((query, parameters, options) =>
    unsafe(query, parameters, { ...options, prepare: true })) as Sql["unsafe"];
}

/**
 * The app's PostgreSQL client, with the settings every connection of it needs (the tests' clients
 * use it too, so they run the queries as the app does).
 */
export async function postgresClient(url: string, max: number): Promise<Sql> {
  const { default: postgres } = await import("postgres");
  const client: Sql = postgres(url, {
    max,
    onnotice: () => {},
    // Short queries over indexed rows: PostgreSQL's JIT would spend more compiling (300+ ms on
    // the dashboard's figures at national scale, where a rare per-row fallback raises the
    // estimated cost) than the query takes. Set per connection, so no database setting is needed.
    connection: { jit: "off", plan_cache_mode: "auto" },
    // Off behind a pooler that hands each transaction another connection (PgBouncer's
    // transaction mode), where a statement prepared on one connection is unknown on the next.
    prepare: process.env.DATABASE_PREPARE !== "off",
  });
  preparedByDefault(client);
  return client;
}

async function openPostgres(url: string): Promise<Connection> {
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = await postgresClient(url, Number(process.env.DATABASE_POOL_SIZE || 10));
  return {
    db: drizzle(client, { schema }) as unknown as Database,
    driver: "postgres",
    close: () => client.end({ timeout: 5 }),
  };
}

export async function openPglite(dir?: string): Promise<Connection> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  let release = () => {};
  if (dir) {
    release = acquireLock(dir);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
  }
  let client: PGlite;
  try {
    client = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), extensions: { pg_trgm } });
  } catch (error) {
    release();
    throw error;
  }
  return {
    db: drizzle(client, { schema }) as unknown as Database,
    driver: "pglite",
    close: async () => {
      await client.close();
      release();
    },
  };
}

function open(): Promise<Connection> {
  const url = databaseUrl();
  return url ? openPostgres(url) : openPglite(path.join(dataDir(), "pglite"));
}

async function connection(): Promise<Connection> {
  state.connection ??= open().catch((error: unknown) => {
    state.connection = undefined;
    throw error;
  });
  return state.connection;
}

export async function getDb(): Promise<Database> {
  return (await connection()).db;
}

export async function getDriver(): Promise<Driver> {
  return (await connection()).driver;
}

export function useConnection(db: Database, driver: Driver, close: () => Promise<void>): void {
  state.connection = Promise.resolve({ db, driver, close });
}

export async function closeDb(): Promise<void> {
  const current = state.connection;
  state.connection = undefined;
  if (current) await (await current).close();
}

export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
