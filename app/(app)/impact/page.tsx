import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { verifySession } from "@/lib/dal";
import { parseImpactQuery } from "@/lib/metrics";
import { ImpactView } from "./_components/impact-view";
import { CHART_KEYS } from "./datasets";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("impact");
  return { title: t("title") };
}

/** The impact dashboard: every role; a mentor's figures cover assigned cooperatives only. */
export default async function ImpactPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await verifySession();
  const { query } = parseImpactQuery(await searchParams);
  return <ImpactView viewer={viewer} query={query} charts={CHART_KEYS} />;
}
