import "@/lib/zod";
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;

/** Messages are keys of the `validation` catalog namespace, translated by the form. */
export const changePasswordSchema = z
  .object({
    current_password: z.string({ error: "required" }).min(1, { error: "required", abort: true }),
    new_password: z
      .string({ error: "required" })
      .min(1, { error: "required", abort: true })
      .min(PASSWORD_MIN_LENGTH, { error: "passwordTooShort" })
      .max(200, { error: "passwordTooLong" }),
    confirm_password: z.string({ error: "required" }).min(1, { error: "required", abort: true }),
  })
  .refine((data) => data.new_password === data.confirm_password, {
    error: "passwordMismatch",
    path: ["confirm_password"],
  })
  .refine((data) => data.new_password !== data.current_password, {
    error: "passwordSame",
    path: ["new_password"],
  });

export type ChangePasswordField = keyof z.input<typeof changePasswordSchema>;
