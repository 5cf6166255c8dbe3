import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { snapshotHistory } from "@/db/queries/jobs";
import { cooperativeMilestones } from "@/db/queries/milestones";
import type { MentoringSession } from "@/db/queries/sessions";
import { canSubmitJobs, canUpdateMilestones, cooperativeScope, type Viewer } from "@/lib/dal";
import { formatDate } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { updateMilestoneAction } from "../../cooperatives/milestones-actions";
import { JobsForm } from "../../cooperatives/_components/jobs-form";
import { MilestoneForm } from "../../cooperatives/_components/milestone-form";

const OPEN = new Set(["todo", "in_progress", "blocked"]);

/**
 * From a session to the cooperative's record: report an open milestone done with the session as
 * its evidence, or submit a jobs snapshot counted during the visit. Both go through the progress
 * record's own actions, so their rules (who may set what, one baseline) hold here too.
 */
export async function SessionToRecord({
  viewer,
  session,
  today,
}: {
  viewer: Viewer;
  session: MentoringSession;
  today: string;
}) {
  const db = await getDb();
  const access = cooperativeScope(viewer);
  const [record, jobs, t, tMilestones, locale] = await Promise.all([
    canUpdateMilestones(viewer.role)
      ? cooperativeMilestones(db, {
          access,
          cooperativeId: session.cooperativeId,
          evidence: true,
          today,
        })
      : Promise.resolve(null),
    snapshotHistory(db, { access, cooperativeId: session.cooperativeId }),
    getTranslations("sessions.record"),
    getTranslations("milestones"),
    currentLocale(),
  ]);
  const open = record?.milestones.filter((m) => OPEN.has(m.status)) ?? [];
  const evidence = [
    t("evidence", { date: formatDate(locale, session.heldOn), mentor: session.mentor }),
    session.nextSteps ?? "",
    session.notes ?? "",
  ]
    .filter(Boolean)
    .join("\n")
    .slice(0, 2000);
  return (
    <Card id="record" data-testid="session-to-record">
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6 px-4 sm:px-6">
        <section className="grid gap-2" aria-labelledby="record-milestones">
          <h3 id="record-milestones" className="font-medium">
            {t("milestones")}
          </h3>
          {open.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("noOpenMilestone")}</p>
          ) : (
            <ul className="grid gap-2">
              {open.map((m) => (
                <li key={m.id} data-milestone-id={m.id}>
                  <details className="rounded-md border">
                    <summary className="cursor-pointer px-3 py-2 text-sm font-medium">
                      {m.names[locale]}
                      {m.dueOn && (
                        <span
                          className={
                            m.overdue ? "ms-2 text-destructive" : "ms-2 text-muted-foreground"
                          }
                        >
                          {formatDate(locale, m.dueOn)}
                        </span>
                      )}
                    </summary>
                    <div className="border-t p-3">
                      <MilestoneForm
                        action={updateMilestoneAction}
                        hidden={{ id: m.id, version: m.version, status: "reported" }}
                        prefix={`record-${m.id}`}
                        fields={[
                          {
                            name: "evidence_text",
                            label: tMilestones("fields.evidence_text"),
                            type: "textarea",
                            defaultValue: evidence,
                          },
                        ]}
                        note={t("reportNote")}
                        submitLabel={t("report")}
                        testId="record-milestone-form"
                      />
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>
        {jobs && !jobs.archived && canSubmitJobs(viewer.role) && (
          <section className="grid gap-2" aria-label={t("jobs")}>
            <JobsForm
              cooperativeId={session.cooperativeId}
              hasBaseline={jobs.snapshots.some((s) => s.kind === "baseline")}
              today={today}
            />
          </section>
        )}
      </CardContent>
    </Card>
  );
}
