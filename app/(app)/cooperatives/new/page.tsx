import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { cohortOptions, provinceOptions } from "@/db/queries/cooperative-record";
import { requireRole } from "@/lib/dal";
import { currentLocale } from "@/lib/i18n/server";
import { CooperativeForm } from "../_components/cooperative-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cooperatives.form");
  return { title: t("createTitle") };
}

export default async function NewCooperativePage() {
  await requireRole("admin", "staff");
  const db = await getDb();
  const [provinces, cohorts, t, locale] = await Promise.all([
    provinceOptions(db),
    cohortOptions(db),
    getTranslations("cooperatives.form"),
    currentLocale(),
  ]);
  return (
    <div className="grid max-w-4xl gap-4">
      <h1 className="text-2xl font-bold">{t("createTitle")}</h1>
      <CooperativeForm
        initial={{
          legal_form: "cooperative",
          members_total: "0",
          members_women: "0",
          members_youth: "0",
        }}
        provinces={provinces.map((p) => ({ value: p.key, label: p[locale] }))}
        cohorts={cohorts.map((c) => ({ value: String(c.id), label: c.name }))}
        cancelHref="/cooperatives"
      />
    </div>
  );
}
