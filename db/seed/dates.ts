const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toDays(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (fromDays(ms / DAY_MS) !== date) throw new Error(`Not a calendar date: ${date}`);
  return ms / DAY_MS;
}

export function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDays(toDays(date) + days);
}

export function diffDays(later: string, earlier: string): number {
  return toDays(later) - toDays(earlier);
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDays(Date.UTC(year, month, Math.min(d, lastDay)) / DAY_MS);
}

export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function minDate(...dates: string[]): string {
  return dates.reduce((a, b) => (b < a ? b : a));
}

export function maxDate(...dates: string[]): string {
  return dates.reduce((a, b) => (b > a ? b : a));
}

export function clampDate(date: string, low: string, high: string): string {
  return high < low ? low : minDate(maxDate(date, low), high);
}

export function quarterEnd(date: string): string {
  const year = Number(date.slice(0, 4));
  const quarter = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  return fromDays(Date.UTC(year, quarter * 3 + 3, 0) / DAY_MS);
}

export function lastCompleteQuarterEnd(today: string): string {
  return addDays(firstOfMonth(addMonths(quarterEnd(today), -2)), -1);
}

export function quarterEndsBetween(afterExclusive: string, untilInclusive: string): string[] {
  const ends: string[] = [];
  for (let q = quarterEnd(afterExclusive); q <= untilInclusive; q = quarterEnd(addDays(q, 1))) {
    if (q > afterExclusive) ends.push(q);
  }
  return ends;
}

export function timestampOn(date: string, hour: number, minute = 0): Date {
  return new Date(
    `${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`,
  );
}
