import { describe, expect, it } from "vitest";
import { copyField, copyLine } from "@/scripts/bench/copy-format";
import { scriptSources } from "@/scripts/bench/measure";
import { CookieJar } from "@/scripts/bench/session";
import {
  formatTable,
  percentile,
  type RouteOutcome,
  summarize,
  type ScaleResult,
} from "@/scripts/bench/stats";

describe("COPY text format", () => {
  it("escapes backslashes, tabs and newlines and writes nulls as \\N", () => {
    expect(copyLine(["a\tb", null, "c\\d\ne", 3, true])).toBe("a\\tb\t\\N\tc\\\\d\\ne\t3\tt\n");
  });

  it("writes arrays as literals and dates in UTC", () => {
    expect(copyField(["governance", "legal"])).toBe("{governance,legal}");
    expect(copyField(["a b"])).toBe('{"a b"}');
    expect(copyField(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe("2026-01-02T03:04:05.000Z");
  });
});

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });

  it("summarizes latencies into a rate and percentiles", () => {
    const m = summarize([30, 10, 20, 40], 2, { errors: 0, non2xx: 0 });
    expect(m).toEqual({
      requests: 4,
      perSecond: 2,
      p50: 20,
      p95: 40,
      p99: 40,
      errors: 0,
      non2xx: 0,
    });
  });
});

describe("formatTable", () => {
  const measured = (p50: number): RouteOutcome => ({
    kind: "measured",
    measurement: summarize([p50], 1, { errors: 0, non2xx: 0 }),
  });

  it("divides by the floor and by the demo scale, and names missing routes", () => {
    const national: ScaleResult = {
      label: "national",
      routes: new Map<string, RouteOutcome>([
        ["floor", measured(10)],
        ["list", measured(30)],
        ["impact", { kind: "missing" }],
      ]),
    };
    const demo: ScaleResult = {
      label: "demo",
      routes: new Map<string, RouteOutcome>([
        ["floor", measured(10)],
        ["list", measured(20)],
      ]),
    };
    const lines = formatTable(["floor", "list", "impact"], "floor", [national, demo]).split("\n");
    expect(lines[3]).toMatch(/^list\s+national\s+1\.0\s+30\.0\s+30\.0\s+30\.0\s+3\.00\s+1\.50$/);
    expect(lines[4]).toMatch(/^list\s+demo\s+1\.0\s+20\.0\s+20\.0\s+20\.0\s+2\.00$/);
    expect(lines[5]).toMatch(/^impact\s+national\s+missing$/);
  });
});

describe("scriptSources", () => {
  it("lists each same-origin script once", () => {
    const html =
      '<script src="/_next/static/chunks/a.js" async=""></script><script src="/_next/static/chunks/a.js"></script>' +
      '<script nonce="x" src="/_next/static/chunks/b.js?dpl=1&amp;v=2"></script><script src="https://cdn.example/c.js"></script><script>inline()</script>';
    expect(scriptSources(html)).toEqual([
      "/_next/static/chunks/a.js",
      "/_next/static/chunks/b.js?dpl=1&v=2",
    ]);
  });

  it("leaves out nomodule scripts, which browsers that run modules never fetch", () => {
    const html =
      '<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="n"></script>' +
      '<script src="/_next/static/chunks/main.js" async="" nonce="n"></script>';
    expect(scriptSources(html)).toEqual(["/_next/static/chunks/main.js"]);
  });
});

describe("CookieJar", () => {
  it("keeps the latest value of each cookie and drops expired ones", () => {
    const jar = new CookieJar();
    const headers = new Headers();
    headers.append("set-cookie", "next-auth.csrf-token=abc; Path=/; HttpOnly");
    headers.append("set-cookie", "next-auth.session-token=jwt; Path=/; HttpOnly; SameSite=Lax");
    headers.append("set-cookie", "old=; Max-Age=0; Path=/");
    jar.take(new Response(null, { headers }));
    expect(jar.header()).toBe("next-auth.csrf-token=abc; next-auth.session-token=jwt");
    expect(jar.has("session-token")).toBe(true);
  });
});
