import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { provinceOptions } from "@/db/queries/cooperative-record";
import { listEvents } from "@/db/queries/fairs";
import { canEditCooperatives, verifySession } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { currentLocale } from "@/lib/i18n/server";
import { EventForm } from "./_components/event-form";
import { EventsTable } from "./_components/events-table";
import { fairAccess } from "./_components/load";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("fairs");
  return { title: t("title") };
}

/** Fairs and markets, upcoming then past: every role reads them, staff and admins record them. */
export default async function FairsPage() {
  const viewer = await verifySession();
  const editable = canEditCooperatives(viewer);
  const today = todayIso();
  const db = await getDb();
  const [lists, provinces, t, locale] = await Promise.all([
    listEvents(db, { access: fairAccess(viewer), today }),
    editable ? provinceOptions(db) : Promise.resolve([]),
    getTranslations("fairs"),
    currentLocale(),
  ]);
  return (
    <div className="grid min-w-0 gap-6" data-testid="fairs-page">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-muted-foreground">{t("description")}</p>
        {viewer.role === "mentor" && (
          <p className="text-sm text-muted-foreground">{t("mentorNotice")}</p>
        )}
      </div>
      {editable && (
        <details className="rounded-md border p-3" data-testid="new-event">
          <summary className="cursor-pointer font-medium">{t("forms.newEvent")}</summary>
          <div className="mt-3">
            <EventForm provinces={provinces.map((p) => ({ value: p.key, label: p[locale] }))} />
          </div>
        </details>
      )}
      <section className="grid min-w-0 gap-3" aria-labelledby="upcoming-title">
        <h2 id="upcoming-title" className="text-lg font-semibold">
          {t("upcoming")}
        </h2>
        <EventsTable
          events={lists.upcoming}
          today={today}
          empty={t("noUpcoming")}
          testId="upcoming-events"
        />
      </section>
      <section className="grid min-w-0 gap-3" aria-labelledby="past-title">
        <h2 id="past-title" className="text-lg font-semibold">
          {t("past")}
        </h2>
        <EventsTable events={lists.past} today={today} empty={t("noPast")} testId="past-events" />
      </section>
    </div>
  );
}
