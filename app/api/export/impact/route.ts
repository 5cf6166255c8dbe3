import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { quarterlySeries, type QuarterFigures } from "@/db/queries/metrics";
import { authorize, metricScope } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { errorResponse } from "@/lib/errors";
import { exportFormat, exportResponse, type ExportColumn } from "@/lib/export";
import { currentLocale } from "@/lib/i18n/server";
import { impactFilters, parseImpactQuery } from "@/lib/metrics";

export const dynamic = "force-dynamic";

const COLUMNS: ExportColumn<QuarterFigures>[] = [
  { key: "quarter", value: (q) => q.quarter },
  { key: "jobs_created", value: (q) => q.created },
  { key: "jobs_created_women", value: (q) => q.createdWomen },
  { key: "jobs_created_youth", value: (q) => q.createdYouth },
  { key: "funding_disbursed_mad", money: true, value: (q) => q.disbursedCentimes / 100 },
  { key: "support_disbursed_mad", money: true, value: (q) => q.supportCentimes / 100 },
];

/** The quarterly series of the impact figures: jobs created as of each quarter's end, money paid in it. */
export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const format = exportFormat(params);
    const { query, invalid } = parseImpactQuery(params);
    if (!format || invalid.length > 0) {
      return Response.json({ error: "bad_request", invalid }, { status: 400 });
    }
    const viewer = await authorize();
    const filters = impactFilters(query, { today: todayIso(), scope: metricScope(viewer) });
    const rows = await quarterlySeries(await getDb(), filters);
    const labels = params.get("labels") === "1";
    const [t, locale] = await Promise.all([getTranslations("impact.columns"), currentLocale()]);
    return exportResponse({
      dataset: "impact",
      format,
      columns: COLUMNS,
      rows,
      rtl: labels && locale === "ar",
      headerLabel: labels ? (key) => t(key) : undefined,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
