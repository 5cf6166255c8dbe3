import { getTranslations } from "next-intl/server";
import { MilestoneStatusBadge } from "@/components/milestone-status-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { milestoneFiguresFor, type MilestoneItem } from "@/db/queries/milestones";
import { STAGES } from "@/db/schema";
import { canEditCooperatives, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { loadMilestones } from "./load";
import { MilestoneActions } from "./milestone-actions";
import { MilestoneAddOnDemand } from "./on-demand-forms";

/**
 * The cooperative's milestone checklist by stage: status, due date (overdue marked), evidence,
 * files, who reported and who verified; and what the viewer may do with each. Renders nothing
 * for a cooperative out of the viewer's reach.
 */
export async function MilestonesSection({
  viewer,
  cooperativeId,
}: {
  viewer: Viewer;
  cooperativeId: number;
}) {
  const db = await getDb();
  const today = todayIso();
  const [list, figures, t, tStage, tStatus, locale] = await Promise.all([
    loadMilestones(cooperativeId),
    milestoneFiguresFor(db, cooperativeId, today),
    getTranslations("milestones"),
    getTranslations("stage"),
    getTranslations("milestoneStatus"),
    currentLocale(),
  ]);
  if (!list) return null;
  const staff = canEditCooperatives(viewer);
  const role = list.archived ? null : staff ? "staff" : viewer.role === "mentor" ? "mentor" : null;
  const none = t("none");
  const stages = STAGES.filter((stage) => list.milestones.some((m) => m.stage === stage));
  const who = (name: string | null, at: Date | null) =>
    name ? `${name}${at ? ` · ${formatDateTime(locale, at)}` : ""}` : none;
  const row = (m: MilestoneItem) => (
    <li
      key={m.id}
      id={`milestone-${m.id}`}
      className="milestone-item"
      data-testid="milestone"
      data-milestone-id={m.id}
      data-status={m.status}
      data-overdue={m.overdue || undefined}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h4 id={`milestone-${m.id}-name`} className="font-medium" dir="auto">
          {m.names[locale]}
          {m.custom && (
            <Badge variant="outline" className="ms-2">
              {t("custom")}
            </Badge>
          )}
        </h4>
        <MilestoneStatusBadge status={m.status} label={tStatus(m.status)} />
      </div>
      <dl className="milestone-facts">
        <div>
          <dt>{`${t("fields.due_on")}:`}</dt>
          <dd className={m.overdue ? "font-medium text-destructive" : undefined}>
            {m.dueOn ? formatDate(locale, m.dueOn) : none}
            {m.overdue && (
              <Badge variant="destructive" className="ms-2" data-testid="milestone-overdue">
                {t("overdue")}
              </Badge>
            )}
          </dd>
        </div>
        {m.completedOn && (
          <div>
            <dt>{`${t("fields.completed_on")}:`}</dt>
            <dd>{formatDate(locale, m.completedOn)}</dd>
          </div>
        )}
        <div>
          <dt>{`${t("fields.reported_by")}:`}</dt>
          <dd>{who(m.reportedBy, m.reportedAt)}</dd>
        </div>
        <div>
          <dt>{`${t("fields.verified_by")}:`}</dt>
          <dd>{who(m.verifiedBy, m.verifiedAt)}</dd>
        </div>
      </dl>
      {m.comment && (
        <p className="rounded-md border-s-4 border-warning bg-warning/10 p-2 text-sm" dir="auto">
          <span className="font-medium">{t("fields.comment")}: </span>
          {m.comment}
        </p>
      )}
      {(m.evidenceText || m.evidenceUrl) && (
        <div className="grid gap-1 text-sm">
          <span className="text-muted-foreground">{t("evidence")}</span>
          {m.evidenceText && <p dir="auto">{m.evidenceText}</p>}
          {m.evidenceUrl && (
            <a
              href={m.evidenceUrl}
              rel="noopener noreferrer nofollow"
              target="_blank"
              dir="ltr"
              className="break-all text-primary hover:underline"
            >
              {m.evidenceUrl}
            </a>
          )}
        </div>
      )}
      {m.attachments.length > 0 && (
        <ul className="grid gap-1 text-sm" aria-label={t("attachments")}>
          {m.attachments.map((file) => (
            <li key={file.id}>
              <a
                href={`/api/attachments/${file.id}`}
                download
                className="text-primary hover:underline"
                dir="auto"
              >
                {file.filename}
              </a>{" "}
              <span className="text-xs text-muted-foreground">
                {t("size", { size: formatNumber(locale, Math.max(1, file.sizeBytes / 1024), 0) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {role && (
        <MilestoneActions
          milestone={{
            id: m.id,
            version: m.version,
            status: m.status,
            title: m.custom ? m.names.en : null,
            custom: m.custom,
            hasTranche: m.hasTranche,
            dueOn: m.dueOn,
            completedOn: m.completedOn,
            evidenceText: m.evidenceText,
            evidenceUrl: m.evidenceUrl,
            comment: m.comment,
          }}
          cooperativeId={cooperativeId}
          role={role}
          today={today}
          describedBy={`milestone-${m.id}-name`}
        />
      )}
    </li>
  );
  return (
    <Card data-testid="section-milestones" className="min-w-0 md:col-span-2">
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {list.milestones.length === 0 ? (
          <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
            {t("empty")}
          </p>
        ) : (
          <p
            className="text-sm text-muted-foreground"
            data-testid="milestone-figures"
            data-completion={figures.completion ?? undefined}
            data-overdue={figures.overdue}
          >
            {t("summary", {
              done: formatNumber(locale, figures.done),
              countable: formatNumber(locale, figures.total - figures.waived),
              completion:
                figures.completion === null ? none : formatPercent(locale, figures.completion),
              overdue: formatNumber(locale, figures.overdue),
            })}
          </p>
        )}
        {stages.map((stage) => (
          <section key={stage} className="grid gap-2" aria-labelledby={`milestones-${stage}`}>
            <h3 id={`milestones-${stage}`} className="font-semibold">
              {tStage(stage)}
            </h3>
            <ol className="grid gap-2">
              {list.milestones.filter((m) => m.stage === stage).map(row)}
            </ol>
          </section>
        ))}
        {role === "staff" && (
          <MilestoneAddOnDemand cooperativeId={cooperativeId} stage={list.stage} />
        )}
      </CardContent>
    </Card>
  );
}
