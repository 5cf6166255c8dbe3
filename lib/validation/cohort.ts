import "@/lib/zod";
import { z } from "zod";
import { COHORT_STATUSES } from "@/db/schema";
import { isoDate, text } from "@/lib/validation/common";

/** Messages are keys of the `cohorts.errors` catalog namespace. */
const blank = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

const requiredText = (max: number) => z.preprocess(blank, text(max));

const date = isoDate({ from: "2000-01-01", missing: "invalidDate" });

export const cohortSchema = z
  .object({
    name: requiredText(120),
    program_id: z.coerce
      .number({ error: "invalidChoice" })
      .int({ error: "invalidChoice" })
      .positive({ error: "invalidChoice" }),
    start_on: date,
    end_on: date,
    capacity: z.coerce
      .number({ error: "notANumber" })
      .int({ error: "notAnInteger" })
      .min(1, { error: "capacityRange" })
      .max(1000, { error: "capacityRange" }),
    status: z.enum(COHORT_STATUSES, { error: "invalidChoice" }),
  })
  .refine((v) => v.end_on >= v.start_on, { path: ["end_on"], error: "endBeforeStart" });

export type CohortInput = z.infer<typeof cohortSchema>;

export const programSchema = z.object({
  key: z
    .string({ error: "required" })
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,40}$/, { error: "invalidKey" }),
  name_ar: requiredText(200),
  name_fr: requiredText(200),
  name_en: requiredText(200),
  description: z.preprocess(blank, text(1000).optional()).transform((v) => v ?? null),
  active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

export type ProgramInput = z.infer<typeof programSchema>;

export function firstErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
