import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { cohortOptions, provinceOptions } from "@/db/queries/cooperative-record";
import { canEditCooperatives } from "@/lib/dal";
import { currentLocale } from "@/lib/i18n/server";
import { CooperativeForm } from "../../_components/cooperative-form";
import { loadCooperative } from "../../_components/load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { cooperative } = await loadCooperative((await params).id);
  const t = await getTranslations("cooperatives.form");
  return { title: t("editTitle", { name: cooperative.name }) };
}

const text = (value: string | number | null) => (value === null ? "" : String(value));

export default async function EditCooperativePage({ params }: Props) {
  const { viewer, cooperative: c } = await loadCooperative((await params).id);
  if (!canEditCooperatives(viewer) || c.archivedAt) notFound();
  const db = await getDb();
  const [provinces, cohorts, t, locale] = await Promise.all([
    provinceOptions(db),
    cohortOptions(db),
    getTranslations("cooperatives.form"),
    currentLocale(),
  ]);
  return (
    <div className="grid max-w-4xl gap-4">
      <h1 className="text-2xl font-bold">{t("editTitle", { name: c.name })}</h1>
      <CooperativeForm
        id={c.id}
        version={c.version}
        initial={{
          name: c.name,
          name_latin: text(c.nameLatin),
          legal_form: c.legalForm,
          sector: c.sector,
          province: c.province,
          commune: text(c.commune),
          area: c.area,
          registration_number: text(c.registrationNumber),
          registered_on: text(c.registeredOn),
          court: text(c.court),
          founded_on: text(c.foundedOn),
          women_coop: String(c.womenCoop),
          members_total: String(c.membersTotal),
          members_women: String(c.membersWomen),
          members_youth: String(c.membersYouth),
          share_capital_mad: text(c.shareCapitalMad),
          cohort_id: text(c.cohortId),
          contact_name: text(c.contactName),
          phone: text(c.phone),
          email: text(c.email),
          address: text(c.address),
        }}
        provinces={provinces.map((p) => ({ value: p.key, label: p[locale] }))}
        cohorts={cohorts.map((c) => ({ value: String(c.id), label: c.name }))}
        cancelHref={`/cooperatives/${c.id}`}
      />
    </div>
  );
}
