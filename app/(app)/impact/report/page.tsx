import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { verifySession } from "@/lib/dal";
import { formatDate, formatDateTime } from "@/lib/format";
import { impactQueryString, parseImpactQuery, type ImpactQuery } from "@/lib/metrics";
import { ChartCard } from "../_components/chart-card";
import { Headline } from "../_components/headline";
import { filterOptions, loadImpact } from "../_components/load";
import { PrintButton } from "../_components/print-button";
import { CHART_KEYS } from "../datasets";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("impact.report");
  return { title: t("title") };
}

/** A4, the app's header hidden, charts kept whole, colours printed as on screen. */
const PRINT_CSS = `
@page { size: A4; margin: 14mm; }
@media print {
  body header, [data-print-hidden] { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  html { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  [data-print-page] { break-after: page; }
  [data-slot="card"] { box-shadow: none; break-inside: avoid; }
}`;

async function filterLines(query: ImpactQuery): Promise<{ label: string; value: string }[]> {
  const [options, t, tSector, tLegal] = await Promise.all([
    filterOptions(query),
    getTranslations("impact.filters"),
    getTranslations("sector"),
    getTranslations("legalForm"),
  ]);
  const name = (list: { value: string; label: string }[], value: string | undefined) =>
    value === undefined ? undefined : (list.find((o) => o.value === value)?.label ?? value);
  const lines: [string, string | undefined][] = [
    ["province", name(options.provinces, query.province)],
    ["sector", query.sector && tSector(query.sector)],
    ["program", name(options.programs, query.program)],
    ["cohort", name(options.cohorts.options, query.cohortId?.toString())],
    ["legal_form", query.legalForm && tLegal(query.legalForm)],
  ];
  return lines.map(([key, value]) => ({ label: t(key), value: value ?? t("all") }));
}

/** The printable report of the current filters, in the viewer's language. */
export default async function ImpactReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await verifySession();
  const { query } = parseImpactQuery(await searchParams);
  const [{ summary, datasets, locale }, filters, t] = await Promise.all([
    loadImpact(viewer, query, CHART_KEYS),
    filterLines(query),
    getTranslations("impact.report"),
  ]);
  const computedAt = new Date();
  const period = query.from
    ? t("period", { from: formatDate(locale, query.from), to: formatDate(locale, summary.asOf) })
    : t("upTo", { date: formatDate(locale, summary.asOf) });
  return (
    <div className="mx-auto grid w-full max-w-[186mm] min-w-0 gap-6" data-testid="impact-report">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap gap-2" data-print-hidden>
        <PrintButton label={t("print")} />
        <Link
          href={`/impact${impactQueryString(query)}`}
          className={buttonVariants({ variant: "outline" })}
        >
          {t("back")}
        </Link>
      </div>
      <section
        data-print-page
        className="grid content-start gap-6 rounded-xl border p-6"
        aria-labelledby="report-title"
      >
        <p className="text-sm text-muted-foreground">{t("issuer")}</p>
        <h1 id="report-title" className="text-3xl font-bold">
          {t("title")}
        </h1>
        <p className="text-xl" data-testid="report-period">
          {period}
        </p>
        <dl
          className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm"
          data-testid="report-filters"
        >
          {filters.map((line) => (
            <div key={line.label} className="contents">
              <dt className="font-medium">{line.label}</dt>
              <dd>{line.value}</dd>
            </div>
          ))}
        </dl>
        {viewer.role === "mentor" && <p className="text-sm">{t("mentorScope")}</p>}
        <p className="text-sm text-muted-foreground">
          {t("computedAt", { at: formatDateTime(locale, computedAt) })}{" "}
          <time dateTime={computedAt.toISOString()} data-testid="report-computed-at">
            ({computedAt.toISOString()})
          </time>
        </p>
        <p className="text-sm">{t("coverageNote")}</p>
      </section>
      <Headline summary={summary} from={query.from} locale={locale} />
      <div className="grid gap-4">
        {datasets.map((dataset) => (
          <ChartCard key={dataset.key} dataset={dataset} query={query} locale={locale} print />
        ))}
      </div>
    </div>
  );
}
