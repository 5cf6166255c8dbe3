import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { activeCohortCompletion } from "@/db/queries/progress";
import { cooperativeScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatNumber, formatPercent } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

/** Milestone completion (done ÷ countable) and overdue count of each active cohort. */
export async function CohortCompletion({ viewer }: { viewer: Viewer }) {
  const [cohorts, t, locale] = await Promise.all([
    getDb().then((db) =>
      activeCohortCompletion(db, { scope: cooperativeScope(viewer), today: todayIso() }),
    ),
    getTranslations("progress.cohorts"),
    currentLocale(),
  ]);
  const n = (value: number) => formatNumber(locale, value);
  return (
    <Card data-testid="cohort-completion">
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {cohorts.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("none")}</p>
        ) : (
          <ul className="grid gap-4">
            {cohorts.map(({ id, name, programNames, figures }) => (
              <li
                key={id}
                className="grid gap-1"
                data-cohort-id={id}
                data-done={figures.done}
                data-countable={figures.total - figures.waived}
                data-overdue={figures.overdue}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link
                    href={`/cohorts/${id}`}
                    className="font-medium text-primary hover:underline"
                  >
                    {name}
                  </Link>
                  <span className="text-lg font-semibold tabular-nums">
                    {figures.completion === null
                      ? t("noFigure")
                      : formatPercent(locale, figures.completion)}
                  </span>
                </div>
                <div className="text-sm text-muted-foreground">{programNames[locale]}</div>
                {figures.completion === null ? (
                  <p className="text-sm text-muted-foreground">{t("noMilestones")}</p>
                ) : (
                  <>
                    <div className="h-2 rounded-full bg-muted" aria-hidden>
                      <div
                        className="h-2 rounded-full bg-primary"
                        style={{ inlineSize: `${figures.completion * 100}%` }}
                      />
                    </div>
                    <p className="text-sm">
                      {t("doneOfCountable", {
                        done: n(figures.done),
                        countable: n(figures.total - figures.waived),
                      })}
                      {" · "}
                      <span className={figures.overdue > 0 ? "text-destructive" : undefined}>
                        {figures.overdue > 0
                          ? t("overdue", { count: n(figures.overdue) })
                          : t("noneOverdue")}
                      </span>
                    </p>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
