import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { eq } from "drizzle-orm";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { getDb } from "@/db";
import { mentorCooperatives } from "@/db/queries/mentors";
import { sessionTotals, upcomingFollowUps } from "@/db/queries/sessions";
import { mentoringSessions } from "@/db/schema";
import { cooperativeAccess, cooperativeScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatDate, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { SILENT_DAYS } from "@/lib/validation/session";
import { QueueBanner } from "../sessions/_components/queue-banner";

/**
 * A mentor's day: sessions waiting on the device, this month's sessions and hours, their
 * cooperatives (the longest without a session first, flagged past 30 days, with open and overdue
 * milestones and a one-tap "log a session"), and the follow-ups they planned.
 */
export async function MentorHome({ viewer }: { viewer: Viewer }) {
  const db = await getDb();
  const today = todayIso();
  const [rows, month, followUps, t, tStage, locale] = await Promise.all([
    mentorCooperatives(db, { scope: cooperativeScope(viewer), today }),
    sessionTotals(db, {
      where: eq(mentoringSessions.mentorId, viewer.id),
      from: `${today.slice(0, 7)}-01`,
      to: today,
    }),
    upcomingFollowUps(db, {
      access: cooperativeAccess(viewer),
      mentorId: viewer.id,
      today,
      limit: 10,
    }),
    getTranslations("home.mentor"),
    getTranslations("stage"),
    currentLocale(),
  ]);
  const n = (value: number) => formatNumber(locale, value);
  return (
    <>
      <QueueBanner userId={viewer.id} signInHref="/login?callbackUrl=%2F" />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("month.title")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-wrap items-end justify-between gap-4">
          <dl className="flex gap-8" data-testid="mentor-month">
            <div data-fact="sessions" data-value={month.sessions}>
              <dt className="text-sm text-muted-foreground">{t("month.sessions")}</dt>
              <dd className="text-3xl font-bold tabular-nums">{n(month.sessions)}</dd>
            </div>
            <div data-fact="hours" data-value={month.minutes}>
              <dt className="text-sm text-muted-foreground">{t("month.hours")}</dt>
              <dd className="text-3xl font-bold tabular-nums">
                {formatNumber(locale, month.minutes / 60, 1)}
              </dd>
            </div>
          </dl>
          <Link href="/sessions/new" className={buttonVariants({ size: "lg" })}>
            {t("log")}
          </Link>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("title")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {rows.length === 0 ? (
            <p className="text-muted-foreground">{t("empty")}</p>
          ) : (
            <Table data-testid="mentor-cooperatives">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("name")}</TableHead>
                  <TableHead>{t("lastSessionColumn")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row) => {
                  const late = row.daysSince === null || row.daysSince > SILENT_DAYS;
                  return (
                    <TableRow key={row.id} data-cooperative-id={row.id} data-late={late}>
                      <TableCell className="align-top whitespace-normal">
                        <div className="grid gap-1">
                          <Link
                            href={`/cooperatives/${row.id}`}
                            className="font-medium text-primary hover:underline"
                          >
                            {row.name}
                          </Link>
                          {row.nameLatin && (
                            <span
                              className="hidden text-sm text-muted-foreground sm:block"
                              dir="ltr"
                            >
                              {row.nameLatin}
                            </span>
                          )}
                          <Badge variant="secondary">{tStage(row.stage)}</Badge>
                          <div className="flex flex-wrap gap-x-3 text-sm">
                            <span data-testid="open-milestones" data-value={row.openMilestones}>
                              {t("openMilestones", { n: n(row.openMilestones) })}
                            </span>
                            <span
                              data-testid="overdue-milestones"
                              data-value={row.overdueMilestones}
                              className={row.overdueMilestones > 0 ? "text-destructive" : undefined}
                            >
                              {t("overdueMilestones", { n: n(row.overdueMilestones) })}
                            </span>
                          </div>
                        </div>
                      </TableCell>
                      <TableCell className="align-top whitespace-normal">
                        <div className="grid justify-items-start gap-1" data-testid="last-session">
                          <span className="tabular-nums">
                            {row.lastSession ? formatDate(locale, row.lastSession) : t("never")}
                          </span>
                          {row.daysSince !== null && (
                            <span className="text-sm text-muted-foreground">
                              {t("daysSince", { count: row.daysSince, n: n(row.daysSince) })}
                            </span>
                          )}
                          {late && (
                            <Badge variant="warning">{t("late", { days: n(SILENT_DAYS) })}</Badge>
                          )}
                          <Link
                            href={`/sessions/new?cooperative=${row.id}`}
                            className={buttonVariants({
                              variant: "outline",
                              className: "min-h-11",
                            })}
                            data-testid="log-session"
                          >
                            {t("log")}
                          </Link>
                        </div>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("followUps.title")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {followUps.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("followUps.empty")}</p>
          ) : (
            <ul className="grid gap-2" data-testid="follow-ups">
              {followUps.map((f) => (
                <li key={f.sessionId} className="grid gap-0.5 rounded-md border p-2">
                  <span className="font-medium tabular-nums">
                    {formatDate(locale, f.followUpOn)}
                  </span>
                  <Link
                    href={`/cooperatives/${f.cooperativeId}`}
                    className="text-primary hover:underline"
                  >
                    {f.cooperative}
                  </Link>
                  {f.nextSteps && (
                    <span className="text-sm text-muted-foreground" dir="auto">
                      {f.nextSteps}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </>
  );
}
