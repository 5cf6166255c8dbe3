import "@/lib/zod";
import { z } from "zod";
import { cooperativeSchema } from "./cooperative";
import { idSchema, text } from "./common";

/** Messages are keys of the `people.errors` catalog namespace. */
export type PeopleErrorKey =
  | "required"
  | "tooShort"
  | "tooLong"
  | "invalidCharacters"
  | "invalidChoice"
  | "invalidPhone"
  | "invalidEmail"
  | "nothingSelected"
  | "confirmRequired"
  | "notFound"
  | "conflict"
  | "cannotEraseSelf"
  | "lastAdmin"
  | "failed";

/** At most this many records make one person (a person rarely contacts more than a few). */
export const MAX_PERSON_RECORDS = 50;

export const peopleSearchSchema = z.object({
  q: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : value),
    text(100).min(2, { error: "tooShort" }),
  ),
});

/**
 * The records that are one person, as the admin chose them: their user account (`user`) and
 * the cooperatives where they are the contact (`cooperative`, repeated), from a URL or a form.
 */
export const personSelectorSchema = z
  .object({
    user: z.preprocess((value) => (value === "" ? undefined : value), idSchema.optional()),
    cooperative: z
      .array(idSchema, { error: "invalidChoice" })
      .max(MAX_PERSON_RECORDS, { error: "invalidChoice" })
      .default([]),
  })
  .refine((value) => value.user !== undefined || value.cooperative.length > 0, {
    error: "nothingSelected",
  })
  .transform((value) => ({
    userId: value.user ?? null,
    cooperativeIds: [...new Set(value.cooperative)].sort((a, b) => a - b),
  }));

export type PersonSelector = z.output<typeof personSelectorSchema>;

type ParamReader = { get(name: string): unknown; getAll(name: string): unknown[] };

/** The selector's raw input from URLSearchParams or FormData. */
export function selectorInput(source: ParamReader) {
  return { user: source.get("user") ?? undefined, cooperative: source.getAll("cooperative") };
}

/** The same selector as URL parameters, for links between the people pages and the export. */
export function selectorQuery(selector: PersonSelector): string {
  const params = new URLSearchParams();
  if (selector.userId !== null) params.set("user", String(selector.userId));
  for (const id of selector.cooperativeIds) params.append("cooperative", String(id));
  return params.toString();
}

/** A correction of a cooperative's contact: the same field rules as the cooperative form. */
export const correctContactSchema = z.object({
  cooperative_id: idSchema,
  version: idSchema,
  contact_name: cooperativeSchema.shape.contact_name,
  phone: cooperativeSchema.shape.phone,
  email: cooperativeSchema.shape.email,
  address: cooperativeSchema.shape.address,
});

export type CorrectContactField = keyof z.input<typeof correctContactSchema>;

export const eraseConfirmSchema = z.object({
  confirm: z.literal("on", { error: "confirmRequired" }),
});
