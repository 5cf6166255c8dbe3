import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent } from "@/components/ui/card";
import { getDb } from "@/db";
import { getSession, sessionCooperatives } from "@/db/queries/sessions";
import { canEditCooperatives, canLogSessions, cooperativeScope, verifySession } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { searchParam } from "@/lib/search-param";
import { idSchema, sessionIdSchema } from "@/lib/validation/session";
import { CooperativeSearch } from "../_components/cooperative-search";
import { NewSessionForm } from "../_components/new-session-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sessions");
  return { title: t("newTitle") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The session log, mobile first. `?cooperative=id` preselects one of the viewer's cooperatives;
 * any other id, like a cooperative a mentor is not assigned to, answers 404. A mentor's form
 * lists all of theirs (it works offline); staff with too many to list search them first
 * (`?cooperative_q=`), the preselected one staying offered.
 */
export default async function NewSessionPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await verifySession();
  if (!canLogSessions(viewer.role)) notFound();
  const params = await searchParams;
  const db = await getDb();
  const scope = cooperativeScope(viewer);
  let preselected: number | undefined;
  const requested = first(params.cooperative);
  if (requested !== undefined) {
    const id = idSchema.safeParse(requested);
    if (!id.success) notFound();
    preselected = id.data;
  }
  const searchable = canEditCooperatives(viewer);
  const q = searchable ? searchParam(params, "cooperative_q") : undefined;
  const [{ options: choices, search }, t] = await Promise.all([
    sessionCooperatives(db, scope, { searchable, q, keep: preselected }),
    getTranslations("sessions"),
  ]);
  if (preselected !== undefined && !choices.some((c) => c.id === preselected)) notFound();
  const savedId = sessionIdSchema.safeParse(first(params.saved));
  const saved = savedId.success ? await getSession(db, { access: scope, id: savedId.data }) : null;
  return (
    <div className="mx-auto grid w-full max-w-2xl gap-4">
      <h1 className="text-2xl font-bold">{t("newTitle")}</h1>
      {saved && (
        <p role="status" className="text-sm text-success" data-testid="session-saved">
          {t("form.saved")}{" "}
          <Link href={`/cooperatives/${saved.cooperativeId}`} className="underline">
            {t("form.seeCooperative")}
          </Link>{" "}
          {saved.mentorId === viewer.id && (
            <>
              <Link href={`/sessions/${saved.id}/edit#photos`} className="underline">
                {t("photos.add")}
              </Link>{" "}
              <Link href={`/sessions/${saved.id}/edit#record`} className="underline">
                {t("record.link")}
              </Link>
            </>
          )}
        </p>
      )}
      {search && (
        <CooperativeSearch
          action="/sessions/new"
          q={q}
          found={search.found}
          more={search.more}
          editing={false}
        />
      )}
      {choices.length === 0 && !search ? (
        <p className="text-muted-foreground">{t("form.noCooperative")}</p>
      ) : (
        <Card>
          <CardContent className="px-4 sm:px-6">
            <NewSessionForm
              userId={viewer.id}
              cooperatives={choices}
              preselected={preselected}
              today={todayIso()}
              serverId={randomUUID()}
              signInHref={`/login?callbackUrl=${encodeURIComponent("/sessions/new")}`}
            />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
