import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { exportDisbursements, type DisbursementExportRow } from "@/db/queries/funding-ledger";
import { authorize, cooperativeAccess } from "@/lib/dal";
import { errorResponse } from "@/lib/errors";
import { exportFormat, exportResponse, type ExportColumn } from "@/lib/export";
import { currentLocale } from "@/lib/i18n/server";
import { parseFundingFilters } from "@/lib/validation/funding";

export const dynamic = "force-dynamic";

/** One row per tranche paid out (planned ones are not money yet), with the ledger's filters. */
export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const format = exportFormat(params);
    if (!format) return Response.json({ error: "bad_request" }, { status: 400 });
    const viewer = await authorize();
    const rows = await exportDisbursements(await getDb(), {
      access: cooperativeAccess(viewer),
      filters: parseFundingFilters(params),
    });
    const labels = params.get("labels") === "1";
    const [tColumn, locale] = await Promise.all([
      getTranslations("funding.columns"),
      currentLocale(),
    ]);
    const columns: ExportColumn<DisbursementExportRow>[] = [
      { key: "id", value: (r) => r.id },
      { key: "award_id", value: (r) => r.awardId },
      { key: "cooperative_id", value: (r) => r.cooperativeId },
      { key: "disbursed_on", value: (r) => r.disbursedOn, date: true },
      { key: "amount_mad", money: true, value: (r) => Number(r.amountMad) },
      { key: "reference", value: (r) => r.reference },
    ];
    return exportResponse({
      dataset: "disbursements",
      format,
      columns,
      rows,
      rtl: labels && locale === "ar",
      headerLabel: labels ? (key) => tColumn(key) : undefined,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
