import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, CardContent } from "@/components/ui/card";
import { getDb } from "@/db";
import { cooperativeOptions, getSession } from "@/db/queries/sessions";
import { canLogSessions, cooperativeScope, verifySession } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { idSchema, sessionIdSchema } from "@/lib/validation/session";
import { NewSessionForm } from "../_components/new-session-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sessions");
  return { title: t("newTitle") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The session log, mobile first. `?cooperative=id` preselects one of the viewer's cooperatives;
 * any other id, like a cooperative a mentor is not assigned to, answers 404.
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
  const [choices, t] = await Promise.all([
    cooperativeOptions(db, scope),
    getTranslations("sessions"),
  ]);
  let preselected: number | undefined;
  const requested = first(params.cooperative);
  if (requested !== undefined) {
    const id = idSchema.safeParse(requested);
    if (!id.success || !choices.some((c) => c.id === id.data)) notFound();
    preselected = id.data;
  }
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
      {choices.length === 0 ? (
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
