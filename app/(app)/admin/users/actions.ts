"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import "@/lib/zod";
import { z } from "zod";
import { getDb } from "@/db";
import {
  AdminError,
  changeUserRole,
  createUserAccount,
  resetUserPassword,
  setUserActive,
} from "@/db/queries/admin";
import { requireRole } from "@/lib/dal";
import {
  changeRoleSchema,
  createUserSchema,
  resetPasswordSchema,
  setActiveSchema,
  type CreateUserField,
} from "./schema";
import { temporaryPassword } from "./temporary-password";

/** Messages are keys of the `validation` catalog namespace. */
export type CreateUserState = {
  status: "idle" | "error" | "created";
  /** Changes on every submission, so the form remounts with the values sent back. */
  attempt: number;
  fieldErrors?: Partial<Record<CreateUserField, string[]>>;
  values?: Partial<Record<CreateUserField, string>>;
  created?: { email: string; temporaryPassword: string };
};

export type UserActionState = {
  status: "idle" | "error" | "done";
  error?: string;
  temporaryPassword?: string;
};

/** A server action is a public endpoint: every one checks the role itself. */
function requireAdmin() {
  return requireRole("admin");
}

function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

/** Refusals the admin can act on become a message; anything else is a real failure. */
async function refusal(task: () => Promise<void>): Promise<UserActionState | null> {
  try {
    await task();
    return null;
  } catch (error) {
    if (error instanceof AdminError) return { status: "error", error: error.code };
    throw error;
  }
}

export async function createUserAction(
  previous: CreateUserState,
  formData: FormData,
): Promise<CreateUserState> {
  const viewer = await requireAdmin();
  const values = {
    name: text(formData, "name"),
    email: text(formData, "email"),
    role: text(formData, "role"),
    locale: text(formData, "locale"),
  };
  const attempt = previous.attempt + 1;
  const parsed = createUserSchema.safeParse(values);
  if (!parsed.success) {
    return {
      status: "error",
      attempt,
      values,
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  }
  const password = temporaryPassword();
  const refused = await refusal(async () => {
    await createUserAccount(await getDb(), { actorId: viewer.id, ...parsed.data, password });
  });
  if (refused) {
    return {
      status: "error",
      attempt,
      values,
      fieldErrors: { email: [refused.error ?? "invalid"] },
    };
  }
  revalidatePath("/admin/users");
  return {
    status: "created",
    attempt,
    created: { email: parsed.data.email, temporaryPassword: password },
  };
}

export async function changeRoleAction(
  _previous: UserActionState,
  formData: FormData,
): Promise<UserActionState> {
  const viewer = await requireAdmin();
  const parsed = changeRoleSchema.safeParse({
    user_id: text(formData, "user_id"),
    role: text(formData, "role"),
  });
  if (!parsed.success) return { status: "error", error: "invalid" };
  const { user_id: userId, role } = parsed.data;
  const refused = await refusal(async () => {
    await changeUserRole(await getDb(), { actorId: viewer.id, userId, role });
  });
  if (refused) return refused;
  revalidatePath("/admin/users");
  // An admin who gave up the role may no longer see this page.
  if (userId === viewer.id && role !== "admin") redirect("/");
  return { status: "done" };
}

export async function setActiveAction(
  _previous: UserActionState,
  formData: FormData,
): Promise<UserActionState> {
  const viewer = await requireAdmin();
  const parsed = setActiveSchema.safeParse({
    user_id: text(formData, "user_id"),
    active: text(formData, "active"),
  });
  if (!parsed.success) return { status: "error", error: "invalid" };
  const { user_id: userId, active } = parsed.data;
  const refused = await refusal(async () => {
    await setUserActive(await getDb(), { actorId: viewer.id, userId, active });
  });
  if (refused) return refused;
  revalidatePath("/admin/users");
  return { status: "done" };
}

export async function resetPasswordAction(
  _previous: UserActionState,
  formData: FormData,
): Promise<UserActionState> {
  const viewer = await requireAdmin();
  const parsed = resetPasswordSchema.safeParse({ user_id: text(formData, "user_id") });
  if (!parsed.success) return { status: "error", error: "invalid" };
  const password = temporaryPassword();
  const refused = await refusal(async () => {
    await resetUserPassword(await getDb(), {
      actorId: viewer.id,
      userId: parsed.data.user_id,
      password,
    });
  });
  if (refused) return refused;
  revalidatePath("/admin/users");
  return { status: "done", temporaryPassword: password };
}
