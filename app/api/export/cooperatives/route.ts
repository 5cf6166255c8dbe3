import { getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { provinceOptions } from "@/db/queries/cooperative-record";
import { exportCooperatives, type CooperativeExportRow } from "@/db/queries/cooperatives";
import { authorize, canSeeContacts, cooperativeAccess } from "@/lib/dal";
import { errorResponse } from "@/lib/errors";
import { exportFormat, exportResponse, type ExportColumn } from "@/lib/export";
import { parseListFilters } from "@/lib/filters";
import { currentLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest) {
  try {
    const params = request.nextUrl.searchParams;
    const format = exportFormat(params);
    if (!format) return Response.json({ error: "bad_request" }, { status: 400 });
    const viewer = await authorize();
    const db = await getDb();
    const [rows, provinces] = await Promise.all([
      exportCooperatives(db, {
        access: cooperativeAccess(viewer),
        filters: parseListFilters(params),
      }),
      provinceOptions(db),
    ]);
    const labels = params.get("labels") === "1";
    const [t, tField, tStage, tSector, tLegal, tArea, locale] = await Promise.all([
      getTranslations("cooperatives"),
      getTranslations("cooperatives.fields"),
      getTranslations("stage"),
      getTranslations("sector"),
      getTranslations("legalForm"),
      getTranslations("area"),
      currentLocale(),
    ]);
    const provinceNames = new Map(provinces.map((p) => [p.key, p[locale]]));
    const hideName = (row: CooperativeExportRow) =>
      viewer.role === "official" && row.legalForm === "auto_entrepreneur";
    const columns: ExportColumn<CooperativeExportRow>[] = [
      { key: "id", value: (r) => r.id },
      {
        key: "name",
        value: (r) => (hideName(r) ? `auto-entrepreneur #${r.id}` : r.name),
        label: (r) => (hideName(r) ? t("autoEntrepreneurName", { id: String(r.id) }) : r.name),
      },
      { key: "name_latin", value: (r) => (hideName(r) ? null : r.nameLatin) },
      { key: "legal_form", value: (r) => r.legalForm, label: (r) => tLegal(r.legalForm) },
      { key: "sector", value: (r) => r.sector, label: (r) => tSector(r.sector) },
      {
        key: "province",
        value: (r) => r.province,
        label: (r) => provinceNames.get(r.province) ?? r.province,
      },
      { key: "commune", value: (r) => r.commune },
      { key: "area", value: (r) => r.area, label: (r) => tArea(r.area) },
      { key: "registration_number", value: (r) => r.registrationNumber },
      { key: "registered_on", value: (r) => r.registeredOn, date: true },
      {
        key: "women_coop",
        value: (r) => r.womenCoop,
        label: (r) => (r.womenCoop ? t("yes") : t("no")),
      },
      { key: "stage", value: (r) => r.stage, label: (r) => tStage(r.stage) },
      { key: "cohort_id", value: (r) => r.cohortId },
      { key: "cohort", value: (r) => r.cohortName },
      { key: "members_total", value: (r) => r.membersTotal },
      { key: "members_women", value: (r) => r.membersWomen },
      { key: "members_youth", value: (r) => r.membersYouth },
      {
        key: "share_capital_mad",
        money: true,
        value: (r) => (r.shareCapitalMad === null ? null : Number(r.shareCapitalMad)),
      },
    ];
    if (canSeeContacts(viewer)) {
      columns.push(
        { key: "phone", value: (r) => r.phone },
        { key: "email", value: (r) => r.email },
        { key: "contact_name", value: (r) => r.contactName },
      );
    }
    return exportResponse({
      dataset: "cooperatives",
      format,
      columns,
      rows,
      rtl: labels && locale === "ar",
      headerLabel: labels
        ? (key) => tField((key === "cohort_id" ? "cohort_number" : key) as "name")
        : undefined,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
