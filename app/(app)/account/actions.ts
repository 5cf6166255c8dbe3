"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import "@/lib/zod";
import { z } from "zod";
import { getDb } from "@/db";
import { AdminError, changeOwnPassword } from "@/db/queries/admin";
import { verifySession } from "@/lib/dal";
import { changePasswordSchema, type ChangePasswordField } from "./schema";

/** Messages are keys of the `validation` catalog namespace. */
export type ChangePasswordState = {
  status: "idle" | "error" | "changed";
  fieldErrors?: Partial<Record<ChangePasswordField, string[]>>;
};

function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

export async function changePasswordAction(
  _previous: ChangePasswordState,
  formData: FormData,
): Promise<ChangePasswordState> {
  const viewer = await verifySession();
  const parsed = changePasswordSchema.safeParse({
    current_password: text(formData, "current_password"),
    new_password: text(formData, "new_password"),
    confirm_password: text(formData, "confirm_password"),
  });
  if (!parsed.success) {
    return { status: "error", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  try {
    await changeOwnPassword(await getDb(), {
      userId: viewer.id,
      currentPassword: parsed.data.current_password,
      newPassword: parsed.data.new_password,
    });
  } catch (error) {
    if (error instanceof AdminError && error.code === "currentPasswordWrong") {
      return { status: "error", fieldErrors: { current_password: ["currentPasswordWrong"] } };
    }
    throw error;
  }
  revalidatePath("/", "layout");
  // The first-sign-in change done, the rest of the platform opens.
  if (viewer.mustChangePassword) redirect("/");
  return { status: "changed" };
}
