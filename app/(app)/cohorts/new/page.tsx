import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listPrograms } from "@/db/queries/cohorts";
import { requireRole } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { nameIn } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { CohortForm } from "../_components/cohort-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cohorts");
  return { title: t("new") };
}

export default async function NewCohortPage() {
  await requireRole("admin", "staff");
  const [programs, t, locale] = await Promise.all([
    getDb().then(listPrograms),
    getTranslations("cohorts"),
    currentLocale(),
  ]);
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">{t("new")}</h1>
      <CohortForm
        initial={{
          name: "",
          program_id: "",
          start_on: todayIso(),
          end_on: "",
          capacity: "30",
          status: "planned",
        }}
        programs={programs
          .filter((p) => p.active)
          .map((p) => ({ value: String(p.id), label: nameIn(locale, p) }))}
        cancelHref="/cohorts"
      />
    </div>
  );
}
