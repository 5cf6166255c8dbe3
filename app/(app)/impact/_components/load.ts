import "server-only";
import { getDb, type Executor } from "@/db";
import { cachedFigures } from "@/db/queries/figure-cache";
import { cohortChoices, programOptions, provinceOptions } from "@/db/queries/cooperative-record";
import { metricScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { currentLocale } from "@/lib/i18n/server";
import { impactFilters, impactSummary, type ImpactQuery } from "@/lib/metrics";
import { loadChart, type ChartKey } from "../datasets";

/** Every figure and chart of the dashboard for the viewer (a mentor: assigned cooperatives only). */
export async function loadImpact(viewer: Viewer, query: ImpactQuery, charts: readonly ChartKey[]) {
  const today = todayIso();
  const [db, locale] = await Promise.all([getDb(), currentLocale()]);
  const filters = impactFilters(query, { today, scope: metricScope(viewer) });
  const compute = async (db: Executor) => {
    const context = { db, filters, query, locale, today };
    const [summary, datasets] = await Promise.all([
      impactSummary(db, filters),
      Promise.all(charts.map((key) => loadChart(key, context))),
    ]);
    return { summary, datasets };
  };
  // Over every cooperative, the figures are kept until the data changes (db/queries/figure-cache.ts).
  const { summary, datasets } = filters.scope
    ? await compute(db)
    : await cachedFigures(db, "dashboard", { filters, query, locale, today, charts }, compute);
  return { summary, datasets, filters, locale, today };
}

/** The filter form's choices, in the viewer's language. */
export async function filterOptions(query: ImpactQuery) {
  const [db, locale] = await Promise.all([getDb(), currentLocale()]);
  const [provinces, programs, cohorts] = await Promise.all([
    provinceOptions(db),
    programOptions(db),
    // The dashboard is read on phones: its cohorts come once a programme is chosen.
    cohortChoices(db, query, "program"),
  ]);
  return {
    provinces: provinces.map((p) => ({ value: p.key, label: p[locale] })),
    programs: programs.map((p) => ({ value: p.key, label: p[locale] })),
    cohorts,
  };
}
