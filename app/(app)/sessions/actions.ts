"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { updateSession } from "@/db/queries/sessions";
import { canLogSessions, cooperativeAccess, sessionEditScope, verifySession } from "@/lib/dal";
import {
  sessionFieldErrors,
  sessionIdSchema,
  sessionSchema,
  sessionValues,
  versionSchema,
  type SessionFieldErrors,
} from "@/lib/validation/session";
import { logSession } from "./log";

export type SessionFormState = {
  status: "idle" | "invalid" | "forbidden" | "not_found" | "conflict" | "stale";
  errors?: SessionFieldErrors;
  values?: Record<string, string | string[]>;
};

function refresh(cooperativeIds: number[]) {
  revalidatePath("/sessions");
  revalidatePath("/mentors");
  revalidatePath("/");
  for (const id of cooperativeIds) revalidatePath(`/cooperatives/${id}`);
}

/**
 * The session form posted without JavaScript (with JavaScript it goes to POST /api/sessions, so
 * that a failed send can wait in the device's queue). The form carries the id to log it under.
 */
export async function createSessionAction(
  _previous: SessionFormState,
  formData: FormData,
): Promise<SessionFormState> {
  const viewer = await verifySession();
  const values = sessionValues(formData);
  const outcome = await logSession(viewer, { ...values, id: formData.get("id") });
  if (outcome.status === "invalid") return { status: "invalid", errors: outcome.errors, values };
  if (outcome.status !== "saved") return { status: outcome.status, values };
  refresh([outcome.cooperativeId]);
  redirect(`/sessions/new?saved=${outcome.id}`);
}

/** Editing: staff and admins any session, a mentor their own at an assigned cooperative. */
export async function updateSessionAction(
  _previous: SessionFormState,
  formData: FormData,
): Promise<SessionFormState> {
  const viewer = await verifySession();
  if (!canLogSessions(viewer.role)) return { status: "forbidden" };
  const values = sessionValues(formData);
  const id = sessionIdSchema.safeParse(formData.get("id"));
  const version = versionSchema.safeParse(formData.get("version"));
  if (!id.success || !version.success) return { status: "not_found" };
  const parsed = sessionSchema.safeParse(values);
  if (!parsed.success) {
    return { status: "invalid", errors: sessionFieldErrors(parsed.error), values };
  }
  const result = await updateSession(await getDb(), viewer.id, {
    access: cooperativeAccess(viewer),
    editable: sessionEditScope(viewer),
    id: id.data,
    version: version.data,
    input: parsed.data,
  });
  if (!result.ok) return { status: result.reason, values };
  refresh(result.cooperativeIds);
  redirect(`/cooperatives/${parsed.data.cooperative_id}#sessions`);
}
