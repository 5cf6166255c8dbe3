"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { addParticipation, removeParticipation } from "@/db/queries/fair-participations";
import { saveEvent } from "@/db/queries/fairs";
import { canEditCooperatives, cooperativeScope, verifySession } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import {
  EVENT_FIELDS,
  PARTICIPATION_FIELDS,
  eventSchema,
  firstErrors,
  participationSchema,
  removeParticipationSchema,
} from "@/lib/validation/fair";
import { idSchema } from "@/lib/validation/funding";

/** Errors are keys of the `fairs.errors` catalog namespace, by field (`form` for the whole form). */
export type FairFormState = {
  status: "idle" | "invalid" | "forbidden" | "not_found" | "done";
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** The id written, so a form can start afresh after a success. */
  savedId?: number;
  /** A participation that completed the cooperative's exhibition milestone. */
  milestoneCompleted?: boolean;
};

/** Admins and staff record fairs (like the rest of a cooperative's record); others only read. */
async function editor() {
  const viewer = await verifySession();
  return canEditCooperatives(viewer) ? viewer : null;
}

function submitted(formData: FormData, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, String(formData.get(key) ?? "")]));
}

function refresh(eventId: number, cooperativeId?: number) {
  revalidatePath("/fairs");
  revalidatePath(`/fairs/${eventId}`);
  if (cooperativeId !== undefined) revalidatePath(`/cooperatives/${cooperativeId}`);
}

/** Creates an event (then opens it) or, with an `id`, edits one in place. */
export async function saveEventAction(
  _previous: FairFormState,
  formData: FormData,
): Promise<FairFormState> {
  const viewer = await editor();
  if (!viewer) return { status: "forbidden" };
  const rawId = String(formData.get("id") ?? "").trim();
  const id = rawId === "" ? null : idSchema.safeParse(rawId);
  if (id && !id.success) return { status: "not_found" };
  const values = submitted(formData, EVENT_FIELDS);
  const parsed = eventSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", errors: firstErrors(parsed.error), values };
  const input = parsed.data;
  const result = await saveEvent(await getDb(), viewer.id, id?.data ?? null, {
    name: input.name,
    kind: input.kind,
    province: input.province,
    location: input.location,
    startsOn: input.starts_on,
    endsOn: input.ends_on,
  });
  if (!result.ok && result.reason === "not_found") return { status: "not_found" };
  if (!result.ok) return { status: "invalid", errors: { province: "invalidChoice" }, values };
  refresh(result.id);
  if (id) return { status: "done", savedId: result.id };
  redirect(`/fairs/${result.id}`);
}

export async function addParticipationAction(
  _previous: FairFormState,
  formData: FormData,
): Promise<FairFormState> {
  const viewer = await editor();
  if (!viewer) return { status: "forbidden" };
  const values = submitted(formData, PARTICIPATION_FIELDS);
  const parsed = participationSchema.safeParse(values);
  if (!parsed.success) {
    const errors = firstErrors(parsed.error);
    return "event_id" in errors ? { status: "not_found" } : { status: "invalid", errors, values };
  }
  const input = parsed.data;
  const result = await addParticipation(await getDb(), viewer.id, {
    scope: cooperativeScope(viewer),
    eventId: input.event_id,
    cooperativeId: input.cooperative_id,
    salesMad: input.sales_mad,
    notes: input.notes,
    today: todayIso(),
  });
  if (result.ok) {
    refresh(input.event_id, input.cooperative_id);
    return { status: "done", savedId: result.id, milestoneCompleted: result.milestoneId !== null };
  }
  switch (result.reason) {
    case "event_not_found":
      return { status: "not_found" };
    case "cooperative_not_found":
      return { status: "invalid", errors: { cooperative_id: "invalidChoice" }, values };
    case "duplicate":
      return { status: "invalid", errors: { cooperative_id: "duplicate" }, values };
  }
}

/** Removes a participation; the exhibition milestone it may have completed stays done. */
export async function removeParticipationAction(
  _previous: FairFormState,
  formData: FormData,
): Promise<FairFormState> {
  const viewer = await editor();
  if (!viewer) return { status: "forbidden" };
  const parsed = removeParticipationSchema.safeParse(submitted(formData, ["id"]));
  if (!parsed.success) return { status: "not_found" };
  const result = await removeParticipation(await getDb(), viewer.id, {
    scope: cooperativeScope(viewer),
    id: parsed.data.id,
  });
  if (!result.ok) return { status: "not_found" };
  refresh(result.eventId, result.cooperativeId);
  return { status: "done", savedId: parsed.data.id };
}
