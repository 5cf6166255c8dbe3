import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { cooperativeScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatDate, formatMoney, formatNumber, formatPercent } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { headlineFigures } from "@/lib/metrics";

export async function OfficialHome({ viewer }: { viewer: Viewer }) {
  const to = todayIso();
  const [figures, t, locale] = await Promise.all([
    getDb().then((db) => headlineFigures(db, { to, scope: cooperativeScope(viewer) })),
    getTranslations("home.official"),
    currentLocale(),
  ]);
  const date = formatDate(locale, to);
  return (
    <div className="grid gap-6 md:grid-cols-3 [&>*]:min-w-0">
      <Card data-testid="jobs-created">
        <CardHeader>
          <CardTitle>
            <h2>{t("jobsCreated")}</h2>
          </CardTitle>
          <CardDescription>{t("jobsCreatedHint", { date })}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-1">
          <p className="text-4xl font-bold tabular-nums" data-value={figures.jobs.created}>
            {formatNumber(locale, figures.jobs.created)}
          </p>
          <p className="text-sm">
            {t("women", { count: formatNumber(locale, figures.jobs.createdWomen) })}
          </p>
          <p className="text-sm">
            {t("youth", { count: formatNumber(locale, figures.jobs.createdYouth) })}
          </p>
          <p className="text-sm text-muted-foreground">
            {t("coverage", {
              value:
                figures.reportingCoverage === null
                  ? t("notAvailable")
                  : formatPercent(locale, figures.reportingCoverage),
            })}
          </p>
        </CardContent>
      </Card>
      <Card data-testid="funding-disbursed">
        <CardHeader>
          <CardTitle>
            <h2>{t("disbursed")}</h2>
          </CardTitle>
          <CardDescription>{t("disbursedHint", { date })}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-1">
          <p className="text-3xl font-bold tabular-nums" data-value={figures.fundingDisbursedMad}>
            {formatMoney(locale, figures.fundingDisbursedMad)}
          </p>
          <p className="text-sm">
            {t("support", { amount: formatMoney(locale, figures.supportDisbursedMad) })}
          </p>
        </CardContent>
      </Card>
      <Card data-testid="cost-per-job">
        <CardHeader>
          <CardTitle>
            <h2>{t("costPerJob")}</h2>
          </CardTitle>
          <CardDescription>{t("jobsCreatedHint", { date })}</CardDescription>
        </CardHeader>
        <CardContent>
          <p className="text-3xl font-bold tabular-nums">
            {figures.costPerJobMad === null
              ? t("notAvailable")
              : formatMoney(locale, figures.costPerJobMad)}
          </p>
        </CardContent>
      </Card>
    </div>
  );
}
