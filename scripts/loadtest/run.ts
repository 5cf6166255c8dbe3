import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Request } from "autocannon";
import { sql } from "drizzle-orm";
import { prepareDatabase } from "../../db/bootstrap";
import { closeDb, getDb, rowsOf } from "../../db/index";
import { DEMO_PASSWORD } from "../../db/seed/people";
import { todayIso } from "../../lib/dates";
import { load, probe } from "../bench/measure";
import { ensureBuild, startServer, type Server } from "../bench/server";
import { signIn } from "../bench/session";
import {
  checkWrites,
  failedRow,
  formatRows,
  rowOf,
  type RouteRow,
  selectRoutes,
  verdict,
  type WriteCheck,
} from "./report";

/**
 * `npm run loadtest`: the production build under 50 concurrent connections per route, signed in
 * as the role each page is for, on a fresh embedded demo database (or DATABASE_URL). Every
 * error, non-2xx answer or timeout fails the run, and so does a session the write path lost or
 * saved twice.
 */

type Role = "admin" | "staff" | "mentor" | "official";
type Route = { name: string; role: Role; path: string; post?: true };

const ROUTES: readonly Route[] = [
  { name: "/ (home)", role: "admin", path: "/" },
  { name: "/ (home)", role: "staff", path: "/" },
  { name: "/ (home)", role: "mentor", path: "/" },
  { name: "/ (home)", role: "official", path: "/" },
  {
    name: "/cooperatives (filtered, sorted, page 2)",
    role: "staff",
    path: "/cooperatives?area=rural&sort=-members_total&page=2",
  },
  { name: "/cooperatives/[id]", role: "staff", path: "/cooperatives/{id}" },
  { name: "/impact", role: "official", path: "/impact" },
  { name: "/api/impact/summary", role: "official", path: "/api/impact/summary" },
  { name: "/sessions", role: "mentor", path: "/sessions" },
  { name: "/sessions/new", role: "mentor", path: "/sessions/new" },
  { name: "/milestones", role: "staff", path: "/milestones" },
  { name: "/funding", role: "staff", path: "/funding" },
  { name: "export cooperatives csv", role: "staff", path: "/api/export/cooperatives?format=csv" },
  {
    name: "export cooperatives xlsx",
    role: "staff",
    path: "/api/export/cooperatives?format=xlsx",
  },
  { name: "export sessions", role: "staff", path: "/api/export/sessions" },
  { name: "POST /api/sessions", role: "mentor", path: "/api/sessions", post: true },
];

/**
 * autocannon's own default, stated: a page not answered within 10 s under this load is a
 * failure to fix, not a limit to raise.
 */
const TIMEOUT_SECONDS = 10;

/**
 * The build: the bench's approach (scripts/bench/server.ts's ensureBuild), a snapshot of the
 * sources built and served outside the checkout, so edits made meanwhile change nothing and
 * next build never rewrites the checkout's tsconfig.json; but in a snapshot directory of its own,
 * so the load test and the benchmark can run side by side without rebuilding over each other.
 */
const SNAPSHOT_DIR = ".next-load-src";
const DIST_DIR = ".next-load";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "30" },
    routes: { type: "string" },
    port: { type: "string" },
    build: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
  },
});

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number`);
  return value;
}

/** What the run needs from the database, and the sessions it holds before and after. */
type Facts = { cooperatives: number[]; sessions: Set<string>; audited: Set<string> };

async function readFacts(): Promise<Facts> {
  try {
    const db = await getDb();
    const cooperatives = rowsOf<{ id: number }>(
      await db.execute(sql`
        select a.cooperative_id as id from mentor_assignments a
          join users u on u.id = a.mentor_id
          join cooperatives c on c.id = a.cooperative_id
         where u.email = 'mentor@hadina.test' and c.archived_at is null
           and (a.end_on is null or a.end_on >= current_date)
         order by a.cooperative_id`),
    ).map((row) => Number(row.id));
    const sessions = rowsOf<{ id: string }>(
      await db.execute(sql`select id::text as id from mentoring_sessions`),
    );
    const audited = rowsOf<{ id: string }>(
      await db.execute(sql`
        select entity_id as id from audit_log
         where entity = 'mentoring_session' and action = 'create'`),
    );
    return {
      cooperatives,
      sessions: new Set(sessions.map((row) => row.id)),
      audited: new Set(audited.map((row) => row.id)),
    };
  } finally {
    await closeDb();
  }
}

/** Requests cut off by the end of a route keep the server busy for a moment: let them finish. */
async function settle(server: Server): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/health`).catch(() => null);
    await response?.body?.cancel();
    if (response?.ok && performance.now() - started < 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The write path: mentoring sessions, each with an id never sent before, as a device sends them. */
class SessionWriter {
  readonly bodies = new Map<string, string>();
  readonly created = new Set<string>();
  readonly existing = new Set<string>();
  private readonly unanswered = new Set<string>();
  private next = 0;

  constructor(
    private readonly cooperatives: readonly number[],
    private readonly heldOn: string,
  ) {}

  body(id: string): string {
    const cooperativeId = this.cooperatives[this.next++ % this.cooperatives.length]!;
    return JSON.stringify({
      id,
      cooperative_id: cooperativeId,
      held_on: this.heldOn,
      duration_minutes: 45,
      mode: "field_visit",
      topics: ["marketing", "quality"],
      attendees: 4,
      notes: "loadtest",
    });
  }

  /** autocannon's request: one connection sends one request at a time, so `context` holds its id. */
  request(): Request {
    return {
      method: "POST",
      setupRequest: (request, context) => {
        const id = crypto.randomUUID();
        const body = this.body(id);
        this.bodies.set(id, body);
        this.unanswered.add(id);
        context.id = id;
        return { ...request, body };
      },
      onResponse: (status, _body, context) => {
        const id = context.id as string;
        this.unanswered.delete(id);
        if (status === 201) this.created.add(id);
        else if (status === 200) this.existing.add(id);
      },
    };
  }

  /** The requests left without an answer, sent again one by one; their statuses. */
  async resend(url: string, headers: Record<string, string>): Promise<Map<string, number>> {
    const answers = new Map<string, number>();
    for (const id of this.unanswered) {
      const response = await fetch(url, { method: "POST", headers, body: this.bodies.get(id) });
      await response.body?.cancel();
      answers.set(id, response.status);
    }
    return answers;
  }
}

/** CPU seconds used so far by the server's process group (Linux's /proc; elsewhere undefined). */
function groupCpuSeconds(pgid: number | undefined): number | undefined {
  if (pgid === undefined || !fs.existsSync("/proc/self/stat")) return undefined;
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let text: string;
    try {
      text = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // "pid (name) state ppid pgrp … utime stime …": fields counted after the name.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times, on every architecture Node runs on. */
const CLOCK_TICKS = 100;

function machine(): string {
  const [one, five, fifteen] = os.loadavg().map((n) => n.toFixed(2));
  const memory = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.availableParallelism()} cores, ${memory} GiB, load average ${one} ${five} ${fifteen}, node ${process.version}`;
}

async function main() {
  const connections = positiveInteger("connections", values.connections)!;
  const duration = positiveInteger("duration", values.duration)!;
  const port = positiveInteger("port", values.port);
  const routes = selectRoutes(ROUTES, values.routes);
  if (routes.length === 0) throw new Error(`--routes ${values.routes} selects no route`);

  const cwd = ensureBuild({
    distDir: DIST_DIR,
    force: values.build,
    reuse: values.reuse,
    snapshot: true,
    snapshotDir: SNAPSHOT_DIR,
  });

  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = databaseUrl
    ? undefined
    : fs.mkdtempSync(path.join(os.tmpdir(), "hadina-loadtest-"));
  if (dataDir) process.env.DATA_DIR = dataDir;
  const where = databaseUrl
    ? `PostgreSQL ${databaseUrl.replace(/\/\/[^@]*@/, "//")}`
    : `embedded PGlite in ${dataDir}`;
  try {
    console.log(`Preparing the demo database (${where})…`);
    await prepareDatabase({
      seedDemo: "if-empty",
      today: process.env.DEMO_TODAY ?? todayIso(),
      log: () => {},
    });
    const before = await readFacts();
    if (before.cooperatives.length === 0)
      throw new Error("mentor@hadina.test has no cooperative: is this the demo database?");

    const server = await startServer({ databaseUrl, dataDir, distDir: DIST_DIR, cwd, port });
    const rows: RouteRow[] = [];
    const writer = new SessionWriter(before.cooperatives, todayIso());
    let resent = new Map<string, number>();
    const started = machine();
    try {
      const cookies = new Map<Role, string>();
      for (const role of new Set(routes.map((r) => r.role)))
        cookies.set(role, await signIn(server.url, `${role}@hadina.test`, DEMO_PASSWORD));
      console.log(
        `autocannon: ${connections} connections, ${duration} s per route, ${TIMEOUT_SECONDS} s timeout, ${server.url}`,
      );
      for (const route of routes) {
        const url = `${server.url}${route.path.replace("{id}", String(before.cooperatives[0]))}`;
        const cookie = cookies.get(route.role)!;
        const headers: Record<string, string> = route.post
          ? { cookie, "content-type": "application/json", origin: server.url }
          : { cookie };
        if (!route.post) {
          const first = await probe(url, cookie);
          if (first.kind !== "ok") {
            const reason = first.kind === "missing" ? "404" : first.reason;
            rows.push(failedRow(route.name, route.role, reason));
            console.log(`  ${route.name} (${route.role}): ${reason}`);
            continue;
          }
        }
        const cpuBefore = groupCpuSeconds(server.pid);
        const result = await load(url, {
          connections,
          duration,
          timeout: TIMEOUT_SECONDS,
          headers,
          ...(route.post ? { method: "POST", requests: [writer.request()] } : {}),
        });
        const row = rowOf(route.name, route.role, result);
        if (route.post) resent = await writer.resend(url, headers);
        await settle(server);
        const cpuAfter = groupCpuSeconds(server.pid);
        if (cpuBefore !== undefined && cpuAfter !== undefined) {
          // Every request the server took on: answered, given up by autocannon, cut off at the end.
          const handled =
            row.requests + row.non2xx + row.timeouts + connections + (route.post ? resent.size : 0);
          row.cpuMs = ((cpuAfter - cpuBefore) * 1000) / handled;
        }
        rows.push(row);
        console.log(
          `  ${route.name} (${route.role}): ${row.perSecond.toFixed(1)} req/s, p95 ${row.p95.toFixed(0)} ms, ${row.errors + row.non2xx + row.timeouts} failed, ${row.cpuMs?.toFixed(0) ?? "?"} ms CPU per request`,
        );
      }
    } finally {
      await server.stop();
    }

    let writes: WriteCheck | undefined;
    if (routes.some((route) => route.post)) {
      const after = await readFacts();
      writes = checkWrites({
        created: writer.created,
        existing: writer.existing,
        resent,
        sessionsBefore: before.sessions,
        sessionsAfter: after.sessions,
        auditedBefore: before.audited,
        auditedAfter: after.audited,
      });
    }

    console.log(`\n${where}; ${connections} connections, ${duration} s per route`);
    console.log(`machine at start: ${started}`);
    console.log(`machine at end:   ${machine()}\n`);
    console.log(formatRows(rows));
    if (writes) {
      const resentAs = (status: number) => [...resent.values()].filter((s) => s === status).length;
      console.log(
        `\nPOST /api/sessions: ${writer.bodies.size} sent, ${writer.created.size} answered 201, ` +
          `${resent.size} without an answer resent (${resentAs(201)} answered 201, ${resentAs(200)} 200 already saved); ` +
          `${writes.rows} new sessions for ${writes.expected} saved answers, ${writes.audited} audit entries: ` +
          (writes.ok ? "nothing lost, nothing doubled" : writes.problems.join("; ")),
      );
    }
    const result = verdict(rows, writes);
    console.log(`\n${result.line}`);
    if (!result.pass) process.exitCode = 1;
  } finally {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
