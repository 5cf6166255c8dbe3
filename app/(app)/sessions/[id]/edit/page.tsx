import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { and } from "drizzle-orm";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { sessionAttachments } from "@/db/queries/session-attachments";
import { getSession, sessionCooperatives } from "@/db/queries/sessions";
import {
  canEditCooperatives,
  canLogSessions,
  cooperativeAccess,
  cooperativeScope,
  sessionEditScope,
  verifySession,
} from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { searchParam } from "@/lib/search-param";
import { sessionIdSchema } from "@/lib/validation/session";
import { CooperativeSearch } from "../../_components/cooperative-search";
import { EditSessionForm } from "../../_components/edit-session-form";
import { SessionFileLink } from "../../_components/session-file-link";
import { SessionToRecord } from "../../_components/session-to-record";
import { SessionUpload } from "../../_components/session-upload";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sessions");
  return { title: t("editTitle") };
}

/**
 * Staff and admins edit any session; a mentor their own at an assigned cooperative (else 404).
 * Staff with too many cooperatives to list search another one (`?cooperative_q=`).
 */
export default async function EditSessionPage({ params, searchParams }: Props) {
  const viewer = await verifySession();
  if (!canLogSessions(viewer.role)) notFound();
  const id = sessionIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const db = await getDb();
  const session = await getSession(db, {
    access: and(cooperativeAccess(viewer), sessionEditScope(viewer))!,
    id: id.data,
  });
  if (!session) notFound();
  const searchable = canEditCooperatives(viewer);
  const q = searchable ? searchParam(await searchParams, "cooperative_q") : undefined;
  const [{ options: choices, search }, files, t] = await Promise.all([
    sessionCooperatives(db, cooperativeScope(viewer), {
      searchable,
      q,
      keep: session.cooperativeId,
    }),
    sessionAttachments(db, [session.id]),
    getTranslations("sessions"),
  ]);
  return (
    <div className="mx-auto grid w-full max-w-2xl gap-4">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t("editTitle")}</h1>
        <p className="text-sm text-muted-foreground">{t("section.by", { name: session.mentor })}</p>
      </div>
      {search && (
        <CooperativeSearch
          action={`/sessions/${session.id}/edit`}
          q={q}
          found={search.found}
          more={search.more}
          editing
        />
      )}
      <Card>
        <CardContent className="px-4 sm:px-6">
          <EditSessionForm
            id={session.id}
            version={session.version}
            cooperatives={choices}
            today={todayIso()}
            cancelHref={`/cooperatives/${session.cooperativeId}#sessions`}
            initial={{
              cooperative_id: String(session.cooperativeId),
              held_on: session.heldOn,
              duration_minutes: String(session.durationMinutes),
              mode: session.mode,
              topics: session.topics,
              attendees: String(session.attendees),
              notes: session.notes ?? "",
              next_steps: session.nextSteps ?? "",
              follow_up_on: session.followUpOn ?? "",
            }}
          />
        </CardContent>
      </Card>
      <Card id="photos">
        <CardHeader>
          <CardTitle>
            <h2>{t("photos.title")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 px-4 sm:px-6">
          {files.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("photos.empty")}</p>
          ) : (
            <ul className="grid gap-1 text-sm" data-testid="session-files">
              {files.map((f) => (
                <li key={f.id}>
                  <SessionFileLink file={f} />
                </li>
              ))}
            </ul>
          )}
          <SessionUpload sessionId={session.id} />
        </CardContent>
      </Card>
      <SessionToRecord viewer={viewer} session={session} today={todayIso()} />
    </div>
  );
}
