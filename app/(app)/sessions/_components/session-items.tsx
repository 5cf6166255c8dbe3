import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { ListedSession, MentoringSession } from "@/db/queries/sessions";
import type { Viewer } from "@/lib/dal";
import { formatDate, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { SessionFileLink } from "./session-file-link";

/** Who may open a session's edit form: staff and admins any, a mentor their own (DOMAIN.md). */
function editable(viewer: Viewer, session: MentoringSession): boolean {
  return viewer.role === "admin" || viewer.role === "staff" || session.mentorId === viewer.id;
}

/** Sessions as a list that reads on a phone: date, where, who, how long, topics, notes, files. */
export async function SessionItems({
  viewer,
  sessions,
  showCooperative = true,
  showMentor = true,
}: {
  viewer: Viewer;
  sessions: ListedSession[];
  showCooperative?: boolean;
  showMentor?: boolean;
}) {
  const [t, tMode, tTopic, locale] = await Promise.all([
    getTranslations("sessions"),
    getTranslations("sessionMode"),
    getTranslations("sessionTopic"),
    currentLocale(),
  ]);
  return (
    <ul className="grid gap-3" data-testid="session-items">
      {sessions.map((s) => (
        <li
          key={s.id}
          className="grid gap-2 rounded-md border p-3"
          data-session-id={s.id}
          data-testid="session-item"
        >
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="grid gap-0.5">
              <p className="font-medium tabular-nums">{formatDate(locale, s.heldOn)}</p>
              {showCooperative && (
                <Link
                  href={`/cooperatives/${s.cooperativeId}`}
                  className="text-primary hover:underline"
                >
                  {s.cooperative}
                </Link>
              )}
              {showMentor && (
                <p className="text-sm text-muted-foreground">
                  {t("section.by", { name: s.mentor })}
                </p>
              )}
            </div>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Badge variant="outline">{tMode(s.mode)}</Badge>
              <span className="tabular-nums">
                {t("section.duration", { minutes: formatNumber(locale, s.durationMinutes) })}
              </span>
              <span className="tabular-nums">
                {t("section.attendees", {
                  count: s.attendees,
                  n: formatNumber(locale, s.attendees),
                })}
              </span>
              {editable(viewer, s) && (
                <Link
                  href={`/sessions/${s.id}/edit`}
                  className="text-primary hover:underline"
                  data-testid="session-edit"
                >
                  {t("section.edit")}
                </Link>
              )}
            </div>
          </div>
          <div className="flex flex-wrap gap-1">
            {s.topics.map((topic) => (
              <Badge key={topic} variant="secondary">
                {tTopic(topic)}
              </Badge>
            ))}
          </div>
          {s.notes && (
            <p className="text-sm whitespace-pre-line" dir="auto" data-testid="session-notes">
              {s.notes}
            </p>
          )}
          {s.nextSteps && (
            <p className="text-sm" dir="auto">
              <span className="font-medium">{t("fields.next_steps")}: </span>
              {s.nextSteps}
            </p>
          )}
          {s.files.length > 0 && (
            <ul className="flex flex-wrap gap-2 text-sm" aria-label={t("photos.title")}>
              {s.files.map((f) => (
                <li key={f.id}>
                  <SessionFileLink file={f} />
                </li>
              ))}
            </ul>
          )}
          {s.followUpOn && (
            <p className="text-sm text-muted-foreground">
              {t("section.followUp", { date: formatDate(locale, s.followUpOn) })}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
