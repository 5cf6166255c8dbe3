import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { isChartKey, loadChart, type ChartRow } from "@/app/(app)/impact/datasets";
import { getDb } from "@/db";
import { authorize, metricScope } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { errorResponse, NotFoundError } from "@/lib/errors";
import { exportFormat, exportResponse, type ExportColumn } from "@/lib/export";
import { currentLocale } from "@/lib/i18n/server";
import { impactFilters, parseImpactQuery } from "@/lib/metrics";

export const dynamic = "force-dynamic";

/** Exactly the data of one impact chart, as CSV or XLSX, for the dashboard's filters. */
export async function GET(request: NextRequest, context: { params: Promise<{ chart: string }> }) {
  try {
    const params = request.nextUrl.searchParams;
    const format = exportFormat(params);
    const { query, invalid } = parseImpactQuery(params);
    if (!format || invalid.length > 0) {
      return Response.json({ error: "bad_request", invalid }, { status: 400 });
    }
    const viewer = await authorize();
    const { chart } = await context.params;
    if (!isChartKey(chart)) throw new NotFoundError();
    const today = todayIso();
    const locale = await currentLocale();
    const dataset = await loadChart(chart, {
      db: await getDb(),
      filters: impactFilters(query, { today, scope: metricScope(viewer) }),
      query,
      locale,
      today,
    });
    const category: ExportColumn<ChartRow>[] = dataset.idColumn
      ? [
          { key: dataset.idColumn, value: (r) => (r.id === null ? null : Number(r.id)) },
          {
            key: dataset.category,
            value: (r) => (r.id === null ? null : r.label),
            label: (r) => r.label,
          },
        ]
      : [{ key: dataset.category, value: (r) => r.id, label: (r) => r.label }];
    const labels = params.get("labels") === "1";
    const t = await getTranslations("impact.columns");
    return exportResponse({
      dataset: `impact-${chart}`,
      format,
      columns: [
        ...category,
        ...dataset.columns.map((column): ExportColumn<ChartRow> => ({
          key: column.key,
          money: column.format === "money",
          value: (r) => r.values[column.key] ?? null,
        })),
      ],
      rows: dataset.rows,
      rtl: labels && locale === "ar",
      headerLabel: labels ? (key) => t(key) : undefined,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
