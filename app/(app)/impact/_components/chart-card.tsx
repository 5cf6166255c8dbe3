import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatMoney, formatNumber, formatPercent } from "@/lib/format";
import { direction, type Locale } from "@/lib/i18n/config";
import { impactQueryString, type ImpactQuery } from "@/lib/metrics";
import type { ChartDataset, ValueFormat } from "../datasets";
import { Chart } from "./chart";
import { ChartTable, type ChartTableRow } from "./chart-table";
import { CHART_SPECS, chartHeight } from "./chart-specs";
import { SHOWN_ROWS, largestRows } from "./largest-rows";

/**
 * One chart of the dashboard: its title, the chart (loaded in the browser), the same figures as
 * a table (folded on screen, open in print) and downloads of exactly these figures.
 */
export async function ChartCard({
  dataset,
  query,
  locale,
  print = false,
}: {
  dataset: ChartDataset;
  query: ImpactQuery;
  locale: Locale;
  print?: boolean;
}) {
  const t = await getTranslations("impact");
  const key = dataset.key;
  const spec = CHART_SPECS[key];
  const formatOf = (column: string): ValueFormat =>
    dataset.columns.find((c) => c.key === column)?.format ?? "number";
  const show = (format: ValueFormat, value: number | null | undefined) =>
    value === null || value === undefined
      ? t("notAvailable")
      : format === "money"
        ? formatMoney(locale, value, 2)
        : format === "percent"
          ? formatPercent(locale, value)
          : formatNumber(locale, value);
  const empty =
    dataset.rows.length === 0 ||
    dataset.rows.every((row) => spec.series.every((s) => !row.values[s.key]));
  // At national scale a chart by cohort has hundreds of rows: a page for a phone shows the
  // largest, and says where the rest is. A time series keeps every quarter.
  const rows =
    print || key === "quarterly"
      ? dataset.rows
      : largestRows(dataset.rows, spec.series[0]!.key, SHOWN_ROWS);
  const download = (format: "csv" | "xlsx") =>
    `/api/impact/chart/${key}${impactQueryString(query, { labels: "1", format })}`;
  const titleId = `chart-${key}-title`;
  // The chart and its table read one array: the figures cross the network once, and the table's
  // markup is made in its component rather than sent as hundreds of cells in the page's payload.
  const tableRows: ChartTableRow[] = rows.map((row) => ({
    id: row.id,
    label: row.label,
    href: row.href,
    values: row.values,
    cells: dataset.columns.map((column) => show(column.format, row.values[column.key])),
  }));
  const table = (
    <ChartTable
      chart={key}
      caption={t(`charts.${key}.title`)}
      category={t(`columns.${dataset.category}`)}
      columns={dataset.columns.map((column) => ({
        key: column.key,
        label: t(`columns.${column.key}`),
      }))}
      rows={tableRows}
      empty={dataset.rows.length === 0 ? t("empty") : null}
      links={!print}
    />
  );
  return (
    <Card
      className="min-w-0 break-inside-avoid gap-4"
      aria-labelledby={titleId}
      role="region"
      data-testid={`chart-${key}`}
    >
      <CardHeader>
        <CardTitle>
          <h2 id={titleId} className="text-base">
            {t(`charts.${key}.title`)}
          </h2>
        </CardTitle>
        <CardDescription>{t(`charts.${key}.description`)}</CardDescription>
      </CardHeader>
      <CardContent className="grid min-w-0 gap-3">
        {empty ? (
          <p className="text-sm text-muted-foreground" data-testid={`chart-${key}-empty`}>
            {t("empty")}
          </p>
        ) : (
          <Chart
            layout={spec.layout}
            series={spec.series.map((s) => ({
              ...s,
              name: t(`columns.${s.key}`),
              format: formatOf(s.key),
            }))}
            rows={tableRows}
            locale={locale}
            rtl={direction(locale) === "rtl"}
            height={chartHeight(key, rows.length)}
            eager={print}
          />
        )}
        {rows.length < dataset.rows.length && (
          <p className="text-sm text-muted-foreground" data-testid={`chart-${key}-partial`}>
            {t("rowsShown", {
              shown: formatNumber(locale, rows.length),
              total: formatNumber(locale, dataset.rows.length),
            })}
          </p>
        )}
        {print ? (
          table
        ) : (
          <details className="group rounded-md border">
            <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
              {t("showTable")}
            </summary>
            <div className="border-t p-2">{table}</div>
          </details>
        )}
        {!print && (
          <div className="flex flex-wrap gap-2">
            <a
              href={download("csv")}
              className={buttonVariants({ variant: "outline", size: "sm" })}
              download
              aria-label={t("downloadCsvOf", { chart: t(`charts.${key}.title`) })}
            >
              {t("downloadCsv")}
            </a>
            <a
              href={download("xlsx")}
              className={buttonVariants({ variant: "outline", size: "sm" })}
              download
              aria-label={t("downloadXlsxOf", { chart: t(`charts.${key}.title`) })}
            >
              {t("downloadXlsx")}
            </a>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
