import { parseArgs } from "node:util";
import { prepareDatabase } from "../db/bootstrap";
import { todayIso } from "../lib/dates";

const { values } = parseArgs({ options: { today: { type: "string" } } });
const today = values.today ?? process.env.DEMO_TODAY ?? todayIso();

if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  console.error("--today must be YYYY-MM-DD");
  process.exit(2);
}

prepareDatabase({ seedDemo: "if-empty", today })
  .then(({ seeded, driver }) => {
    if (!seeded) console.log(`The ${driver} database already has users: demo data not added.`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
