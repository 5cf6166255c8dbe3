import "@/lib/zod";
import { z } from "zod";
import { todayIso } from "@/lib/dates";

/**
 * Building blocks of every schema. Messages are keys each domain's `<domain>.errors` catalog
 * namespace defines: required, tooLong, invalidCharacters, invalidDate, dateInFuture, invalidChoice.
 */

/** PostgreSQL text cannot hold NUL, and half a surrogate pair is not UTF-8: either fails the write. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/** Text of at most `max` characters that the database can store; `missing` when there is none. */
export function text(max: number, missing = "required") {
  return z
    .string({ error: missing })
    .max(max, { error: "tooLong" })
    .refine(isStorableText, { error: "invalidCharacters" });
}

/**
 * A day that exists, as YYYY-MM-DD: built back from its parts, 2026-02-30 would be 2 March.
 * `setUTCFullYear`, unlike `Date.UTC`, keeps years below 100 as they are; PostgreSQL has no year 0.
 */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

type DateRange = { from?: string; to?: string; missing?: string };

/** A day that exists between `from` and `to` (YYYY-MM-DD text compares as dates). */
export function isoDate({
  from = "1900-01-01",
  to = "2100-12-31",
  missing = "required",
}: DateRange = {}) {
  return z
    .string({ error: missing })
    .refine((v) => isIsoDate(v) && v >= from && v <= to, { error: "invalidDate", abort: true });
}

/** A day that exists, from `from` to today in Africa/Casablanca (later: "dateInFuture"). */
export function pastDate(range: Omit<DateRange, "to"> = {}) {
  return isoDate({ ...range, to: "9999-12-31" }).refine((v) => v <= todayIso(), {
    error: "dateInFuture",
  });
}

/** A record id (a PostgreSQL integer) from a form or a URL: anything else is "invalidChoice". */
export const idSchema = z.coerce
  .number({ error: "invalidChoice" })
  .int({ error: "invalidChoice" })
  .positive({ error: "invalidChoice" })
  .max(2_147_483_647, { error: "invalidChoice" });

/**
 * For the `when` of a cross-field check that runs even when other fields failed: the input was
 * an object (null is not) and these fields parsed to the given type.
 */
export function fieldsAre(value: unknown, type: "number" | "string", keys: readonly string[]) {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return keys.every((key) => typeof record[key] === type);
}
