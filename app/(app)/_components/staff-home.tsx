import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import Link from "next/link";
import { getDb } from "@/db";
import { COHORT_CHOICES } from "@/db/queries/cooperative-record";
import { countByCohort, countByStage } from "@/db/queries/cooperatives";
import { cooperativeScope, type Viewer } from "@/lib/dal";
import { CohortCompletion } from "./cohort-completion";
import { FollowUpTiles } from "./follow-up-tiles";
import { MissingJobsReports } from "./missing-jobs-reports";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

export async function StaffHome({ viewer }: { viewer: Viewer }) {
  const db = await getDb();
  const scope = cooperativeScope(viewer);
  const [byStage, byCohort, t, tStage, locale] = await Promise.all([
    countByStage(db, scope),
    countByCohort(db, scope),
    getTranslations("home.staff"),
    getTranslations("stage"),
    currentLocale(),
  ]);
  const total = byStage.reduce((sum, row) => sum + row.count, 0);
  // At national scale hundreds of cohorts: the open ones (and cooperatives without a cohort),
  // the closed ones counted with a link to the cohorts' page.
  const openOnly = byCohort.length > COHORT_CHOICES;
  const shown = openOnly ? byCohort.filter((row) => row.status !== "closed") : byCohort;
  const hidden = byCohort.length - shown.length;
  return (
    <div className="grid gap-6 [&>*]:min-w-0">
      <FollowUpTiles viewer={viewer} />
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <CohortCompletion viewer={viewer} />
        <MissingJobsReports viewer={viewer} />
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("byStage")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-2" data-testid="cooperatives-by-stage">
              {byStage.map((row) => (
                <li key={row.stage} className="grid gap-1" data-stage={row.stage}>
                  <div className="flex justify-between text-sm">
                    <span>{tStage(row.stage)}</span>
                    <span className="tabular-nums font-medium">
                      {formatNumber(locale, row.count)}
                    </span>
                  </div>
                  <div className="h-2 rounded-full bg-muted" aria-hidden>
                    <div
                      className="h-2 rounded-full bg-primary"
                      style={{ inlineSize: `${total ? (row.count / total) * 100 : 0}%` }}
                    />
                  </div>
                </li>
              ))}
            </ul>
            <p className="mt-4 text-sm text-muted-foreground">
              {t("total")}: <span className="tabular-nums">{formatNumber(locale, total)}</span>
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("byCohort")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <Table data-testid="cooperatives-by-cohort">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("cohort")}</TableHead>
                  <TableHead className="text-end">{t("count")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.map((row) => (
                  <TableRow key={row.cohortId ?? "none"}>
                    <TableCell className="whitespace-normal">
                      <div className="font-medium">{row.name ?? t("noCohort")}</div>
                      {row.programNames && (
                        <div className="text-sm text-muted-foreground">
                          {row.programNames[locale]}
                        </div>
                      )}
                    </TableCell>
                    <TableCell className="text-end tabular-nums">
                      {formatNumber(locale, row.count)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {hidden > 0 && (
              <p className="mt-4 text-sm text-muted-foreground" data-testid="closed-cohorts-hidden">
                <Link href="/cohorts" className="underline underline-offset-4">
                  {t("closedCohorts", { count: hidden, n: formatNumber(locale, hidden) })}
                </Link>
              </p>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
