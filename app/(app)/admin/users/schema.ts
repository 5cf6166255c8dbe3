import "@/lib/zod";
import { z } from "zod";
import { ROLES } from "@/db/schema";
import { LOCALES } from "@/lib/i18n/config";
import { isStorableText } from "@/lib/validation/common";

/** Messages are keys of the `validation` catalog namespace, translated by the form. */
const userId = z.coerce
  .number({ error: "invalid" })
  .int({ error: "invalid" })
  .positive({ error: "invalid" })
  .max(2_147_483_647, { error: "invalid" });
const role = z.enum(ROLES, { error: "roleInvalid" });

export const createUserSchema = z.object({
  name: z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required", abort: true })
    .max(200, { error: "nameTooLong" })
    .refine(isStorableText, { error: "invalidCharacters" }),
  email: z
    .string({ error: "required" })
    .trim()
    .toLowerCase()
    .min(1, { error: "required", abort: true })
    .max(320, { error: "emailInvalid" })
    .pipe(z.email({ error: "emailInvalid" })),
  role,
  locale: z.enum(LOCALES, { error: "localeInvalid" }),
});

export const changeRoleSchema = z.object({ user_id: userId, role });

export const setActiveSchema = z.object({
  user_id: userId,
  active: z.enum(["true", "false"], { error: "invalid" }).transform((value) => value === "true"),
});

export const resetPasswordSchema = z.object({ user_id: userId });

/** The list's filters, read from the URL; an unknown value means "no filter". */
export const userFilterSchema = z.object({
  role: z.enum(ROLES).optional().catch(undefined),
  active: z
    .enum(["true", "false"])
    .optional()
    .catch(undefined)
    .transform((value) => (value === undefined ? undefined : value === "true")),
});

export type CreateUserField = keyof z.input<typeof createUserSchema>;
