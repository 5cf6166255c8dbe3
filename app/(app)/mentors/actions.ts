"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { assignMentor, endAssignment } from "@/db/queries/assignments";
import { canEditCooperatives, verifySession } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import {
  ASSIGNMENT_FIELDS,
  assignmentSchema,
  idSchema,
  sessionFieldErrors,
} from "@/lib/validation/session";

/** Errors are keys of the `sessions.errors` catalog namespace, by field. */
export type AssignmentFormState = {
  status: "idle" | "invalid" | "forbidden" | "not_found" | "done";
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** Changes on every success, so the form starts afresh. */
  savedId?: number;
};

function refresh(mentorId: number, cooperativeId: number) {
  revalidatePath("/mentors");
  revalidatePath(`/mentors/${mentorId}`);
  revalidatePath(`/cooperatives/${cooperativeId}`);
  revalidatePath("/");
}

/** Admins and staff assign mentors (DOMAIN.md), from a cooperative's profile or a mentor's page. */
export async function assignMentorAction(
  _previous: AssignmentFormState,
  formData: FormData,
): Promise<AssignmentFormState> {
  const viewer = await verifySession();
  if (!canEditCooperatives(viewer)) return { status: "forbidden" };
  const values = Object.fromEntries(
    ASSIGNMENT_FIELDS.map((key) => [key, String(formData.get(key) ?? "")] as const),
  );
  const parsed = assignmentSchema.safeParse(values);
  if (!parsed.success) {
    return { status: "invalid", errors: sessionFieldErrors(parsed.error), values };
  }
  const result = await assignMentor(await getDb(), viewer.id, parsed.data);
  if (!result.ok && result.reason === "not_found") return { status: "not_found" };
  if (!result.ok) return { status: "invalid", errors: result.errors, values };
  refresh(parsed.data.mentor_id, parsed.data.cooperative_id);
  return { status: "done", savedId: result.id };
}

/** Ends an assignment now: the mentor loses access to the cooperative at the next request. */
export async function endAssignmentAction(
  _previous: AssignmentFormState,
  formData: FormData,
): Promise<AssignmentFormState> {
  const viewer = await verifySession();
  if (!canEditCooperatives(viewer)) return { status: "forbidden" };
  const id = idSchema.safeParse(formData.get("assignment_id"));
  if (!id.success) return { status: "not_found" };
  const result = await endAssignment(await getDb(), viewer.id, {
    assignmentId: id.data,
    today: todayIso(),
  });
  if (!result.ok) return { status: "not_found" };
  refresh(result.mentorId, result.cooperativeId);
  return { status: "done", savedId: id.data };
}
