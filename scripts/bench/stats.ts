/** The value below which `p` percent of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type Measurement = {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
};

export function summarize(
  latencies: readonly number[],
  seconds: number,
  failures: { errors: number; non2xx: number },
): Measurement {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: seconds > 0 ? sorted.length / seconds : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    ...failures,
  };
}

export type RouteOutcome =
  | { kind: "measured"; measurement: Measurement }
  | { kind: "missing" }
  | { kind: "failed"; reason: string };

export type ScaleResult = { label: string; routes: Map<string, RouteOutcome> };

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : "—";

function p50Of(outcome: RouteOutcome | undefined): number | undefined {
  return outcome?.kind === "measured" ? outcome.measurement.p50 : undefined;
}

/** Plain-text table: one row per route and scale, ratios against the floor and across scales. */
export function formatTable(
  routes: readonly string[],
  floor: string,
  scales: readonly ScaleResult[],
): string {
  const header = ["route", "scale", "req/s", "p50 ms", "p95 ms", "p99 ms", "÷ floor", "nat/demo"];
  const national = scales.find((s) => s.label === "national");
  const demo = scales.find((s) => s.label === "demo");
  const lines: string[][] = [];
  for (const route of routes) {
    for (const scale of scales) {
      const outcome = scale.routes.get(route);
      if (!outcome || outcome.kind !== "measured") {
        const note = outcome?.kind === "failed" ? `failed: ${outcome.reason}` : "missing";
        lines.push([route, scale.label, note, "", "", "", "", ""]);
        continue;
      }
      const m = outcome.measurement;
      const floorP50 = p50Of(scale.routes.get(floor));
      const nationalP50 = p50Of(national?.routes.get(route));
      const demoP50 = p50Of(demo?.routes.get(route));
      const crossScale =
        scale === national && nationalP50 !== undefined && demoP50 !== undefined
          ? fixed(nationalP50 / demoP50, 2)
          : "";
      lines.push([
        route,
        scale.label,
        fixed(m.perSecond, 1),
        fixed(m.p50, 1),
        fixed(m.p95, 1),
        fixed(m.p99, 1),
        floorP50 === undefined ? "—" : fixed(m.p50 / floorP50, 2),
        crossScale,
      ]);
      if (m.errors + m.non2xx > 0)
        lines.push(["", "", `(${m.errors} errors, ${m.non2xx} non-2xx)`, "", "", "", "", ""]);
    }
  }
  return align([header, ...lines]);
}

export function align(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((cell, col) => (col < 2 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
