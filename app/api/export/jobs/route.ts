import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { exportSnapshots, type JobsExportRow } from "@/db/queries/jobs";
import { authorize, cooperativeAccess } from "@/lib/dal";
import { errorResponse } from "@/lib/errors";
import { exportFormat, exportResponse, type ExportColumn } from "@/lib/export";
import { parseListFilters } from "@/lib/filters";
import { currentLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** Jobs snapshots of the cooperatives the viewer may see; every role reads them (no contacts). */
export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const format = exportFormat(params);
    if (!format) return Response.json({ error: "bad_request" }, { status: 400 });
    const viewer = await authorize();
    const rows = await exportSnapshots(await getDb(), {
      access: cooperativeAccess(viewer),
      filters: parseListFilters(params),
    });
    const labels = params.get("labels") === "1";
    const [t, locale] = await Promise.all([getTranslations("jobs"), currentLocale()]);
    const hideName = (row: JobsExportRow) =>
      viewer.role === "official" && row.legalForm === "auto_entrepreneur";
    const columns: ExportColumn<JobsExportRow>[] = [
      { key: "id", value: (r) => r.id },
      { key: "cooperative_id", value: (r) => r.cooperativeId },
      {
        key: "cooperative",
        value: (r) => (hideName(r) ? `auto-entrepreneur #${r.cooperativeId}` : r.cooperative),
        label: (r) =>
          hideName(r)
            ? t("missing.autoEntrepreneur", { id: String(r.cooperativeId) })
            : r.cooperative,
      },
      { key: "as_of", value: (r) => r.asOf, date: true },
      { key: "kind", value: (r) => r.kind, label: (r) => t(`kind.${r.kind}`) },
      { key: "jobs_total", value: (r) => r.jobsTotal },
      { key: "jobs_women", value: (r) => r.jobsWomen },
      { key: "jobs_youth", value: (r) => r.jobsYouth },
      { key: "jobs_seasonal", value: (r) => r.seasonalJobs },
      { key: "members_total", value: (r) => r.membersTotal },
      { key: "reported_by", value: (r) => r.reportedBy },
      { key: "source", value: (r) => r.source },
    ];
    return exportResponse({
      dataset: "jobs",
      format,
      columns,
      rows,
      rtl: labels && locale === "ar",
      headerLabel: labels ? (key) => t(`fields.${key}`) : undefined,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
