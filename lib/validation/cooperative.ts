import "@/lib/zod";
import { z } from "zod";
import { AREAS, LEGAL_FORMS, SECTORS } from "@/db/schema";
import { fieldsAre, pastDate, text } from "@/lib/validation/common";

/** Error messages are keys of the `cooperatives.errors` catalog namespace. */
export type CooperativeErrorKey =
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
  | "invalidPhone"
  | "invalidEmail"
  | "invalidAmount"
  | "womenAboveTotal"
  | "youthAboveTotal";

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

function latinDigits(value: string): string {
  return value.replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/** Moroccan phone numbers as people type them (+212 6…, 00212…, 06 12…, 6…) in national format. */
export function normalizePhone(raw: string): string | null {
  let digits = latinDigits(raw).replace(/[\s().\-/\u00a0\u200e\u200f]/g, "");
  if (digits.startsWith("+212")) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith("00212")) digits = `0${digits.slice(5)}`;
  else if (/^212\d{9}$/.test(digits)) digits = `0${digits.slice(3)}`;
  else if (/^[5-7]\d{8}$/.test(digits)) digits = `0${digits}`;
  if (/^00[5-7]\d{8}$/.test(digits)) digits = digits.slice(1);
  return /^0[5-7]\d{8}$/.test(digits) ? digits : null;
}

const TRUE_WORDS = new Set(["on", "true", "1", "yes", "oui", "نعم", "vrai", "x"]);
const FALSE_WORDS = new Set(["", "off", "false", "0", "no", "non", "لا", "faux"]);

function blank(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }
  return value;
}

const required = (max: number) => z.preprocess(blank, text(max));

const optional = (max: number) =>
  z.preprocess(blank, text(max).optional()).transform((v) => v ?? null);

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    blank,
    z.enum(values, {
      error: (issue) => (issue.input === undefined ? "required" : "invalidChoice"),
    }),
  );

const count = z
  .preprocess(
    (value) => {
      const v = blank(value);
      if (v === undefined) return 0;
      return typeof v === "string" ? Number(latinDigits(v).replace(/\s/g, "")) : v;
    },
    z
      .number({ error: "notANumber" })
      .refine((n) => Number.isFinite(n), { error: "notANumber" })
      .refine((n) => Number.isInteger(n), { error: "notAnInteger" })
      .refine((n) => n >= 0, { error: "negative" })
      .refine((n) => n <= 1_000_000, { error: "tooLarge" }),
  )
  .transform((n) => n as number);

const pastDay = z
  .preprocess(
    (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : blank(value)),
    pastDate({ from: "1900-01-01", missing: "invalidDate" }).optional(),
  )
  .transform((v) => v ?? null);

const amount = z
  .preprocess(
    (value) => {
      const v = blank(value);
      if (typeof v === "number") return v.toFixed(2);
      return typeof v === "string"
        ? latinDigits(v)
            .replace(/[\s\u00a0\u202f]/g, "")
            .replace(",", ".")
        : v;
    },
    z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, { error: "invalidAmount" })
      .optional(),
  )
  .transform((v) => (v === undefined ? null : Number(v).toFixed(2)));

const flag = z.preprocess(
  (value) => {
    if (typeof value === "boolean") return value;
    if (value === null || value === undefined) return false;
    // An object's String() can throw (a toString that is not a function): the boolean refuses it.
    if (typeof value !== "string" && typeof value !== "number") return value;
    const v = String(value).trim().toLowerCase();
    if (TRUE_WORDS.has(v)) return true;
    if (FALSE_WORDS.has(v)) return false;
    return value;
  },
  z.boolean({ error: "invalidChoice" }),
);

const phone = z.preprocess(blank, z.string().optional()).transform((value, ctx) => {
  if (value === undefined) return null;
  const normalized = normalizePhone(value);
  if (!normalized) ctx.addIssue({ code: "custom", message: "invalidPhone" });
  return normalized;
});

const email = z
  .preprocess(blank, z.email({ error: "invalidEmail" }).max(320, { error: "tooLong" }).optional())
  .transform((v) => v?.toLowerCase() ?? null);

const cohortId = z
  .preprocess(blank, z.coerce.number({ error: "invalidChoice" }).int().positive().optional())
  .transform((v) => v ?? null);

/** One schema for the form, the server action and the import: input keys are DOMAIN.md's. */
export const cooperativeSchema = z
  .object({
    name: required(200),
    name_latin: optional(200),
    legal_form: choice(LEGAL_FORMS),
    sector: choice(SECTORS),
    province: z.preprocess(
      blank,
      z.string({ error: "required" }).regex(/^[a-z_]{1,40}$/, { error: "invalidChoice" }),
    ),
    commune: optional(120),
    area: choice(AREAS),
    registration_number: optional(80),
    registered_on: pastDay,
    court: optional(200),
    founded_on: pastDay,
    women_coop: flag,
    members_total: count,
    members_women: count,
    members_youth: count,
    share_capital_mad: amount,
    cohort_id: cohortId,
    contact_name: optional(200),
    phone,
    email,
    address: optional(500),
  })
  .superRefine(
    (value, ctx) => {
      if (value.members_women > value.members_total) {
        ctx.addIssue({ code: "custom", path: ["members_women"], message: "womenAboveTotal" });
      }
      if (value.members_youth > value.members_total) {
        ctx.addIssue({ code: "custom", path: ["members_youth"], message: "youthAboveTotal" });
      }
    },
    {
      when: ({ value }) =>
        fieldsAre(value, "number", ["members_total", "members_women", "members_youth"]),
    },
  );

export type CooperativeInput = z.infer<typeof cooperativeSchema>;
export const COOPERATIVE_FIELDS = Object.keys(
  cooperativeSchema.shape,
) as (keyof CooperativeInput)[];

export type FieldErrors = Partial<Record<keyof CooperativeInput, CooperativeErrorKey>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path[0] as keyof CooperativeInput | undefined;
    if (key && !out[key]) out[key] = issue.message as CooperativeErrorKey;
  }
  return out;
}

/** Database columns of a parsed record. */
export function toColumns(input: CooperativeInput) {
  return {
    name: input.name,
    nameLatin: input.name_latin,
    legalForm: input.legal_form,
    sector: input.sector,
    province: input.province,
    commune: input.commune,
    area: input.area,
    registrationNumber: input.registration_number,
    registeredOn: input.registered_on,
    court: input.court,
    foundedOn: input.founded_on,
    womenCoop: input.women_coop,
    membersTotal: input.members_total,
    membersWomen: input.members_women,
    membersYouth: input.members_youth,
    shareCapitalMad: input.share_capital_mad,
    cohortId: input.cohort_id,
    contactName: input.contact_name,
    phone: input.phone,
    email: input.email,
    address: input.address,
  };
}
