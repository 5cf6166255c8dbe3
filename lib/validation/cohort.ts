import { z } from "zod";
import { COHORT_STATUSES } from "@/db/schema";

/** Messages are keys of the `cohorts.errors` catalog namespace. */
const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : undefined),
    z.string({ error: "required" }).min(1, { error: "required" }).max(max, { error: "tooLong" }),
  );

const date = z
  .string({ error: "invalidDate" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "invalidDate" })
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && v >= "2000-01-01" && v <= "2100-12-31",
    {
      error: "invalidDate",
    },
  );

export const cohortSchema = z
  .object({
    name: text(120),
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
  name_ar: text(200),
  name_fr: text(200),
  name_en: text(200),
  description: z
    .string()
    .trim()
    .max(1000, { error: "tooLong" })
    .optional()
    .transform((v) => (v ? v : null)),
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
