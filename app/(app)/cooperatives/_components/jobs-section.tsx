import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
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
import { jobsCreatedFor, snapshotHistory } from "@/db/queries/jobs";
import {
  canSeeArchived,
  cooperativeAccess,
  cooperativeScope,
  type Viewer,
  canSubmitJobs,
} from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatDate, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { JobsChart } from "./jobs-chart";
import { JobsFormOnDemand } from "./on-demand-forms";

/** The profile's jobs: jobs created so far (DOMAIN.md metric), the history, and the submit form. */
export async function JobsSection({
  viewer,
  cooperativeId,
}: {
  viewer: Viewer;
  cooperativeId: number;
}) {
  const db = await getDb();
  const today = todayIso();
  const access = canSeeArchived(viewer) ? cooperativeAccess(viewer) : cooperativeScope(viewer);
  const [history, created, t, locale] = await Promise.all([
    snapshotHistory(db, { access, cooperativeId }),
    jobsCreatedFor(db, cooperativeId, today),
    getTranslations("jobs"),
    currentLocale(),
  ]);
  if (!history) return null;
  const snapshots = history.snapshots.filter((s) => s.asOf <= today);
  const baseline = history.snapshots.find((s) => s.kind === "baseline");
  const latest = snapshots[snapshots.length - 1];
  const n = (value: number) => formatNumber(locale, value);
  const none = t("none");
  return (
    <Card data-testid="section-jobs">
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6">
        <div className="grid gap-1" data-testid="jobs-created" data-value={created.created}>
          <h3 className="text-sm text-muted-foreground">{t("created.title")}</h3>
          {baseline && latest ? (
            <>
              <p className="text-3xl font-bold tabular-nums">
                {created.created > 0 ? `+${n(created.created)}` : n(created.created)}
              </p>
              <p className="text-sm">
                {t("created.women", { count: n(created.createdWomen) })}
                {" · "}
                {t("created.youth", { count: n(created.createdYouth) })}
              </p>
              <p className="text-sm text-muted-foreground">
                {t("created.hint", {
                  latest: formatDate(locale, latest.asOf),
                  latestTotal: n(latest.jobsTotal),
                  baseline: formatDate(locale, baseline.asOf),
                  baselineTotal: n(baseline.jobsTotal),
                })}
              </p>
            </>
          ) : (
            <p className="text-sm text-muted-foreground">{t("created.noBaseline")}</p>
          )}
        </div>
        {snapshots.length > 0 && (
          <JobsChart
            points={snapshots.map((s) => ({
              asOf: s.asOf,
              kind: s.kind,
              total: s.jobsTotal,
              women: s.jobsWomen,
              youth: s.jobsYouth,
            }))}
          />
        )}
        <div className="grid gap-2">
          <h3 className="font-medium">{t("history.title")}</h3>
          {history.snapshots.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("history.empty")}</p>
          ) : (
            <Table data-testid="jobs-history">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("fields.as_of")}</TableHead>
                  <TableHead className="text-end">{t("fields.jobs_total")}</TableHead>
                  <TableHead className="text-end">{t("fields.jobs_women")}</TableHead>
                  <TableHead className="text-end">{t("fields.jobs_youth")}</TableHead>
                  <TableHead className="text-end">{t("fields.jobs_seasonal")}</TableHead>
                  <TableHead className="text-end">{t("fields.members_total")}</TableHead>
                  <TableHead>{t("fields.source")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {history.snapshots.toReversed().map((s) => {
                  const early = s.kind === "periodic" && baseline && s.asOf < baseline.asOf;
                  return (
                    <TableRow key={s.id} data-snapshot-id={s.id} data-kind={s.kind}>
                      <TableCell>
                        <div className="grid gap-1">
                          <span className="tabular-nums">{formatDate(locale, s.asOf)}</span>
                          {s.kind === "baseline" && <Badge>{t("kind.baseline")}</Badge>}
                          {early && (
                            <Badge variant="warning" data-testid="before-baseline">
                              {t("history.beforeBaseline")}
                            </Badge>
                          )}
                        </div>
                      </TableCell>
                      <TableCell className="text-end tabular-nums">{n(s.jobsTotal)}</TableCell>
                      <TableCell className="text-end tabular-nums">{n(s.jobsWomen)}</TableCell>
                      <TableCell className="text-end tabular-nums">{n(s.jobsYouth)}</TableCell>
                      <TableCell className="text-end tabular-nums">{n(s.seasonalJobs)}</TableCell>
                      <TableCell className="text-end tabular-nums">
                        {s.membersTotal === null ? none : n(s.membersTotal)}
                      </TableCell>
                      <TableCell className="whitespace-normal">
                        <div dir="auto">{s.source}</div>
                        <div className="text-xs text-muted-foreground">
                          {t("history.reportedBy", { name: s.reportedBy ?? none })}
                        </div>
                        {s.notes && (
                          <div className="text-xs" dir="auto">
                            {s.notes}
                          </div>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </div>
        {canSubmitJobs(viewer.role) && !history.archived && (
          <JobsFormOnDemand
            cooperativeId={cooperativeId}
            hasBaseline={Boolean(baseline)}
            today={today}
          />
        )}
      </CardContent>
    </Card>
  );
}
