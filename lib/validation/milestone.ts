import "@/lib/zod";
import { z } from "zod";
import { MILESTONE_STATUSES, STAGES } from "@/db/schema";
import { filtersToQuery, parseListFilters, type ListFilters } from "@/lib/filters";
import { idSchema, isoDate, pastDate, text } from "@/lib/validation/common";
import {
  MENTOR_STATUSES,
  isMentorStatus,
  type MilestoneStatus,
} from "@/lib/validation/milestone-constants";

export { idSchema };

/** Defined without zod, for client components; re-exported for server code. */
export { MENTOR_STATUSES, isMentorStatus, type MilestoneStatus };

/** Messages are keys of the `milestones.errors` catalog namespace. */
export type MilestoneErrorKey =
  | "required"
  | "tooLong"
  | "invalidCharacters"
  | "invalidChoice"
  | "invalidDate"
  | "dateInFuture"
  | "invalidUrl"
  | "commentRequired"
  | "evidenceRequired"
  | "statusNotAllowed"
  | "keyFormat"
  | "keyTaken"
  | "offsetRange"
  | "orderRange";

const blank = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

const optionalText = (max: number) =>
  z.preprocess(blank, text(max).optional()).transform((v) => v ?? null);

const requiredText = (max: number) => z.preprocess(blank, text(max));

const dueDate = isoDate({ from: "2000-01-01" });

const completedDate = pastDate({ from: "2000-01-01" });

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    blank,
    z.enum(values, {
      error: (issue) => (issue.input === undefined ? "required" : "invalidChoice"),
    }),
  );

/** Only web links: a `javascript:` URL in evidence would run in the reader's browser. */
const evidenceUrl = z
  .preprocess(
    blank,
    text(500)
      .refine(
        (v) => {
          try {
            const url = new URL(v);
            return url.protocol === "https:" || url.protocol === "http:";
          } catch {
            return false;
          }
        },
        { error: "invalidUrl" },
      )
      .optional(),
  )
  .transform((v) => v ?? null);

/**
 * A milestone change: only the fields the form sent are changed (a mentor's form sends status
 * and evidence, staff's edit form every field). Empty text clears a field.
 */
export const milestoneUpdateSchema = z.object({
  status: choice(MILESTONE_STATUSES).optional(),
  evidence_text: optionalText(2000).optional(),
  evidence_url: evidenceUrl.optional(),
  comment: optionalText(1000).optional(),
  due_on: z
    .preprocess(blank, dueDate.optional())
    .transform((v) => v ?? null)
    .optional(),
  completed_on: z
    .preprocess(blank, completedDate.optional())
    .transform((v) => v ?? null)
    .optional(),
  title: requiredText(200).optional(),
});
export const MILESTONE_UPDATE_FIELDS = Object.keys(milestoneUpdateSchema.shape) as (
  "status" | "evidence_text" | "evidence_url" | "comment" | "due_on" | "completed_on" | "title"
)[];

export const verifySchema = z.object({
  completed_on: z.preprocess(blank, completedDate.optional()).transform((v) => v ?? null),
});

export const sendBackSchema = z.object({
  comment: z.preprocess(blank, text(1000, "commentRequired").min(3, { error: "commentRequired" })),
});

export const customMilestoneSchema = z.object({
  title: requiredText(200),
  stage: choice(STAGES),
  due_on: z.preprocess(blank, dueDate),
});

const whole = (min: number, max: number, error: MilestoneErrorKey) =>
  z.preprocess(
    (v) => blank(v),
    z.coerce
      .number({ error: (issue) => (issue.input === undefined ? "required" : error) })
      .int({ error })
      .min(min, { error })
      .max(max, { error }),
  );

/** A milestone template; key, stage and programme are set once, when the template is created. */
export const templateSchema = z.object({
  key: z.preprocess(
    blank,
    z
      .string({ error: "required" })
      .max(60, { error: "tooLong" })
      .regex(/^[a-z][a-z0-9_]*$/, { error: "keyFormat" }),
  ),
  stage: choice(STAGES),
  program_id: z
    .preprocess(
      blank,
      z.coerce
        .number({ error: "invalidChoice" })
        .int({ error: "invalidChoice" })
        .positive({ error: "invalidChoice" })
        .max(2_147_483_647, { error: "invalidChoice" })
        .optional(),
    )
    .transform((v) => v ?? null),
  sort_order: whole(0, 10_000, "orderRange"),
  due_offset_days: whole(0, 3650, "offsetRange"),
  label_ar: requiredText(300),
  label_fr: requiredText(300),
  label_en: requiredText(300),
  active: z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
});
export type TemplateInput = z.infer<typeof templateSchema>;
export const TEMPLATE_FIELDS = Object.keys(templateSchema.shape) as (keyof TemplateInput)[];

const KNOWN: ReadonlySet<string> = new Set<MilestoneErrorKey>([
  "required",
  "tooLong",
  "invalidCharacters",
  "invalidChoice",
  "invalidDate",
  "dateInFuture",
  "invalidUrl",
  "commentRequired",
  "evidenceRequired",
  "statusNotAllowed",
  "keyFormat",
  "keyTaken",
  "offsetRange",
  "orderRange",
]);

/** The first error of each field, as a catalog key. */
export function firstErrors(error: z.ZodError): Record<string, MilestoneErrorKey> {
  const out: Record<string, MilestoneErrorKey> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= KNOWN.has(issue.message) ? (issue.message as MilestoneErrorKey) : "invalidChoice";
  }
  return out;
}

/** The list's filters: DOMAIN.md's names, plus a milestone status, overdue and awaiting. */
export type MilestoneFilters = ListFilters & {
  status?: MilestoneStatus;
  overdue: boolean;
  awaiting: boolean;
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

export function parseMilestoneFilters(params: Params): MilestoneFilters {
  const raw = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
  };
  const status = z.enum(MILESTONE_STATUSES).safeParse(raw("status"));
  return {
    ...parseListFilters(params),
    archived: false,
    status: status.success ? status.data : undefined,
    overdue: raw("overdue") === "true",
    awaiting: raw("awaiting") === "true",
  };
}

/** The URL query of the list's filters, with overrides (undefined removes a key). */
export function milestonesQuery(
  filters: MilestoneFilters,
  overrides: Record<string, string | number | undefined> = {},
): string {
  return filtersToQuery(filters, {
    status: filters.status,
    overdue: filters.overdue ? "true" : undefined,
    awaiting: filters.awaiting ? "true" : undefined,
    ...overrides,
  });
}
