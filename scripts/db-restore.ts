import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { restoreBackup, TargetNotEmptyError } from "../db/backup/restore";
import { closeDb, databaseUrl, dataDir, getDb } from "../db/index";

const USAGE = `usage: npm run db:restore -- FILE [--data-dir DIR]

Restores a backup made by npm run db:backup (or downloaded from /admin/backup) into an empty
database: DATABASE_URL, or the embedded database in DIR (default DATA_DIR or .data), created if
it does not exist. A database that already holds data is refused, and nothing is written.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "data-dir": { type: "string" }, help: { type: "boolean", short: "h" } },
});

if (values.help || positionals.length !== 1) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}
if (values["data-dir"]) process.env.DATA_DIR = values["data-dir"];

function targetName(): string {
  const url = databaseUrl();
  if (!url) return `the embedded database in ${path.join(dataDir(), "pglite")}`;
  const parsed = new URL(url);
  return `the PostgreSQL database ${parsed.pathname.slice(1)} on ${parsed.host}`;
}

async function main() {
  const file = path.resolve(positionals[0]!);
  if (!fs.existsSync(file)) throw new Error(`No file ${file}.`);
  const started = Date.now();
  const target = targetName();
  console.log(`Restoring ${file} into ${target}…`);
  const summary = await restoreBackup(await getDb(), fs.createReadStream(file));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Restored ${summary.rows} rows in ${summary.tables} tables (backup schema ${summary.schema ?? "empty"}) in ${seconds} s.`,
  );
}

main()
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const untouched = error instanceof TargetNotEmptyError ? "" : "\nNothing was restored.";
    console.error(message + untouched);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
