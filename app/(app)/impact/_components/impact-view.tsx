import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import type { Viewer } from "@/lib/dal";
import { impactQueryString, type ImpactQuery } from "@/lib/metrics";
import type { ChartKey } from "../datasets";
import { ChartCard } from "./chart-card";
import { Headline } from "./headline";
import { ImpactFilters } from "./impact-filters";
import { filterOptions, loadImpact } from "./load";

/** The dashboard, for the whole region (/impact) or one province (/impact/provinces/[key]). */
export async function ImpactView({
  viewer,
  query,
  charts,
  province,
}: {
  viewer: Viewer;
  query: ImpactQuery;
  charts: readonly ChartKey[];
  /** A province's drill-down: its filters keep the province, its title names it. */
  province?: { key: string; name: string };
}) {
  const [{ summary, datasets, locale }, options, t] = await Promise.all([
    loadImpact(viewer, query, charts),
    filterOptions(query),
    getTranslations("impact"),
  ]);
  const search = impactQueryString(query);
  const action = province ? `/impact/provinces/${province.key}` : "/impact";
  const outline = buttonVariants({ variant: "outline", size: "sm" });
  const series = (format: string) =>
    `/api/export/impact${impactQueryString(query, { labels: "1", format })}`;
  return (
    <div className="grid min-w-0 gap-6 [&>*]:min-w-0" data-testid="impact">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="grid gap-1">
          {province && (
            <Link
              href={`/impact${impactQueryString(query, { province: undefined })}`}
              className="text-sm text-primary underline-offset-4 hover:underline"
            >
              {t("backToRegion")}
            </Link>
          )}
          <h1 className="text-2xl font-bold">
            {province ? t("provinceTitle", { province: province.name }) : t("title")}
          </h1>
          {viewer.role === "mentor" && (
            <p className="text-sm text-muted-foreground" data-testid="impact-scope">
              {t("mentorScope")}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            href={`/impact/report${search}`}
            className={outline}
            data-testid="impact-report-link"
          >
            {t("report.open")}
          </Link>
          <a href={series("csv")} className={outline} download>
            {t("seriesCsv")}
          </a>
          <a href={series("xlsx")} className={outline} download>
            {t("seriesXlsx")}
          </a>
        </div>
      </div>
      <ImpactFilters
        action={action}
        query={query}
        provinces={province ? undefined : options.provinces}
        programs={options.programs}
        cohorts={options.cohorts}
      />
      <Headline summary={summary} from={query.from} locale={locale} />
      <section aria-labelledby="charts-title" className="grid gap-3">
        <h2 id="charts-title" className="text-lg font-semibold">
          {t("chartsTitle")}
        </h2>
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2 [&>*]:min-w-0">
          {datasets.map((dataset) => (
            <ChartCard key={dataset.key} dataset={dataset} query={query} locale={locale} />
          ))}
        </div>
      </section>
    </div>
  );
}
