import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { eventDates } from "@/app/(app)/fairs/_components/event-dates";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { cooperativeParticipations } from "@/db/queries/fairs";
import { canSeeArchived, cooperativeAccess, cooperativeScope, type Viewer } from "@/lib/dal";
import { formatMoney } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

/** The fairs and markets a cooperative took part in, latest first, with its sales. */
export async function FairsSection({
  viewer,
  cooperativeId,
}: {
  viewer: Viewer;
  cooperativeId: number;
}) {
  const scope = canSeeArchived(viewer) ? cooperativeAccess(viewer) : cooperativeScope(viewer);
  const [participations, t, locale] = await Promise.all([
    getDb().then((db) => cooperativeParticipations(db, { scope, cooperativeId })),
    getTranslations("fairs"),
    currentLocale(),
  ]);
  const range = (values: { start: string; end: string }) => t("dateRange", values);
  return (
    <Card data-testid="section-fairs" data-count={participations.length}>
      <CardHeader>
        <CardTitle>
          <h2>{t("section.title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {participations.length === 0 ? (
          <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
            {t("section.empty")}
          </p>
        ) : (
          <ul className="grid gap-3">
            {participations.map((p) => (
              <li key={p.id} className="grid gap-0.5 text-sm" data-event-id={p.eventId}>
                <Link
                  href={`/fairs/${p.eventId}`}
                  className="font-medium text-primary hover:underline"
                  dir="auto"
                >
                  {p.eventName}
                </Link>
                <span className="text-muted-foreground">
                  {t(`kind.${p.kind}`)} · {eventDates(locale, range, p.startsOn, p.endsOn)}
                </span>
                <span className="tabular-nums">
                  {t("section.sales", {
                    amount:
                      p.salesMad === null
                        ? t("notReported")
                        : formatMoney(locale, Number(p.salesMad), 2),
                  })}
                </span>
                {p.notes && (
                  <span className="text-muted-foreground" dir="auto">
                    {p.notes}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
