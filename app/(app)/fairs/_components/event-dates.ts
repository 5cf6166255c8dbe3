import { formatDate } from "@/lib/format";
import type { Locale } from "@/lib/i18n/config";

/** "12 mars 2026" for a one-day event, "12 mars 2026 – 15 mars 2026" otherwise. */
export function eventDates(
  locale: Locale,
  range: (values: { start: string; end: string }) => string,
  startsOn: string,
  endsOn: string,
): string {
  const start = formatDate(locale, startsOn);
  return startsOn === endsOn ? start : range({ start, end: formatDate(locale, endsOn) });
}

/** Where the event stands on `today`. */
export function eventTiming(
  today: string,
  startsOn: string,
  endsOn: string,
): "upcoming" | "ongoing" | "past" {
  if (endsOn < today) return "past";
  return startsOn > today ? "upcoming" : "ongoing";
}
