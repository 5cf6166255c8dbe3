import "@/lib/zod";
import { z } from "zod";
import { SNAPSHOT_KINDS } from "@/db/schema";
import { fieldsAre, pastDate, text } from "@/lib/validation/common";

/** Error messages are keys of the `jobs.errors` catalog namespace. */
export type JobsErrorKey =
  | "required"
  | "tooLong"
  | "invalidCharacters"
  | "invalidChoice"
  | "notANumber"
  | "notAnInteger"
  | "negative"
  | "tooLarge"
  | "invalidDate"
  | "dateInFuture"
  | "womenAboveTotal"
  | "youthAboveTotal"
  | "baselineExists"
  | "dateTaken";

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

function blank(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  const trimmed = value.trim().replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));
  return trimmed === "" ? undefined : trimmed;
}

/** Free text is kept as written (Arabic digits too): trimmed, blank is absent. */
function blankText(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

const number = z
  .number({ error: (issue) => (issue.input === undefined ? "required" : "notANumber") })
  .refine((n) => Number.isFinite(n), { error: "notANumber" })
  .refine((n) => Number.isInteger(n), { error: "notAnInteger" })
  .refine((n) => n >= 0, { error: "negative" })
  .refine((n) => n <= 100_000, { error: "tooLarge" });

const toNumber = (value: unknown) => {
  const v = blank(value);
  return typeof v === "string" ? Number(v.replace(/\s/g, "")) : v;
};

const count = z.preprocess(toNumber, number);
const optionalCount = z
  .preprocess(toNumber, number.optional())
  .transform((n) => (n === undefined ? null : n));

const asOf = z.preprocess(blank, pastDate({ from: "2000-01-01" }));

/** One schema for the jobs snapshot form and its server action; keys are the export's. */
export const jobsSnapshotSchema = z
  .object({
    kind: z.preprocess(
      blank,
      z.enum(SNAPSHOT_KINDS, {
        error: (issue) => (issue.input === undefined ? "required" : "invalidChoice"),
      }),
    ),
    as_of: asOf,
    jobs_total: count,
    jobs_women: count,
    jobs_youth: count,
    jobs_seasonal: z.preprocess((v) => blank(v) ?? "0", count),
    members_total: optionalCount,
    source: z.preprocess(blankText, text(200)),
    notes: z.preprocess(blankText, text(1000).optional()).transform((v) => v ?? null),
  })
  .superRefine(
    (value, ctx) => {
      if (value.jobs_women > value.jobs_total) {
        ctx.addIssue({ code: "custom", path: ["jobs_women"], message: "womenAboveTotal" });
      }
      if (value.jobs_youth > value.jobs_total) {
        ctx.addIssue({ code: "custom", path: ["jobs_youth"], message: "youthAboveTotal" });
      }
    },
    { when: ({ value }) => fieldsAre(value, "number", ["jobs_total", "jobs_women", "jobs_youth"]) },
  );

export type JobsSnapshotInput = z.infer<typeof jobsSnapshotSchema>;
export type JobsField = keyof JobsSnapshotInput;
export const JOBS_FIELDS = Object.keys(jobsSnapshotSchema.shape) as JobsField[];
export type JobsFieldErrors = Partial<Record<JobsField, JobsErrorKey>>;

export function jobsFieldErrors(error: z.ZodError): JobsFieldErrors {
  const out: JobsFieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path[0] as JobsField | undefined;
    if (key && !out[key]) out[key] = issue.message as JobsErrorKey;
  }
  return out;
}
