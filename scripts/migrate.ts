import { closeDb, getDb, getDriver } from "../db/index";
import { runMigrations } from "../db/migrate";
import { seedReference } from "../db/seed/reference";

async function main() {
  const db = await getDb();
  const driver = await getDriver();
  await runMigrations(db, driver);
  await seedReference(db);
  console.log(`Migrations applied (${driver}).`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
