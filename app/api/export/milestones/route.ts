import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { exportMilestones, type MilestoneRow } from "@/db/queries/milestone-list";
import { authorize, cooperativeAccess } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { errorResponse } from "@/lib/errors";
import { exportFormat, exportResponse, type ExportColumn } from "@/lib/export";
import { currentLocale } from "@/lib/i18n/server";
import { parseMilestoneFilters } from "@/lib/validation/milestone";

export const dynamic = "force-dynamic";

/**
 * Milestones of the cooperatives the viewer may see (a mentor: assigned ones), with the list's
 * filters. Every role reads them; no contact or evidence is exported. `title` is, with keys, the
 * template's English label (a stable text next to the `template` key) or the custom title; with
 * `labels=1`, the label in the reader's language.
 */
export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const format = exportFormat(params);
    if (!format) return Response.json({ error: "bad_request" }, { status: 400 });
    const viewer = await authorize();
    const rows = await exportMilestones(await getDb(), {
      access: cooperativeAccess(viewer),
      filters: parseMilestoneFilters(params),
      today: todayIso(),
    });
    const labels = params.get("labels") === "1";
    const [t, tStage, tStatus, locale] = await Promise.all([
      getTranslations("milestones"),
      getTranslations("stage"),
      getTranslations("milestoneStatus"),
      currentLocale(),
    ]);
    const hideName = (row: MilestoneRow) =>
      viewer.role === "official" && row.legalForm === "auto_entrepreneur";
    const columns: ExportColumn<MilestoneRow>[] = [
      { key: "id", value: (r) => r.id },
      { key: "cooperative_id", value: (r) => r.cooperativeId },
      {
        key: "cooperative",
        value: (r) => (hideName(r) ? `auto-entrepreneur #${r.cooperativeId}` : r.cooperative),
        label: (r) =>
          hideName(r) ? t("autoEntrepreneur", { id: String(r.cooperativeId) }) : r.cooperative,
      },
      { key: "template", value: (r) => r.templateKey ?? "" },
      { key: "title", value: (r) => r.names.en, label: (r) => r.names[locale] },
      { key: "stage", value: (r) => r.stage, label: (r) => tStage(r.stage) },
      { key: "status", value: (r) => r.status, label: (r) => tStatus(r.status) },
      { key: "due_on", value: (r) => r.dueOn, date: true },
      { key: "completed_on", value: (r) => r.completedOn, date: true },
      { key: "reported_by", value: (r) => r.reportedBy },
      { key: "verified_at", value: (r) => r.verifiedAt?.toISOString() ?? null },
    ];
    return exportResponse({
      dataset: "milestones",
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
