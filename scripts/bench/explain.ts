import { parseArgs } from "node:util";
import { and, eq, gte, isNull, or, sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "../../db/index";
import { searchCooperatives } from "../../db/queries/cooperatives";
import * as schema from "../../db/schema";
import { todayIso } from "../../lib/dates";
import { parseListFilters } from "../../lib/filters";
import { impactFilters, impactSummary, parseImpactQuery } from "../../lib/metrics";

/**
 * EXPLAIN ANALYZE of the cooperatives list as the app runs it: the real query functions are
 * called with a logging driver, and each statement they send is explained with its parameters.
 */
/** lib/dal.ts's assignedTo (that module needs Next's request context, so it is not imported here). */
function assignedTo(mentorId: number): SQL {
  const a = schema.mentorAssignments;
  return sql`exists (select 1 from ${a} where ${and(
    eq(a.cooperativeId, schema.cooperatives.id),
    eq(a.mentorId, mentorId),
    or(isNull(a.endOn), gte(a.endOn, sql`current_date`)),
  )})`;
}

const { values } = parseArgs({ options: { plans: { type: "boolean", default: false } } });

const CASES: readonly { name: string; query: string; mentor?: boolean }[] = [
  { name: "default (sort name, page 1)", query: "" },
  { name: "province=fes, -name, page 40", query: "province=fes&sort=-name&page=40" },
  { name: "all, name, page 2000", query: "page=2000" },
  { name: "all, -updated_at, page 40", query: "sort=-updated_at&page=40" },
  { name: "all, members_total, page 40", query: "sort=members_total&page=40" },
  { name: "all, cohort, page 40", query: "sort=cohort&page=40" },
  { name: "stage=incubation&sector=argan", query: "stage=incubation&sector=argan" },
  { name: "search q=الأمل", query: "q=%D8%A7%D9%84%D8%A3%D9%85%D9%84" },
  { name: "search q=apiculture, page 10", query: "q=apiculture&page=10" },
  { name: "search q=12/2019", query: "q=12%2F2019" },
  { name: "mentor scope, page 1", query: "", mentor: true },
];

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must point at the national database");
  const client = postgres(url, { max: 1, onnotice: () => {}, connection: { jit: "off" } });
  const captured: { query: string; params: unknown[] }[] = [];
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (query, params) => captured.push({ query, params }) },
  }) as unknown as Database;
  try {
    const explain = async (statement: { query: string; params: unknown[] }) =>
      (
        await client.unsafe<{ "QUERY PLAN": string }[]>(
          `explain (analyze, buffers) ${statement.query}`,
          statement.params as never[],
        )
      ).map((row) => row["QUERY PLAN"]);
    const [mentor] = await client<
      { id: number }[]
    >`select id from users where email = 'mentor@hadina.test'`;
    for (const c of CASES) {
      captured.length = 0;
      const filters = parseListFilters(new URLSearchParams(c.query));
      const access = c.mentor && mentor ? assignedTo(mentor.id) : sql`true`;
      await searchCooperatives(db, { access, filters, archived: false, pageSize: 25 });
      const timings: string[] = [];
      for (const statement of captured) {
        const lines = await explain(statement);
        timings.push(
          lines.find((l) => l.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "?",
        );
        if (values.plans) console.log(`\n-- ${c.name}\n${statement.query}\n${lines.join("\n")}`);
      }
      console.log(
        `${c.name.padEnd(34)} count ${timings[0]?.padStart(12)}   page ${timings[1]?.padStart(12)}`,
      );
    }
    captured.length = 0;
    const { query } = parseImpactQuery(new URLSearchParams(process.env.IMPACT_QUERY ?? ""));
    await impactSummary(db, impactFilters(query, { today: todayIso(), scope: sql`true` }));
    console.log("\nimpact summary (GET /api/impact/summary, no filters), statement by statement:");
    for (const statement of [...captured]) {
      const lines = await explain(statement);
      const time = lines
        .find((l) => l.startsWith("Execution Time"))
        ?.replace("Execution Time: ", "");
      const head = statement.query.replace(/\s+/g, " ").slice(0, 90);
      console.log(`${time?.padStart(12)}  ${head}`);
      if (values.plans) console.log(lines.join("\n"));
    }
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
