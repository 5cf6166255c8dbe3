import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { EventSummary } from "@/db/queries/fairs";
import { formatMoney, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { eventDates, eventTiming } from "./event-dates";

/** Events with their participants and sales (within the viewer's scope). */
export async function EventsTable({
  events,
  today,
  empty,
  testId,
}: {
  events: EventSummary[];
  today: string;
  empty: string;
  testId: string;
}) {
  const [t, locale] = await Promise.all([getTranslations("fairs"), currentLocale()]);
  if (events.length === 0) {
    return (
      <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
        {empty}
      </p>
    );
  }
  const range = (values: { start: string; end: string }) => t("dateRange", values);
  return (
    <Table data-testid={testId}>
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.name")}</TableHead>
          <TableHead>{t("columns.dates")}</TableHead>
          <TableHead>{t("columns.place")}</TableHead>
          <TableHead className="text-end">{t("columns.participants")}</TableHead>
          <TableHead className="text-end">{t("columns.sales")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => {
          const timing = eventTiming(today, event.startsOn, event.endsOn);
          return (
            <TableRow
              key={event.id}
              data-event-id={event.id}
              data-participants={event.participants}
              data-sales={event.salesMad ?? ""}
            >
              <TableCell className="whitespace-normal">
                <Link
                  href={`/fairs/${event.id}`}
                  className="font-medium text-primary hover:underline"
                  dir="auto"
                >
                  {event.name}
                </Link>
                <div className="mt-1 flex flex-wrap gap-1">
                  <Badge variant="outline">{t(`kind.${event.kind}`)}</Badge>
                  {timing === "ongoing" && <Badge variant="success">{t("status.ongoing")}</Badge>}
                </div>
              </TableCell>
              <TableCell>{eventDates(locale, range, event.startsOn, event.endsOn)}</TableCell>
              <TableCell className="whitespace-normal">
                <div>{event.provinceNames?.[locale] ?? t("none")}</div>
                {event.location && (
                  <div className="text-muted-foreground" dir="auto">
                    {event.location}
                  </div>
                )}
              </TableCell>
              <TableCell className="text-end tabular-nums">
                {formatNumber(locale, event.participants)}
              </TableCell>
              <TableCell className="text-end tabular-nums">
                {event.salesMad === null
                  ? t("notReported")
                  : formatMoney(locale, Number(event.salesMad), 2)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
