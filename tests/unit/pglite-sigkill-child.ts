/**
 * The child process of tests/unit/pglite-sigkill.test.ts: opens the embedded database of
 * DATA_DIR through the app's own path (db/index.ts getDb: the data-dir lock, then PGlite),
 * migrates it as the app's start does, reports what an earlier (killed) run left, then writes
 * until it is killed: each transaction two audit entries, and one line `{"ack":"<run>:<n>"}` on
 * stdout only once the commit has returned. With SIGKILL_VERIFY_ONLY=1 it reports and closes.
 *
 * Run with: node --conditions=react-server --import tsx tests/unit/pglite-sigkill-child.ts
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { closeDb, getDb, getDriver, rowsOf } from "../../db/index";
import { runMigrations } from "../../db/migrate";
import { writeAudit } from "../../db/queries/audit";

const ENTITY = "sigkill_probe";
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function main() {
  const run = process.env.SIGKILL_RUN ?? "0";
  const db = await getDb();
  await runMigrations(db, await getDriver());
  const rows = rowsOf<{ key: string; n: number }>(
    await db.execute(
      sql`select entity_id as key, count(*)::int as n from audit_log where entity = ${ENTITY} group by entity_id`,
    ),
  );
  say({ pid: process.pid, present: Object.fromEntries(rows.map((r) => [r.key, r.n])) });
  if (process.env.SIGKILL_VERIFY_ONLY === "1") return;
  for (let n = 1; ; n++) {
    const key = `${run}:${n}`;
    // 8 KB of incompressible text a transaction (stored out of line), so that WAL pages and
    // data pages fill and turn over while the process is killed.
    const padding = randomBytes(2048).toString("hex");
    await db.transaction(async (tx) => {
      await writeAudit(tx, {
        actorId: null,
        action: "probe_a",
        entity: ENTITY,
        entityId: key,
        after: { n, padding },
      });
      await writeAudit(tx, {
        actorId: null,
        action: "probe_b",
        entity: ENTITY,
        entityId: key,
        after: { n, padding },
      });
    });
    say({ ack: key });
  }
}

main()
  .catch((error: unknown) => {
    say({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    process.exitCode = 1;
  })
  .finally(() => closeDb());
