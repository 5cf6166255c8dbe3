import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { assignmentCooperatives, mentorAssignmentList } from "@/db/queries/assignments";
import { mentorLoad } from "@/db/queries/mentors";
import { searchSessions } from "@/db/queries/sessions";
import { cooperativeAccess, requireRole } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatDate, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { searchParam } from "@/lib/search-param";
import { idSchema } from "@/lib/validation/session";
import { SessionItems } from "../../sessions/_components/session-items";
import { AssignForm } from "../_components/assign-form";
import { AssignmentList } from "../_components/assignment-list";
import { AssignCooperativeSearch } from "../_components/cooperative-search";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const SHOWN = 20;

async function load(rawId: string) {
  const viewer = await requireRole("admin", "staff");
  const id = idSchema.safeParse(rawId);
  if (!id.success) notFound();
  const mentor = await mentorLoad(await getDb(), { mentorId: id.data, today: todayIso() });
  if (!mentor) notFound();
  return { viewer, mentor };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { mentor } = await load((await params).id);
  return { title: mentor.name };
}

/**
 * A mentor's load, cooperatives (assign and unassign) and sessions, for staff and admins. When
 * there are too many assignable cooperatives to list, staff find the one to assign by name
 * (`cooperative_q`).
 */
export default async function MentorPage({ params, searchParams }: Props) {
  const { viewer, mentor } = await load((await params).id);
  const cooperativeQ = searchParam(await searchParams, "cooperative_q");
  const db = await getDb();
  const today = todayIso();
  const [assignments, choices, sessions, t, locale] = await Promise.all([
    mentorAssignmentList(db, mentor.id, today),
    mentor.active
      ? assignmentCooperatives(db, mentor.id, today, cooperativeQ)
      : { options: [], search: null },
    searchSessions(db, {
      access: cooperativeAccess(viewer),
      filters: { mentorId: mentor.id, page: 1 },
      pageSize: SHOWN,
    }),
    getTranslations("mentors"),
    currentLocale(),
  ]);
  const n = (value: number) => formatNumber(locale, value);
  const hours = (minutes: number) => formatNumber(locale, minutes / 60, 1);
  const facts: [string, string][] = [
    ["cooperatives", n(mentor.cooperatives)],
    ["sessionsMonth", n(mentor.sessionsMonth)],
    ["hoursMonth", hours(mentor.minutesMonth)],
    ["sessionsYear", n(mentor.sessionsYear)],
    ["hoursYear", hours(mentor.minutesYear)],
    ["lastSession", mentor.lastSession ? formatDate(locale, mentor.lastSession) : t("list.never")],
  ];
  return (
    <div className="grid min-w-0 gap-6" data-testid="mentor-profile" data-mentor-id={mentor.id}>
      <div className="grid gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold">{mentor.name}</h1>
          {!mentor.active && <Badge variant="outline">{t("list.inactive")}</Badge>}
        </div>
        <p className="text-sm text-muted-foreground" dir="ltr">
          {mentor.email}
          {mentor.phone ? ` · ${mentor.phone}` : ""}
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("profile.load")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3" data-testid="mentor-load">
            {facts.map(([key, value]) => (
              <div key={key} className="grid gap-0.5" data-fact={key}>
                <dt className="text-sm text-muted-foreground">{t(`list.${key}`)}</dt>
                <dd className="text-xl font-semibold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card id="assignments">
          <CardHeader>
            <CardTitle>
              <h2>{t("profile.assignments")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <AssignmentList assignments={assignments} show="cooperative" editable linkMentors />
            {mentor.active && (
              <AssignForm
                fixed={{ name: "mentor_id", value: mentor.id }}
                choose="cooperative_id"
                options={choices.options}
                today={today}
                search={
                  choices.search && (
                    <AssignCooperativeSearch
                      action={`/mentors/${mentor.id}#assignments`}
                      q={cooperativeQ}
                      found={choices.search.found}
                      more={choices.search.more}
                    />
                  )
                }
              />
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("profile.sessions")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            {sessions.rows.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("profile.noSessions")}</p>
            ) : (
              <SessionItems viewer={viewer} sessions={sessions.rows} showMentor={false} />
            )}
            {sessions.total > sessions.rows.length && (
              <Link
                href={`/sessions?mentor=${mentor.id}`}
                className="text-sm text-primary hover:underline"
              >
                {t("profile.allSessions", { n: n(sessions.total) })}
              </Link>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
