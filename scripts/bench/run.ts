import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import postgres from "postgres";
import { DEMO_PASSWORD } from "../../db/seed/people";
import { firstLoadJs, measure, probe } from "./measure";
import { ensureBuild, startServer } from "./server";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Database } from "../../db/index";
import { runMigrations } from "../../db/migrate";
import { signIn } from "./session";
import { align, formatTable, type RouteOutcome, type ScaleResult } from "./stats";

type Role = "staff" | "mentor" | "official";

const ROUTES: readonly { name: string; path: string; role: Role }[] = [
  { name: "floor /account", path: "/account", role: "staff" },
  { name: "/impact", path: "/impact", role: "official" },
  { name: "/api/impact/summary", path: "/api/impact/summary", role: "official" },
  {
    name: "/cooperatives (deep)",
    path: "/cooperatives?province=fes&sort=-name&page={page}",
    role: "staff",
  },
  { name: "/cooperatives/[id]", path: "/cooperatives/{id}", role: "staff" },
  { name: "mentor home /", path: "/", role: "mentor" },
  { name: "/sessions", path: "/sessions", role: "staff" },
];
const FLOOR = ROUTES[0]!.name;

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "15" },
    warmup: { type: "string", default: "5" },
    connections: { type: "string", default: "10" },
    demo: { type: "string" },
    "skip-demo": { type: "boolean", default: false },
    build: { type: "boolean", default: false },
    "in-place": { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    only: { type: "string" },
  },
});

const options = {
  duration: Number(values.duration),
  warmup: Number(values.warmup),
  connections: Number(values.connections),
};
const distDir = process.env.NEXT_DIST_DIR || ".next-bench";

/** The demo mentor's first cooperative: it has sessions, milestones and funding at both scales. */
async function profileId(databaseUrl: string): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ id: number }[]>`
      select a.cooperative_id as id from mentor_assignments a join users u on u.id = a.mentor_id
       where u.email = 'mentor@hadina.test' and a.end_on is null order by a.cooperative_id limit 1`;
    if (!row)
      throw new Error(
        "No cooperative assigned to mentor@hadina.test: run npm run bench:seed first",
      );
    return row.id;
  } finally {
    await sql.end();
  }
}

/** The list's page size (app/(app)/cooperatives/page.tsx) and the deepest page the bench asks for. */
const LIST_PAGE_SIZE = 25;
const DEEP_PAGE = 40;

/**
 * The deep page of Fès's live cooperatives: page 40, or the last full page where there are fewer
 * (the demo's 24 fill one). Both scales then render a page of 25 rows (24 at demo) instead of the
 * demo rendering an empty page past its end, which made its p50 the cost of no rows at all.
 */
async function deepPage(databaseUrl: string): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from cooperatives where province = 'fes' and archived_at is null`;
    return Math.max(1, Math.min(DEEP_PAGE, Math.floor((row?.n ?? 0) / LIST_PAGE_SIZE)));
  } finally {
    await sql.end();
  }
}

const firstLoad = new Map<string, string>();

/** The build serves the schema of its own migrations: a database seeded by an older one catches up. */
async function migrate(databaseUrl: string): Promise<void> {
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await runMigrations(drizzle(client) as unknown as Database, "postgres");
  } finally {
    await client.end();
  }
}

async function benchScale(label: string, databaseUrl: string, cwd: string): Promise<ScaleResult> {
  await migrate(databaseUrl);
  const id = await profileId(databaseUrl);
  const page = await deepPage(databaseUrl);
  console.log(`\n${label}: starting next start on ${databaseUrl.replace(/\/\/[^@]*@/, "//")}`);
  console.log(`  the list's deep page: ${page}`);
  const server = await startServer({ databaseUrl, distDir, cwd });
  const routes = new Map<string, RouteOutcome>();
  try {
    const cookies = new Map<Role, string>();
    for (const role of ["staff", "mentor", "official"] as const)
      cookies.set(role, await signIn(server.url, `${role}@hadina.test`, DEMO_PASSWORD));
    const login = await probe(`${server.url}/login`, "");
    if (login.kind === "ok" && !firstLoad.has("/login"))
      firstLoad.set("/login", await describeJs(server.url, login.body));
    const selected = ROUTES.filter(
      (r) =>
        !values.only || r.name === FLOOR || values.only.split(",").some((o) => r.name.includes(o)),
    );
    for (const route of selected) {
      const url = `${server.url}${route.path.replace("{id}", String(id)).replace("{page}", String(page))}`;
      const cookie = cookies.get(route.role)!;
      let first = await probe(url, cookie);
      // proxy.ts answers 503 for a few seconds after its health probe timed out under load.
      for (
        let retry = 0;
        retry < 3 && first.kind === "failed" && first.reason === "HTTP 503";
        retry++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 3000));
        first = await probe(url, cookie);
      }
      if (first.kind !== "ok") {
        routes.set(route.name, first);
        console.log(
          `  ${route.name}: ${first.kind === "missing" ? "missing (404)" : first.reason}`,
        );
        continue;
      }
      if (first.contentType.includes("text/html") && !firstLoad.has(route.name))
        firstLoad.set(route.name, await describeJs(server.url, first.body));
      const html = Buffer.byteLength(first.body);
      console.log(
        `  ${route.name}: ${(html / 1024).toFixed(0)} KB served (${(gzipSync(first.body).length / 1024).toFixed(0)} KB gzip)`,
      );
      const measurement = await measure(url, cookie, options);
      await settle(databaseUrl);
      if (measurement.requests === 0) {
        const reason = measurement.non2xx
          ? `no 2xx response (${measurement.non2xx} others)`
          : `no response within ${options.duration} s`;
        routes.set(route.name, { kind: "failed", reason });
        console.log(`  ${route.name}: ${reason}`);
        continue;
      }
      routes.set(route.name, { kind: "measured", measurement });
      console.log(
        `  ${route.name}: ${measurement.perSecond.toFixed(1)} req/s, p50 ${measurement.p50.toFixed(1)} ms`,
      );
    }
  } finally {
    await server.stop();
  }
  return { label, routes };
}

/**
 * Waits until the database has no query running but ours: requests autocannon gave up on may
 * still be computing, and would otherwise slow the next route's measurement.
 */
async function settle(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      const [row] = await sql<{ busy: number }[]>`
        select count(*)::int as busy from pg_stat_activity
         where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`;
      if ((row?.busy ?? 0) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await sql.end();
  }
}

async function describeJs(baseUrl: string, html: string): Promise<string> {
  const { files, gzipBytes } = await firstLoadJs(baseUrl, html);
  return `${(gzipBytes / 1024).toFixed(1)} KB gzip in ${files} files`;
}

async function main() {
  const national = process.env.DATABASE_URL;
  if (!national)
    throw new Error("DATABASE_URL must point at the national database (npm run bench:seed)");
  const demo = values["skip-demo"]
    ? undefined
    : (values.demo ?? process.env.BENCH_DEMO_DATABASE_URL);
  const cwd = ensureBuild({
    distDir,
    force: values.build,
    reuse: values.reuse,
    snapshot: !values["in-place"],
  });
  console.log(
    `autocannon: ${options.connections} connections, ${options.warmup} s warm-up, ${options.duration} s measured per route`,
  );
  const results = [await benchScale("national", national, cwd)];
  if (demo) results.push(await benchScale("demo", demo, cwd));
  else
    console.log(
      "\n(no demo database: set BENCH_DEMO_DATABASE_URL or --demo for the national/demo ratio)",
    );

  console.log(
    `\n${formatTable(
      ROUTES.map((r) => r.name).filter((name) => results.some((scale) => scale.routes.has(name))),
      FLOOR,
      results,
    )}`,
  );
  console.log("\nFirst-load JavaScript (gzip, the <script src> chunks of the served HTML):");
  console.log(align([["route", "size"], ...[...firstLoad].map(([route, size]) => [route, size])]));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
