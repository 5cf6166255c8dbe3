import type { Load } from "../bench/measure";
import { align, summarize } from "../bench/stats";

/** One route of the load test: what was asked, as whom, and what came back. */
export type RouteRow = {
  route: string;
  role: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  /**
   * The app server's CPU time per request (its process group: with PostgreSQL, not the
   * database's), from the start of the route until the requests cut off at its end were
   * finished. Unlike latency, barely changed by other processes on the machine: 50 connections
   * on one free core wait about 50 × this.
   */
  cpuMs?: number;
  /** Statuses other than 2xx and how often each came (a 503 is not a 500). */
  others: Map<number, number>;
  /** Set when the route could not be measured at all (its first request failed). */
  failure?: string;
};

export function rowOf(route: string, role: string, load: Load): RouteRow {
  const m = summarize(load.latencies, load.seconds, { errors: load.errors, non2xx: load.non2xx });
  const others = new Map([...load.statuses].filter(([status]) => status < 200 || status >= 300));
  return {
    route,
    role,
    requests: m.requests,
    perSecond: m.perSecond,
    p50: m.p50,
    p95: m.p95,
    p99: m.p99,
    errors: load.errors,
    non2xx: load.non2xx,
    timeouts: load.timeouts,
    others,
  };
}

export function failedRow(route: string, role: string, reason: string): RouteRow {
  return {
    route,
    role,
    requests: 0,
    perSecond: 0,
    p50: Number.NaN,
    p95: Number.NaN,
    p99: Number.NaN,
    errors: 0,
    non2xx: 0,
    timeouts: 0,
    others: new Map(),
    failure: reason,
  };
}

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : "—";

/** Plain-text table, one row per route; a line under a route names its non-2xx statuses. */
export function formatRows(rows: readonly RouteRow[]): string {
  const header = [
    "route",
    "role",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "non-2xx",
    "timeouts",
    "CPU ms/req",
  ];
  const lines: string[][] = [];
  for (const row of rows) {
    if (row.failure) {
      lines.push([row.route, row.role, `failed: ${row.failure}`, "", "", "", "", "", "", ""]);
      continue;
    }
    lines.push([
      row.route,
      row.role,
      fixed(row.perSecond, 1),
      fixed(row.p50, 0),
      fixed(row.p95, 0),
      fixed(row.p99, 0),
      String(row.errors),
      String(row.non2xx),
      String(row.timeouts),
      row.cpuMs === undefined ? "—" : fixed(row.cpuMs, 0),
    ]);
    if (row.others.size > 0) {
      const statuses = [...row.others]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${n}× ${status}`)
        .join(", ");
      lines.push(["", "", `(${statuses})`, "", "", "", "", "", "", ""]);
    }
  }
  return align([header, ...lines]);
}

/** What the write path left in the database, against what its answers said. */
export type WriteInput = {
  /** Ids answered 201 during the load. */
  created: ReadonlySet<string>;
  /** Ids answered 200 during the load: each was new, so each is a duplicate the server saw. */
  existing: ReadonlySet<string>;
  /** Ids without an answer (cut off at the end or timed out), resent once after: their answers. */
  resent: ReadonlyMap<string, number>;
  /** Session ids in the database before and after the run. */
  sessionsBefore: ReadonlySet<string>;
  sessionsAfter: ReadonlySet<string>;
  /** Entity ids of the audit log's session "create" entries, before and after. */
  auditedBefore: ReadonlySet<string>;
  auditedAfter: ReadonlySet<string>;
};

export type WriteCheck = {
  ok: boolean;
  /** Sessions the answers say were saved: the 201s, and the resent ids answered 201 or 200. */
  expected: number;
  /** New rows in mentoring_sessions, and new audit entries. */
  rows: number;
  audited: number;
  problems: string[];
};

function minus(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((x) => !b.has(x)));
}

/**
 * Nothing lost, nothing doubled: the new rows are exactly the sessions whose answers said saved,
 * each with one audit entry. A request cut off at the end of the run may have been saved without
 * its answer arriving; resending it (as a device's queue does) answers 200 then, so it counts.
 */
export function checkWrites(input: WriteInput): WriteCheck {
  const expected = new Set(input.created);
  for (const [id, status] of input.resent) if (status === 200 || status === 201) expected.add(id);
  const rows = minus(input.sessionsAfter, input.sessionsBefore);
  const audited = minus(input.auditedAfter, input.auditedBefore);
  const problems: string[] = [];
  const lost = minus(expected, rows);
  const extra = minus(rows, expected);
  if (lost.size > 0) problems.push(`${lost.size} answered as saved but not in the database`);
  if (extra.size > 0) problems.push(`${extra.size} in the database without a saved answer`);
  if (input.existing.size > 0)
    problems.push(`${input.existing.size} new ids answered 200 (already saved)`);
  const unresolved = [...input.resent.values()].filter((s) => s !== 200 && s !== 201).length;
  if (unresolved > 0) problems.push(`${unresolved} resent ids not saved`);
  const unaudited = minus(rows, audited).size;
  const strayAudit = minus(audited, rows).size;
  if (unaudited > 0) problems.push(`${unaudited} sessions without their audit entry`);
  if (strayAudit > 0) problems.push(`${strayAudit} audit entries without their session`);
  return {
    ok: problems.length === 0,
    expected: expected.size,
    rows: rows.size,
    audited: audited.size,
    problems,
  };
}

/** The last line, and whether the run passes: no error, non-2xx, timeout or lost write at all. */
export function verdict(
  rows: readonly RouteRow[],
  writes?: WriteCheck,
): { pass: boolean; line: string } {
  const sum = (key: "errors" | "non2xx" | "timeouts") =>
    rows.reduce((total, row) => total + row[key], 0);
  const errors = sum("errors");
  const non2xx = sum("non2xx");
  const timeouts = sum("timeouts");
  const failed = rows.filter((row) => row.failure || row.requests === 0).length;
  const problems: string[] = [];
  if (errors > 0) problems.push(`${errors} errors`);
  if (non2xx > 0) problems.push(`${non2xx} non-2xx`);
  if (timeouts > 0) problems.push(`${timeouts} timeouts`);
  if (failed > 0) problems.push(`${failed} routes not measured`);
  if (rows.length === 0) problems.push("no route selected");
  if (writes && !writes.ok) problems.push(`writes: ${writes.problems.join("; ")}`);
  return problems.length === 0
    ? { pass: true, line: "loadtest: PASS (0 errors)" }
    : { pass: false, line: `loadtest: FAIL (${problems.join(", ")})` };
}

/**
 * `--routes a,b`: the routes whose "name role" contains one of the comma-separated parts
 * (`export`, `official`, `/ (home) mentor`).
 */
export function selectRoutes<T extends { name: string; role: string }>(
  routes: readonly T[],
  filter: string | undefined,
): T[] {
  const parts = (filter ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return [...routes];
  return routes.filter((route) =>
    parts.some((part) => `${route.name} ${route.role}`.includes(part)),
  );
}
