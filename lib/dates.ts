import { TIME_ZONE } from "./i18n/config";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's date (YYYY-MM-DD) in Africa/Casablanca. */
export function todayIso(now: Date = new Date()): string {
  return dayFormat.format(now);
}
