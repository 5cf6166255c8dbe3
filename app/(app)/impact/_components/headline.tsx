import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { lastCompleteQuarter } from "@/db/queries/metrics";
import { formatDate, formatMoney, formatNumber, formatPercent } from "@/lib/format";
import type { Locale } from "@/lib/i18n/config";
import type { ImpactSummary } from "@/lib/metrics";

function Figure({
  id,
  title,
  hint,
  value,
  raw,
  children,
}: {
  id: string;
  title: string;
  hint: string;
  value: string;
  raw: number | null;
  children?: React.ReactNode;
}) {
  return (
    <Card className="min-w-0 gap-3 py-4 break-inside-avoid" data-testid={id}>
      <CardHeader className="px-4">
        <CardTitle>
          <h3 className="text-sm font-medium">{title}</h3>
        </CardTitle>
        <CardDescription className="text-xs">{hint}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-1 px-4">
        <p className="text-3xl font-bold tabular-nums" data-value={raw ?? ""}>
          {value}
        </p>
        {children}
      </CardContent>
    </Card>
  );
}

/**
 * The headline figures of DOMAIN.md "Metrics": stock figures as of `to`, flow figures within the
 * period, and reporting coverage printed with every jobs figure so nobody reads it as final.
 */
export async function Headline({
  summary,
  from,
  locale,
}: {
  summary: ImpactSummary;
  from?: string;
  locale: Locale;
}) {
  const t = await getTranslations("impact.figures");
  const n = (value: number) => formatNumber(locale, value);
  const mad = (value: number) => formatMoney(locale, value);
  const asOf = t("asOf", { date: formatDate(locale, summary.asOf) });
  const period = from
    ? t("period", { from: formatDate(locale, from), to: formatDate(locale, summary.asOf) })
    : t("upTo", { date: formatDate(locale, summary.asOf) });
  const quarter = lastCompleteQuarter(summary.asOf);
  const coverage = (
    <p className="text-sm font-medium" data-testid="reporting-coverage">
      {t("coverage", {
        value:
          summary.reportingCoverage === null
            ? t("notAvailable")
            : formatPercent(locale, summary.reportingCoverage),
        from: formatDate(locale, quarter.start),
        to: formatDate(locale, quarter.end),
      })}
    </p>
  );
  const { jobs } = summary;
  const part = (count: number) =>
    jobs.created > 0
      ? t("countShare", { count: n(count), share: formatPercent(locale, count / jobs.created) })
      : n(count);
  return (
    <section aria-labelledby="figures-title" className="grid gap-3">
      <h2 id="figures-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 [&>*]:min-w-0">
        <Figure
          id="jobs-created"
          title={t("jobsCreated")}
          hint={asOf}
          value={n(jobs.created)}
          raw={jobs.created}
        >
          <ul className="text-sm">
            <li>{t("women", { value: part(jobs.createdWomen) })}</li>
            <li>{t("youth", { value: part(jobs.createdYouth) })}</li>
            <li>{t("rural", { value: part(jobs.createdRural) })}</li>
          </ul>
          {coverage}
        </Figure>
        <Figure
          id="jobs-maintained"
          title={t("jobsMaintained")}
          hint={asOf}
          value={n(jobs.maintained)}
          raw={jobs.maintained}
        >
          {coverage}
        </Figure>
        <Figure
          id="active-cooperatives"
          title={t("activeCooperatives")}
          hint={asOf}
          value={n(summary.activeCooperatives)}
          raw={summary.activeCooperatives}
        />
        <Figure
          id="cost-per-job"
          title={t("costPerJob")}
          hint={t("costPerJobHint", { date: formatDate(locale, summary.asOf) })}
          value={summary.costPerJobMad === null ? t("notAvailable") : mad(summary.costPerJobMad)}
          raw={summary.costPerJobMad}
        />
        <Figure
          id="funding-committed"
          title={t("fundingCommitted")}
          hint={period}
          value={mad(summary.fundingCommittedMad)}
          raw={summary.fundingCommittedMad}
        />
        <Figure
          id="funding-disbursed"
          title={t("fundingDisbursed")}
          hint={period}
          value={mad(summary.fundingDisbursedMad)}
          raw={summary.fundingDisbursedMad}
        >
          <p className="text-sm" data-testid="support-disbursed">
            {t("supportDisbursed", { amount: mad(summary.supportDisbursedMad) })}
          </p>
        </Figure>
        <Figure
          id="mentoring-hours"
          title={t("mentoringHours")}
          hint={period}
          value={formatNumber(locale, summary.mentoringHours, 1)}
          raw={summary.mentoringHours}
        />
        <Figure
          id="graduation-rate"
          title={t("graduationRate")}
          hint={period}
          value={
            summary.graduationRate === null
              ? t("notAvailable")
              : formatPercent(locale, summary.graduationRate)
          }
          raw={summary.graduationRate}
        >
          <p className="text-sm">
            {t("graduatedWithdrawn", {
              graduated: n(summary.graduated),
              withdrawn: n(summary.withdrawn),
            })}
          </p>
        </Figure>
      </div>
    </section>
  );
}
