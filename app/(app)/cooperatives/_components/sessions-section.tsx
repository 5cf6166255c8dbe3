import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { eq } from "drizzle-orm";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { cooperativeSessions, sessionTotals } from "@/db/queries/sessions";
import { mentoringSessions } from "@/db/schema";
import { canLogSessions, cooperativeAccess, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { SessionItems } from "../../sessions/_components/session-items";

/** The latest few, under the count and hours of all; the sessions list has the rest. */
const SHOWN = 5;

/**
 * The cooperative's mentoring history. Officials read counts and hours only, never the notes
 * (DOMAIN.md); the others the latest sessions and a link to log one.
 */
export async function SessionsSection({
  viewer,
  cooperativeId,
  archived,
}: {
  viewer: Viewer;
  cooperativeId: number;
  archived: boolean;
}) {
  const db = await getDb();
  const readsNotes = canLogSessions(viewer.role);
  const today = todayIso();
  // Who reads the notes gets the latest sessions and the totals in one statement; officials the
  // totals alone.
  const [{ latest: sessions, totals }, t, locale] = await Promise.all([
    readsNotes
      ? cooperativeSessions(db, {
          access: cooperativeAccess(viewer),
          cooperativeId,
          limit: SHOWN,
          today,
        })
      : sessionTotals(db, {
          where: eq(mentoringSessions.cooperativeId, cooperativeId),
          from: "2000-01-01",
          to: today,
        }).then((totals) => ({ latest: [], totals })),
    getTranslations("sessions"),
    currentLocale(),
  ]);
  return (
    <Card id="sessions" data-testid="section-sessions">
      <CardHeader>
        <CardTitle>
          <h2>{t("section.title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p
          className="text-sm text-muted-foreground"
          data-testid="session-totals"
          data-count={totals.sessions}
        >
          {t("section.totals", {
            count: totals.sessions,
            n: formatNumber(locale, totals.sessions),
            hours: formatNumber(locale, totals.minutes / 60, 1),
          })}
        </p>
        {readsNotes && !archived && (
          <Link
            href={`/sessions/new?cooperative=${cooperativeId}`}
            className={buttonVariants({ className: "w-full sm:w-fit" })}
            data-testid="log-session"
          >
            {t("new")}
          </Link>
        )}
        {readsNotes &&
          (sessions.length === 0 ? (
            <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
              {t("section.empty")}
            </p>
          ) : (
            <>
              <SessionItems viewer={viewer} sessions={sessions} showCooperative={false} />
              {!archived && totals.sessions > sessions.length && (
                <Link
                  href={`/sessions?cooperative=${cooperativeId}`}
                  className="text-sm text-primary hover:underline"
                >
                  {t("section.all")}
                </Link>
              )}
            </>
          ))}
      </CardContent>
    </Card>
  );
}
