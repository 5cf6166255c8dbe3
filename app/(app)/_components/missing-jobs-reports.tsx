import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { missingJobsReports } from "@/db/queries/jobs";
import { canSubmitJobs, cooperativeScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatDate, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

const SHOWN = 10;

/** Active cooperatives without a jobs snapshot in the last complete quarter, for staff to chase. */
export async function MissingJobsReports({ viewer }: { viewer: Viewer }) {
  const [missing, t, locale] = await Promise.all([
    getDb().then((db) =>
      missingJobsReports(db, { scope: cooperativeScope(viewer), today: todayIso(), limit: SHOWN }),
    ),
    getTranslations("jobs"),
    currentLocale(),
  ]);
  const { quarter } = missing;
  const period = {
    start: formatDate(locale, quarter.start),
    end: formatDate(locale, quarter.end),
  };
  const hideName = viewer.role === "official";
  // Who may report jobs lands on the profile with the report form open.
  const form = canSubmitJobs(viewer.role) ? "?open=jobs#jobs-report" : "";
  return (
    <Card data-testid="missing-jobs-reports" data-count={missing.count}>
      <CardHeader>
        <CardTitle>
          <h2>{t("missing.title")}</h2>
        </CardTitle>
        <CardDescription>{t("missing.description", period)}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {missing.count === 0 ? (
          <p className="text-sm text-success">{t("missing.none")}</p>
        ) : (
          <>
            <div className="grid gap-0.5">
              <p className="text-sm text-muted-foreground">{t("missing.count")}</p>
              <p className="text-3xl font-bold tabular-nums">
                {formatNumber(locale, missing.count)}
              </p>
            </div>
            <ul className="grid gap-1 text-sm">
              {missing.cooperatives.map((c) => (
                <li key={c.id} data-cooperative-id={c.id}>
                  <Link
                    href={`/cooperatives/${c.id}${form}`}
                    className="text-primary hover:underline"
                    dir="auto"
                  >
                    {hideName && c.legalForm === "auto_entrepreneur"
                      ? t("missing.autoEntrepreneur", { id: String(c.id) })
                      : c.name}
                  </Link>
                </li>
              ))}
            </ul>
            {missing.count > missing.cooperatives.length && (
              <p className="text-sm text-muted-foreground">
                {t("missing.more", {
                  count: formatNumber(locale, missing.count - missing.cooperatives.length),
                })}
              </p>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
