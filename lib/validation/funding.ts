import "@/lib/zod";
import { z } from "zod";
import { AWARD_STATUSES, FUNDING_KINDS, FUNDING_SOURCES, type fundingAwards } from "@/db/schema";
import { parseListFilters, type ListFilters } from "@/lib/filters";
import { idSchema, pastDate, text } from "@/lib/validation/common";

export { idSchema };

/** Messages are keys of the `funding.errors` catalog namespace. */
export type FundingErrorKey =
  | "required"
  | "tooLong"
  | "invalidCharacters"
  | "invalidChoice"
  | "invalidAmount"
  | "amountPositive"
  | "invalidDate"
  | "dateInFuture";

export type AwardStatus = (typeof fundingAwards.$inferSelect)["status"];

/**
 * Status changes people make; approved → disbursing and → completed also happen on their own when
 * tranches are disbursed (see db/queries/funding.ts). Completed, rejected and cancelled end it.
 */
export const AWARD_TRANSITIONS: Record<AwardStatus, readonly AwardStatus[]> = {
  requested: ["approved", "rejected", "cancelled"],
  approved: ["cancelled"],
  disbursing: ["completed", "cancelled"],
  completed: [],
  rejected: [],
  cancelled: [],
};

/** Awards that take tranches. */
export const OPEN_AWARD_STATUSES = ["approved", "disbursing"] as const;

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
const MAX_CENTIMES = 99_999_999_999_999;

/** "40 000,5", "٤٠٠٠٠" or "40000.50" as a whole number of centimes; null when not an amount. */
export function parseCentimes(raw: string): number | null {
  const text = raw
    .replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(",", ".");
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

/** Centimes as the exact decimal text SQL numeric takes ("40000.50"). */
export function centimesToMad(centimes: number): string {
  return `${Math.trunc(centimes / 100)}.${String(centimes % 100).padStart(2, "0")}`;
}

const blank = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

const amount = (min: number) =>
  z.preprocess(
    blank,
    z.string({ error: "required" }).transform((v, ctx) => {
      const centimes = parseCentimes(v);
      if (centimes === null || centimes > MAX_CENTIMES) {
        ctx.addIssue({ code: "custom", message: "invalidAmount" });
        return z.NEVER;
      }
      if (centimes < min) ctx.addIssue({ code: "custom", message: "amountPositive" });
      return centimes;
    }),
  );

const pastDay = z.preprocess(blank, pastDate({ from: "1990-01-01" }));

const optionalText = (max: number) =>
  z.preprocess(blank, text(max).optional()).transform((v) => v ?? null);

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    blank,
    z.enum(values, {
      error: (issue) => (issue.input === undefined ? "required" : "invalidChoice"),
    }),
  );

const optionalId = z
  .preprocess(
    blank,
    z.coerce
      .number({ error: "invalidChoice" })
      .int({ error: "invalidChoice" })
      .positive({ error: "invalidChoice" })
      .max(2_147_483_647, { error: "invalidChoice" })
      .optional(),
  )
  .transform((v) => v ?? null);

export const awardSchema = z.object({
  cooperative_id: idSchema,
  program: z
    .preprocess(
      blank,
      z
        .string()
        .regex(/^[a-z][a-z0-9_]*$/, { error: "invalidChoice" })
        .optional(),
    )
    .transform((v) => v ?? null),
  source: choice(FUNDING_SOURCES),
  kind: choice(FUNDING_KINDS),
  amount_mad: amount(1),
  co_financing_mad: z.preprocess((v) => blank(v) ?? "0", amount(0)),
  awarded_on: pastDay,
  status: choice(["requested", "approved"] as const),
  notes: optionalText(2000),
});
export type AwardInput = z.infer<typeof awardSchema>;
export const AWARD_FIELDS = Object.keys(awardSchema.shape) as (keyof AwardInput)[];

/** A tranche paid now (with its date) or planned (no date yet), perhaps released by a milestone. */
export const disbursementSchema = z
  .object({
    award_id: idSchema,
    status: choice(["disbursed", "planned"] as const),
    disbursed_on: z.preprocess(blank, z.string().optional()),
    amount_mad: amount(1),
    reference: optionalText(120),
    release_milestone_id: optionalId,
  })
  .transform((value, ctx) => {
    if (value.status === "planned") return { ...value, disbursed_on: null };
    const date = pastDay.safeParse(value.disbursed_on);
    if (!date.success) {
      const message = date.error.issues[0]?.message ?? "invalidDate";
      ctx.addIssue({ code: "custom", path: ["disbursed_on"], message });
      return z.NEVER;
    }
    return { ...value, disbursed_on: date.data as string };
  });
export type DisbursementInput = z.infer<typeof disbursementSchema>;
export const DISBURSEMENT_FIELDS = [
  "award_id",
  "status",
  "disbursed_on",
  "amount_mad",
  "reference",
  "release_milestone_id",
] as const;

export const releaseSchema = z.object({
  id: idSchema,
  disbursed_on: pastDay,
  reference: optionalText(120),
});

export const awardStatusSchema = z.object({
  award_id: idSchema,
  status: choice(AWARD_STATUSES),
});

const ERROR_KEYS: ReadonlySet<string> = new Set<FundingErrorKey>([
  "required",
  "tooLong",
  "invalidCharacters",
  "invalidChoice",
  "invalidAmount",
  "amountPositive",
  "invalidDate",
  "dateInFuture",
]);

/** The first error of each field, as a catalog key (an id that does not parse: invalidChoice). */
export function firstErrors(error: z.ZodError): Record<string, FundingErrorKey> {
  const out: Record<string, FundingErrorKey> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= ERROR_KEYS.has(issue.message)
      ? (issue.message as FundingErrorKey)
      : "invalidChoice";
  }
  return out;
}

/** A form whose record id does not parse points at nothing: not found, like an unknown id. */
export function badId(errors: Record<string, string>): boolean {
  return ["id", "award_id", "cooperative_id"].some((key) => key in errors);
}

/** The ledger's filters: DOMAIN.md's names, plus the award's source, kind and status. */
export type FundingFilters = Pick<
  ListFilters,
  "province" | "program" | "cohortId" | "from" | "to" | "page"
> & {
  source?: (typeof FUNDING_SOURCES)[number];
  kind?: (typeof FUNDING_KINDS)[number];
  status?: AwardStatus;
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

export function parseFundingFilters(params: Params): FundingFilters {
  const list = parseListFilters(params);
  const raw = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return (Array.isArray(value) ? value[0] : value) ?? undefined;
  };
  const pick = <T extends readonly [string, ...string[]]>(values: T, key: string) => {
    const parsed = z.enum(values).safeParse(raw(key)?.trim());
    return parsed.success ? parsed.data : undefined;
  };
  return {
    province: list.province,
    program: list.program,
    cohortId: list.cohortId,
    from: list.from,
    to: list.to,
    page: list.page,
    source: pick(FUNDING_SOURCES, "source"),
    kind: pick(FUNDING_KINDS, "kind"),
    status: pick(AWARD_STATUSES, "status"),
  };
}

/** The URL query of the ledger's filters, with overrides (undefined removes a key). */
export function fundingQuery(
  filters: FundingFilters,
  overrides: Record<string, string | number | undefined> = {},
): string {
  const entries: Record<string, string | number | undefined> = {
    province: filters.province,
    program: filters.program,
    source: filters.source,
    kind: filters.kind,
    status: filters.status,
    cohort: filters.cohortId,
    from: filters.from,
    to: filters.to,
    page: filters.page > 1 ? filters.page : undefined,
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}
