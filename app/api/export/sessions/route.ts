import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { exportSessions, type MentoringSession } from "@/db/queries/sessions";
import { authorize, cooperativeAccess } from "@/lib/dal";
import { errorResponse } from "@/lib/errors";
import { exportFormat, exportResponse, type ExportColumn } from "@/lib/export";
import { currentLocale } from "@/lib/i18n/server";
import { searchParam } from "@/lib/search-param";
import { parseSessionFilters } from "@/lib/validation/session";

export const dynamic = "force-dynamic";

/**
 * Mentoring sessions with their notes: admin and staff all, a mentor those of assigned
 * cooperatives; officials are refused (notes are confidential, they read counts and hours only).
 */
export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const format = exportFormat(params);
    if (!format) return Response.json({ error: "bad_request" }, { status: 400 });
    const viewer = await authorize("admin", "staff", "mentor");
    const rows = await exportSessions(await getDb(), {
      access: cooperativeAccess(viewer),
      filters: { ...parseSessionFilters(params), mentorName: searchParam(params, "mentor_q") },
    });
    const labels = params.get("labels") === "1";
    const [t, tMode, tTopic, locale] = await Promise.all([
      getTranslations("sessions"),
      getTranslations("sessionMode"),
      getTranslations("sessionTopic"),
      currentLocale(),
    ]);
    const columns: ExportColumn<MentoringSession>[] = [
      { key: "id", value: (r) => r.id },
      { key: "cooperative_id", value: (r) => r.cooperativeId },
      { key: "cooperative", value: (r) => r.cooperative },
      { key: "mentor_id", value: (r) => r.mentorId },
      { key: "mentor", value: (r) => r.mentor },
      { key: "held_on", value: (r) => r.heldOn, date: true },
      { key: "duration_minutes", value: (r) => r.durationMinutes },
      { key: "mode", value: (r) => r.mode, label: (r) => tMode(r.mode) },
      {
        key: "topics",
        value: (r) => r.topics.join("|"),
        label: (r) => r.topics.map((topic) => tTopic(topic)).join("|"),
      },
      { key: "attendees", value: (r) => r.attendees },
      { key: "notes", value: (r) => r.notes },
      { key: "next_steps", value: (r) => r.nextSteps },
      { key: "follow_up_on", value: (r) => r.followUpOn, date: true },
    ];
    return exportResponse({
      dataset: "sessions",
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
