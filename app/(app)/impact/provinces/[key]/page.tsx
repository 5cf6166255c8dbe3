import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { provinceOptions } from "@/db/queries/cooperative-record";
import { verifySession } from "@/lib/dal";
import { currentLocale } from "@/lib/i18n/server";
import { parseImpactQuery } from "@/lib/metrics";
import { ImpactView } from "../../_components/impact-view";
import { CHART_KEYS } from "../../datasets";

async function findProvince(key: string) {
  const provinces = await provinceOptions(await getDb());
  return provinces.find((province) => province.key === key) ?? null;
}

export async function generateMetadata({
  params,
}: {
  params: Promise<{ key: string }>;
}): Promise<Metadata> {
  const [province, locale, t] = await Promise.all([
    params.then(({ key }) => findProvince(key)),
    currentLocale(),
    getTranslations("impact"),
  ]);
  return { title: province ? t("provinceTitle", { province: province[locale] }) : t("title") };
}

/** The dashboard for one province (the drill-down of the province chart); an unknown key is not found. */
export default async function ProvinceImpactPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await verifySession();
  const { key } = await params;
  const [province, locale] = await Promise.all([findProvince(key), currentLocale()]);
  if (!province) notFound();
  const { query } = parseImpactQuery(await searchParams);
  return (
    <ImpactView
      viewer={viewer}
      query={{ ...query, province: province.key }}
      charts={CHART_KEYS.filter((chart) => chart !== "provinces")}
      province={{ key: province.key, name: province[locale] }}
    />
  );
}
