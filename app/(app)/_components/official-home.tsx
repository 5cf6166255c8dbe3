import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { getDb } from "@/db";
import { cooperativeDirectory } from "@/db/queries/impact";
import { metricScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatNumber } from "@/lib/format";
import { impactFilters, impactQueryString, lastQuartersFrom } from "@/lib/metrics";
import { ChartCard } from "../impact/_components/chart-card";
import { Headline } from "../impact/_components/headline";
import { loadImpact } from "../impact/_components/load";
import { CooperativeDirectory } from "../impact/_components/cooperative-directory";

const PAGE_SIZE = 25;

function pageOf(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/**
 * The official's home: the impact dashboard's summary over the last four quarters (stock
 * figures as of today, flows within them), the quarterly chart, and a directory of
 * cooperatives (no contacts) with their jobs created and funding.
 */
export async function OfficialHome({
  viewer,
  searchParams = {},
}: {
  viewer: Viewer;
  searchParams?: Record<string, string | string[] | undefined>;
}) {
  const today = todayIso();
  const query = { from: lastQuartersFrom(today, 4) };
  const page = pageOf(searchParams.page);
  const [{ summary, datasets, locale }, directory, t] = await Promise.all([
    loadImpact(viewer, query, ["quarterly"]),
    getDb().then((db) =>
      cooperativeDirectory(db, {
        filters: impactFilters({}, { today, scope: metricScope(viewer) }),
        page,
        pageSize: PAGE_SIZE,
      }),
    ),
    getTranslations("impact.home"),
  ]);
  return (
    <div className="grid min-w-0 gap-6 [&>*]:min-w-0">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-muted-foreground">{t("intro")}</p>
        <Link
          href={`/impact${impactQueryString(query)}`}
          className={buttonVariants()}
          data-testid="open-impact"
        >
          {t("openDashboard")}
        </Link>
      </div>
      <Headline summary={summary} from={query.from} locale={locale} />
      {datasets.map((dataset) => (
        <ChartCard key={dataset.key} dataset={dataset} query={query} locale={locale} />
      ))}
      <CooperativeDirectory
        viewer={viewer}
        rows={directory.rows}
        total={directory.total}
        page={page}
        pageSize={PAGE_SIZE}
        count={formatNumber(locale, directory.total)}
      />
    </div>
  );
}
