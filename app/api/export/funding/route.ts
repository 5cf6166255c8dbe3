import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { hidesPersonName } from "@/app/(app)/cooperatives/_components/display";
import { getDb } from "@/db";
import { exportAwards, type AwardRow } from "@/db/queries/funding-ledger";
import { authorize, cooperativeAccess } from "@/lib/dal";
import { errorResponse } from "@/lib/errors";
import { exportFormat, exportResponse, type ExportColumn } from "@/lib/export";
import { currentLocale } from "@/lib/i18n/server";
import { parseFundingFilters } from "@/lib/validation/funding";

export const dynamic = "force-dynamic";

/** One row per award matching the ledger's filters; a mentor gets assigned cooperatives only. */
export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const format = exportFormat(params);
    if (!format) return Response.json({ error: "bad_request" }, { status: 400 });
    const viewer = await authorize();
    const rows = await exportAwards(await getDb(), {
      access: cooperativeAccess(viewer),
      filters: parseFundingFilters(params),
    });
    const labels = params.get("labels") === "1";
    const [tColumn, tCoop, tSource, tKind, tStatus, locale] = await Promise.all([
      getTranslations("funding.columns"),
      getTranslations("cooperatives"),
      getTranslations("fundingSource"),
      getTranslations("fundingKind"),
      getTranslations("awardStatus"),
      currentLocale(),
    ]);
    const hidden = (row: AwardRow) => hidesPersonName(viewer, row.legalForm);
    const money = (value: string) => Number(value);
    const columns: ExportColumn<AwardRow>[] = [
      { key: "award_id", value: (r) => r.id },
      { key: "cooperative_id", value: (r) => r.cooperativeId },
      {
        key: "cooperative",
        value: (r) => (hidden(r) ? `auto-entrepreneur #${r.cooperativeId}` : r.cooperativeName),
        label: (r) =>
          hidden(r)
            ? tCoop("autoEntrepreneurName", { id: String(r.cooperativeId) })
            : r.cooperativeName,
      },
      {
        key: "program",
        value: (r) => r.programKey,
        label: (r) => r.programNames?.[locale] ?? null,
      },
      { key: "source", value: (r) => r.source, label: (r) => tSource(r.source) },
      { key: "kind", value: (r) => r.kind, label: (r) => tKind(r.kind) },
      { key: "status", value: (r) => r.status, label: (r) => tStatus(r.status) },
      { key: "awarded_on", value: (r) => r.awardedOn, date: true },
      { key: "amount_mad", money: true, value: (r) => money(r.amountMad) },
      { key: "co_financing_mad", money: true, value: (r) => money(r.coFinancingMad) },
      { key: "disbursed_mad", money: true, value: (r) => money(r.disbursedMad) },
    ];
    return exportResponse({
      dataset: "funding",
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
