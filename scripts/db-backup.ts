import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { writeBackup } from "../db/backup/dump";
import { backupFilename } from "../db/backup/format";
import { inspectBackup } from "../db/backup/reader";
import { DatabaseLockedError, closeDb, databaseUrl, dataDir, getDb, getDriver } from "../db/index";
import { todayIso } from "../lib/dates";
import { signIn } from "./bench/session";

const USAGE = `usage: npm run db:backup -- [--out FILE] [--data-dir DIR]
                         [--url URL] [--email ADMIN_EMAIL] [--password ADMIN_PASSWORD]

Writes a backup of DATABASE_URL, or of the embedded database in DIR (default DATA_DIR or .data).
While the app holds the embedded database, the backup is downloaded from the running app at URL
(default HADINA_URL or http://localhost:$PORT) as an admin: HADINA_ADMIN_EMAIL and
HADINA_ADMIN_PASSWORD, or --email and --password.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: "string", short: "o" },
    "data-dir": { type: "string" },
    url: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help || positionals.length > 1) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}
if (values["data-dir"]) process.env.DATA_DIR = values["data-dir"];

const out = path.resolve(values.out ?? positionals[0] ?? backupFilename(todayIso()));
const partial = `${out}.partial`;

async function fromDatabase(): Promise<string> {
  const db = await getDb();
  const driver = await getDriver();
  const summary = await writeBackup(db, driver, fs.createWriteStream(partial));
  return `${summary.tables} tables, ${summary.rows} rows, read from the ${driver} database`;
}

async function fromRunningApp(locked: DatabaseLockedError): Promise<string> {
  const base = (
    values.url ??
    process.env.HADINA_URL ??
    `http://localhost:${process.env.PORT || 3000}`
  ).replace(/\/+$/, "");
  const email = values.email ?? process.env.HADINA_ADMIN_EMAIL;
  const password = values.password ?? process.env.HADINA_ADMIN_PASSWORD;
  if (!email || !password) {
    throw new Error(
      `${locked.message}\nTo back it up through the running app, give an admin's sign-in: ` +
        `HADINA_ADMIN_EMAIL and HADINA_ADMIN_PASSWORD (or --email and --password), and --url if ` +
        `the app is not at ${base}.`,
    );
  }
  console.log(`The app holds the embedded database: downloading the backup from ${base}.`);
  let cookie: string;
  try {
    cookie = await signIn(base, email, password);
  } catch (error) {
    throw new Error(
      `Could not sign in to the app at ${base} as ${email}: ${(error as Error).message}`,
    );
  }
  const response = await fetch(`${base}/api/admin/backup`, { headers: { cookie } });
  if (response.status !== 200 || !response.body) {
    const reason = response.status === 403 ? ` (${email} is not an admin)` : "";
    throw new Error(`The app answered HTTP ${response.status} to the backup request${reason}.`);
  }
  await pipeline(
    Readable.fromWeb(response.body as import("node:stream/web").ReadableStream),
    fs.createWriteStream(partial),
  );
  const check = await inspectBackup(fs.createReadStream(partial));
  return `${check.tables} tables, ${check.rows} rows, downloaded from the app`;
}

async function main() {
  const started = Date.now();
  const url = databaseUrl();
  const dir = path.join(dataDir(), "pglite");
  if (!url && !fs.existsSync(path.join(dir, "PG_VERSION"))) {
    throw new Error(
      `There is no embedded database in ${dir}: set DATABASE_URL or --data-dir (or DATA_DIR).`,
    );
  }
  let what: string;
  try {
    what = await fromDatabase();
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    what = await fromRunningApp(error);
  }
  fs.renameSync(partial, out);
  const size = fs.statSync(out).size;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Backup written to ${out} (${(size / 1024).toFixed(0)} KiB, ${what}, ${seconds} s).`);
}

main()
  .catch((error: unknown) => {
    fs.rmSync(partial, { force: true });
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
