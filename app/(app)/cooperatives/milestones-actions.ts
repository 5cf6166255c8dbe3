"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import {
  addCustomMilestone,
  deleteCustomMilestone,
  sendBackMilestone,
  updateMilestone,
  verifyMilestone,
  type MilestonePatch,
  type MilestoneResult,
} from "@/db/queries/milestone-updates";
import {
  canEditCooperatives,
  canUpdateMilestones,
  cooperativeAccess,
  verifySession,
} from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import {
  MILESTONE_UPDATE_FIELDS,
  customMilestoneSchema,
  firstErrors,
  idSchema,
  milestoneUpdateSchema,
  sendBackSchema,
  verifySchema,
} from "@/lib/validation/milestone";

/** Errors are keys of the `milestones.errors` catalog namespace, by field (`form` for the whole form). */
export type MilestoneFormState = {
  status: "idle" | "invalid" | "forbidden" | "not_found" | "conflict" | "done";
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** The id written, so a form can start afresh after a success. */
  savedId?: number;
};

const FORM_ERRORS: Record<string, Record<string, string>> = {
  status_not_allowed: { status: "statusNotAllowed" },
  evidence_required: { evidence_text: "evidenceRequired" },
  locked: { form: "locked" },
  not_reported: { form: "notReported" },
  not_custom: { form: "notCustom" },
  has_tranche: { form: "hasTranche" },
};

function submitted(formData: FormData, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    keys.filter((key) => formData.has(key)).map((key) => [key, String(formData.get(key))]),
  );
}

function refresh(cooperativeId: number) {
  revalidatePath(`/cooperatives/${cooperativeId}`);
  revalidatePath("/milestones");
}

function outcome(
  result: MilestoneResult,
  id: number,
  values?: Record<string, string>,
): MilestoneFormState {
  if (result.ok) {
    refresh(result.cooperativeId);
    return { status: "done", savedId: id };
  }
  switch (result.reason) {
    case "not_found":
    case "forbidden":
      return { status: result.reason };
    case "conflict":
      return { status: "conflict", values };
    default:
      return { status: "invalid", errors: FORM_ERRORS[result.reason], values };
  }
}

/** The milestone and version of the form; a form whose ids do not parse points at nothing. */
function target(formData: FormData) {
  const id = idSchema.safeParse(formData.get("id"));
  const version = idSchema.safeParse(formData.get("version"));
  return id.success && version.success ? { id: id.data, version: version.data } : null;
}

/**
 * Status and evidence (mentors, assigned cooperatives), or any field (admin and staff). Only the
 * fields the form sent change; the database query enforces who may set what.
 */
export async function updateMilestoneAction(
  _previous: MilestoneFormState,
  formData: FormData,
): Promise<MilestoneFormState> {
  const viewer = await verifySession();
  if (!canUpdateMilestones(viewer.role)) return { status: "forbidden" };
  const which = target(formData);
  if (!which) return { status: "not_found" };
  const values = submitted(formData, MILESTONE_UPDATE_FIELDS);
  const parsed = milestoneUpdateSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", errors: firstErrors(parsed.error), values };
  const input = parsed.data;
  const patch: MilestonePatch = Object.fromEntries(
    Object.entries({
      status: input.status,
      evidenceText: input.evidence_text,
      evidenceUrl: input.evidence_url,
      comment: input.comment,
      dueOn: input.due_on,
      completedOn: input.completed_on,
      title: input.title,
    }).filter(([, value]) => value !== undefined),
  );
  const result = await updateMilestone(
    await getDb(),
    { id: viewer.id, role: viewer.role },
    { access: cooperativeAccess(viewer), ...which, patch, today: todayIso() },
  );
  return outcome(result, which.id, values);
}

/** Admin and staff accept a report (reported → done). */
export async function verifyMilestoneAction(
  _previous: MilestoneFormState,
  formData: FormData,
): Promise<MilestoneFormState> {
  const viewer = await verifySession();
  if (!canEditCooperatives(viewer)) return { status: "forbidden" };
  const which = target(formData);
  if (!which) return { status: "not_found" };
  const values = submitted(formData, ["completed_on"]);
  const parsed = verifySchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", errors: firstErrors(parsed.error), values };
  const result = await verifyMilestone(
    await getDb(),
    { id: viewer.id, role: viewer.role },
    {
      access: cooperativeAccess(viewer),
      ...which,
      completedOn: parsed.data.completed_on,
      today: todayIso(),
    },
  );
  return outcome(result, which.id, values);
}

/** Admin and staff send a report back (reported → in_progress) with a comment. */
export async function sendBackMilestoneAction(
  _previous: MilestoneFormState,
  formData: FormData,
): Promise<MilestoneFormState> {
  const viewer = await verifySession();
  if (!canEditCooperatives(viewer)) return { status: "forbidden" };
  const which = target(formData);
  if (!which) return { status: "not_found" };
  const values = submitted(formData, ["comment"]);
  const parsed = sendBackSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", errors: firstErrors(parsed.error), values };
  const result = await sendBackMilestone(
    await getDb(),
    { id: viewer.id, role: viewer.role },
    { access: cooperativeAccess(viewer), ...which, comment: parsed.data.comment },
  );
  return outcome(result, which.id, values);
}

/** Admin and staff add a custom milestone (title, stage, due date) to a cooperative. */
export async function addMilestoneAction(
  _previous: MilestoneFormState,
  formData: FormData,
): Promise<MilestoneFormState> {
  const viewer = await verifySession();
  if (!canEditCooperatives(viewer)) return { status: "forbidden" };
  const cooperativeId = idSchema.safeParse(formData.get("cooperative_id"));
  if (!cooperativeId.success) return { status: "not_found" };
  const values = submitted(formData, ["title", "stage", "due_on"]);
  const parsed = customMilestoneSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", errors: firstErrors(parsed.error), values };
  const result = await addCustomMilestone(
    await getDb(),
    { id: viewer.id, role: viewer.role },
    {
      access: cooperativeAccess(viewer),
      cooperativeId: cooperativeId.data,
      title: parsed.data.title,
      stage: parsed.data.stage,
      dueOn: parsed.data.due_on,
    },
  );
  if (!result.ok) return { status: result.reason };
  refresh(cooperativeId.data);
  return { status: "done", savedId: result.id };
}

/** Admin and staff delete a custom milestone no tranche waits for (confirmed in the interface). */
export async function deleteMilestoneAction(
  _previous: MilestoneFormState,
  formData: FormData,
): Promise<MilestoneFormState> {
  const viewer = await verifySession();
  if (!canEditCooperatives(viewer)) return { status: "forbidden" };
  const id = idSchema.safeParse(formData.get("id"));
  if (!id.success) return { status: "not_found" };
  const result = await deleteCustomMilestone(
    await getDb(),
    { id: viewer.id, role: viewer.role },
    { access: cooperativeAccess(viewer), id: id.data },
  );
  return outcome(result, id.data);
}
