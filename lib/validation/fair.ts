import "@/lib/zod";
import { z } from "zod";
import { EVENT_KINDS } from "@/db/schema";
import { idSchema, isoDate, text } from "@/lib/validation/common";
import { centimesToMad, parseCentimes } from "@/lib/validation/funding";

/** Messages are keys of the `fairs.errors` catalog namespace. */
export type FairErrorKey =
  | "required"
  | "tooLong"
  | "invalidCharacters"
  | "invalidChoice"
  | "invalidDate"
  | "endBeforeStart"
  | "invalidAmount";

const MAX_CENTIMES = 99_999_999_999_999;

const blank = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

const requiredText = (max: number) => z.preprocess(blank, text(max));

const optionalText = (max: number) =>
  z.preprocess(blank, text(max).optional()).transform((v) => v ?? null);

/** A calendar date that exists, within the years an event can take place. */
const date = z.preprocess(blank, isoDate({ from: "2000-01-01" }));

/** An id chosen in a select: blank is "required", anything but a positive integer "invalidChoice". */
const chosenId = z.preprocess(
  blank,
  z
    .string({ error: "required" })
    .regex(/^\d{1,10}$/, { error: "invalidChoice" })
    .transform(Number)
    .refine((v) => v > 0 && v <= 2_147_483_647, { error: "invalidChoice" }),
);

export const eventSchema = z
  .object({
    name: requiredText(200),
    kind: z.preprocess(
      blank,
      z.enum(EVENT_KINDS, {
        error: (issue) => (issue.input === undefined ? "required" : "invalidChoice"),
      }),
    ),
    province: z
      .preprocess(
        blank,
        z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,40}$/, { error: "invalidChoice" })
          .optional(),
      )
      .transform((v) => v ?? null),
    location: optionalText(200),
    starts_on: date,
    ends_on: date,
  })
  .refine((v) => v.ends_on >= v.starts_on, { path: ["ends_on"], error: "endBeforeStart" });
export type EventInput = z.infer<typeof eventSchema>;
export const EVENT_FIELDS = [
  "name",
  "kind",
  "province",
  "location",
  "starts_on",
  "ends_on",
] as const;

/**
 * Sales at the fair in MAD, validated like funding's amounts ("12 500,50", Arabic-Indic digits);
 * blank when not known (yet), zero when nothing was sold. Exact decimal text for SQL numeric.
 */
const salesMad = z
  .preprocess(
    blank,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return null;
        const centimes = parseCentimes(v);
        if (centimes === null || centimes > MAX_CENTIMES) {
          ctx.addIssue({ code: "custom", message: "invalidAmount" });
          return z.NEVER;
        }
        return centimesToMad(centimes);
      }),
  )
  .transform((v) => v ?? null);

export const participationSchema = z.object({
  event_id: idSchema,
  cooperative_id: chosenId,
  sales_mad: salesMad,
  notes: optionalText(2000),
});
export type ParticipationInput = z.infer<typeof participationSchema>;
export const PARTICIPATION_FIELDS = ["event_id", "cooperative_id", "sales_mad", "notes"] as const;

export const removeParticipationSchema = z.object({ id: idSchema });

const ERROR_KEYS: ReadonlySet<string> = new Set<FairErrorKey>([
  "required",
  "tooLong",
  "invalidCharacters",
  "invalidChoice",
  "invalidDate",
  "endBeforeStart",
  "invalidAmount",
]);

/** The first error of each field, as a catalog key. */
export function firstErrors(error: z.ZodError): Record<string, FairErrorKey> {
  const out: Record<string, FairErrorKey> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= ERROR_KEYS.has(issue.message) ? (issue.message as FairErrorKey) : "invalidChoice";
  }
  return out;
}
