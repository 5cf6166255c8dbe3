import type { ChartKey } from "../datasets";
import type { ChartSeries } from "./chart-view";

type SeriesLayout = Omit<ChartSeries, "name" | "format">;

/** How each chart draws its dataset's columns; columns not listed appear in its table only. */
export const CHART_SPECS: Record<ChartKey, { layout: "columns" | "bars"; series: SeriesLayout[] }> =
  {
    quarterly: {
      layout: "columns",
      series: [
        { key: "jobs_created_women", kind: "bar", stack: "jobs", color: "var(--chart-1)" },
        { key: "jobs_created_men", kind: "bar", stack: "jobs", color: "var(--chart-3)" },
        { key: "jobs_created_youth", kind: "line", color: "var(--chart-2)" },
      ],
    },
    provinces: {
      layout: "bars",
      series: [{ key: "jobs_created", kind: "bar", color: "var(--chart-1)" }],
    },
    sectors: {
      layout: "bars",
      series: [{ key: "jobs_created", kind: "bar", color: "var(--chart-1)" }],
    },
    programs: {
      layout: "bars",
      series: [
        { key: "support_disbursed_mad", kind: "bar", color: "var(--chart-3)" },
        { key: "jobs_created", kind: "bar", axis: "secondary", color: "var(--chart-1)" },
      ],
    },
    sources: {
      layout: "bars",
      series: [
        { key: "funding_committed_mad", kind: "bar", color: "var(--chart-3)" },
        { key: "funding_disbursed_mad", kind: "bar", color: "var(--chart-1)" },
      ],
    },
    funnel: {
      layout: "bars",
      series: [{ key: "cooperatives", kind: "bar", color: "var(--chart-5)" }],
    },
    graduation: {
      layout: "bars",
      series: [
        { key: "graduated", kind: "bar", stack: "reached", color: "var(--chart-1)" },
        { key: "withdrawn", kind: "bar", stack: "reached", color: "var(--chart-4)" },
      ],
    },
    milestones: {
      layout: "bars",
      series: [{ key: "milestone_completion", kind: "bar", color: "var(--chart-2)" }],
    },
  };

/** Room for every category on a phone: one line of bars per category down the side. */
export function chartHeight(key: ChartKey, categories: number): number {
  const spec = CHART_SPECS[key];
  if (spec.layout === "columns") return 300;
  const groups = new Set(spec.series.map((s) => s.stack ?? s.key)).size;
  return Math.max(180, categories * (groups * 18 + 14) + 80);
}
