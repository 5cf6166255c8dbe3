import { describe, expect, it } from "vitest";
import type { Load } from "@/scripts/bench/measure";
import {
  checkWrites,
  failedRow,
  formatRows,
  rowOf,
  selectRoutes,
  verdict,
  type WriteInput,
} from "@/scripts/loadtest/report";

function loadOf(parts: Partial<Load> = {}): Load {
  return {
    latencies: [10, 20, 30, 40],
    statuses: new Map([[200, 4]]),
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    seconds: 2,
    ...parts,
  };
}

describe("rowOf and formatRows", () => {
  it("gives the rate and percentiles of the 2xx answers and names the other statuses", () => {
    const row = rowOf(
      "/funding",
      "staff",
      loadOf({
        statuses: new Map([
          [200, 4],
          [503, 2],
          [500, 1],
        ]),
        non2xx: 3,
        timeouts: 1,
      }),
    );
    expect(row).toMatchObject({ requests: 4, perSecond: 2, p50: 20, p99: 40, non2xx: 3 });
    const measured = { ...row, cpuMs: 42.4 };
    const lines = formatRows([
      measured,
      failedRow("/impact", "official", "302 → /login"),
      rowOf("/", "admin", loadOf()),
    ]).split("\n");
    expect(lines[0]).toMatch(
      /^route\s+role\s+req\/s\s+p50 ms\s+p95 ms\s+p99 ms\s+errors\s+non-2xx\s+timeouts\s+CPU ms\/req$/,
    );
    expect(lines[1]).toMatch(/^\/funding\s+staff\s+2\.0\s+20\s+40\s+40\s+0\s+3\s+1\s+42$/);
    expect(lines[2]).toMatch(/\(1× 500, 2× 503\)$/);
    expect(lines[3]).toMatch(/^\/impact\s+official\s+failed: 302 → \/login$/);
    // No CPU figure (not on Linux): a dash, not a zero.
    expect(lines[4]).toMatch(/^\/\s+admin\s+2\.0\s+20\s+40\s+40\s+0\s+0\s+0\s+—$/);
  });
});

describe("verdict", () => {
  it("passes only with no error, non-2xx or timeout on any route", () => {
    const clean = rowOf("/", "staff", loadOf());
    expect(verdict([clean])).toEqual({ pass: true, line: "loadtest: PASS (0 errors)" });
    expect(verdict([clean, rowOf("/", "mentor", loadOf({ timeouts: 2 }))])).toEqual({
      pass: false,
      line: "loadtest: FAIL (2 timeouts)",
    });
    expect(verdict([rowOf("/", "admin", loadOf({ errors: 1, non2xx: 5 }))]).line).toBe(
      "loadtest: FAIL (1 errors, 5 non-2xx)",
    );
  });

  it("fails a route that could not be measured or answered nothing, and an empty run", () => {
    expect(verdict([failedRow("/impact", "official", "HTTP 500")]).pass).toBe(false);
    expect(verdict([rowOf("/impact", "official", loadOf({ latencies: [] }))]).line).toBe(
      "loadtest: FAIL (1 routes not measured)",
    );
    expect(verdict([]).pass).toBe(false);
  });

  it("fails when the writes do not add up", () => {
    const clean = rowOf("POST /api/sessions", "mentor", loadOf());
    const writes = checkWrites({ ...noWrites, created: new Set(["a"]) });
    expect(verdict([clean], writes)).toEqual({
      pass: false,
      line: "loadtest: FAIL (writes: 1 answered as saved but not in the database)",
    });
  });
});

const noWrites: WriteInput = {
  created: new Set(),
  existing: new Set(),
  resent: new Map(),
  sessionsBefore: new Set(["old"]),
  sessionsAfter: new Set(["old"]),
  auditedBefore: new Set(["old"]),
  auditedAfter: new Set(["old"]),
};

describe("checkWrites", () => {
  it("accepts exactly the saved answers, a cut-off request resent counting once", () => {
    const check = checkWrites({
      ...noWrites,
      created: new Set(["a", "b"]),
      // c was saved but its answer cut off (resent: 200), d never reached the server (201 now).
      resent: new Map([
        ["c", 200],
        ["d", 201],
      ]),
      sessionsAfter: new Set(["old", "a", "b", "c", "d"]),
      auditedAfter: new Set(["old", "a", "b", "c", "d"]),
    });
    expect(check).toEqual({ ok: true, expected: 4, rows: 4, audited: 4, problems: [] });
  });

  it("names lost, extra and doubled sessions and missing audit entries", () => {
    const check = checkWrites({
      ...noWrites,
      created: new Set(["a", "b"]),
      existing: new Set(["e"]),
      resent: new Map([["f", 500]]),
      sessionsAfter: new Set(["old", "a", "x"]),
      auditedAfter: new Set(["old", "x", "y"]),
    });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      "1 answered as saved but not in the database",
      "1 in the database without a saved answer",
      "1 new ids answered 200 (already saved)",
      "1 resent ids not saved",
      "1 sessions without their audit entry",
      "1 audit entries without their session",
    ]);
  });
});

describe("selectRoutes", () => {
  const routes = [
    { name: "/ (home)", role: "staff" },
    { name: "/ (home)", role: "mentor" },
    { name: "export sessions", role: "staff" },
    { name: "POST /api/sessions", role: "mentor" },
  ];

  it("keeps every route without a filter, else those whose name or role matches a part", () => {
    expect(selectRoutes(routes, undefined)).toHaveLength(4);
    expect(selectRoutes(routes, " ")).toHaveLength(4);
    expect(selectRoutes(routes, "export,POST").map((r) => r.name)).toEqual([
      "export sessions",
      "POST /api/sessions",
    ]);
    expect(selectRoutes(routes, "home) mentor")).toEqual([routes[1]]);
    expect(selectRoutes(routes, "nothing")).toEqual([]);
  });
});
