import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { Assignment } from "@/db/queries/assignments";
import { formatDate } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { EndAssignmentButton } from "./end-assignment-button";

/** Assignments with their period; running ones first, each with "unassign" for staff. */
export async function AssignmentList({
  assignments,
  show,
  editable,
  linkMentors,
}: {
  assignments: Assignment[];
  show: "mentor" | "cooperative";
  editable: boolean;
  linkMentors: boolean;
}) {
  const [t, locale] = await Promise.all([getTranslations("mentors.assign"), currentLocale()]);
  if (assignments.length === 0) {
    return (
      <p className="text-sm text-muted-foreground">
        {t(show === "mentor" ? "none" : "noCooperative")}
      </p>
    );
  }
  return (
    <ul className="grid gap-2" data-testid="assignments">
      {assignments.map((a) => (
        <li
          key={a.id}
          className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-2"
          data-assignment-id={a.id}
          data-open={a.open}
        >
          <div className="grid gap-0.5">
            {show === "mentor" ? (
              linkMentors ? (
                <Link
                  href={`/mentors/${a.mentorId}`}
                  className="font-medium text-primary hover:underline"
                >
                  {a.mentor}
                </Link>
              ) : (
                <span className="font-medium">{a.mentor}</span>
              )
            ) : (
              <Link
                href={`/cooperatives/${a.cooperativeId}`}
                className="font-medium text-primary hover:underline"
              >
                {a.cooperative}
              </Link>
            )}
            <span className="text-sm text-muted-foreground tabular-nums">
              {a.endOn
                ? t("period", {
                    start: formatDate(locale, a.startOn),
                    end: formatDate(locale, a.endOn),
                  })
                : t("since", { start: formatDate(locale, a.startOn) })}
            </span>
          </div>
          {a.open ? (
            editable && <EndAssignmentButton assignmentId={a.id} />
          ) : (
            <Badge variant="outline">{t("ended")}</Badge>
          )}
        </li>
      ))}
    </ul>
  );
}
