"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import {
  createAward,
  recordDisbursement,
  releaseDisbursement,
  updateAwardStatus,
} from "@/db/queries/funding";
import { canEditCooperatives, cooperativeAccess, verifySession } from "@/lib/dal";
import {
  AWARD_FIELDS,
  DISBURSEMENT_FIELDS,
  awardSchema,
  awardStatusSchema,
  badId,
  centimesToMad,
  disbursementSchema,
  firstErrors,
  releaseSchema,
} from "@/lib/validation/funding";

/** Errors are keys of the `funding.errors` catalog namespace, by field (`form` for the whole form). */
export type FundingFormState = {
  status: "idle" | "invalid" | "forbidden" | "not_found" | "done";
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** When a tranche would take the award past its amount: what is left, exact decimal MAD. */
  remainingMad?: string;
  /** When a tranche is dated before its award: the award's date. */
  awardedOn?: string;
  /** The id written, so a form can start afresh after a success. */
  savedId?: number;
};

/** Admins and staff record funding (DOMAIN.md); mentors and officials only read it. */
async function editor() {
  const viewer = await verifySession();
  return canEditCooperatives(viewer) ? viewer : null;
}

function submitted(formData: FormData, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, String(formData.get(key) ?? "")]));
}

function invalid(
  errors: Record<string, string>,
  values?: Record<string, string>,
): FundingFormState {
  return badId(errors) ? { status: "not_found" } : { status: "invalid", errors, values };
}

function refresh(cooperativeId: number) {
  revalidatePath("/funding");
  revalidatePath(`/cooperatives/${cooperativeId}`);
}

export async function createAwardAction(
  _previous: FundingFormState,
  formData: FormData,
): Promise<FundingFormState> {
  const viewer = await editor();
  if (!viewer) return { status: "forbidden" };
  const values = submitted(formData, AWARD_FIELDS);
  const parsed = awardSchema.safeParse(values);
  if (!parsed.success) return invalid(firstErrors(parsed.error), values);
  const input = parsed.data;
  const result = await createAward(await getDb(), viewer.id, {
    access: cooperativeAccess(viewer),
    columns: {
      cooperativeId: input.cooperative_id,
      program: input.program,
      source: input.source,
      kind: input.kind,
      amountMad: centimesToMad(input.amount_mad),
      coFinancingMad: centimesToMad(input.co_financing_mad),
      awardedOn: input.awarded_on,
      status: input.status,
      notes: input.notes,
    },
  });
  if (!result.ok && result.reason === "not_found") return { status: "not_found" };
  if (!result.ok) return { status: "invalid", errors: { program: "invalidChoice" }, values };
  refresh(input.cooperative_id);
  return { status: "done", savedId: result.id };
}

export async function updateAwardStatusAction(
  _previous: FundingFormState,
  formData: FormData,
): Promise<FundingFormState> {
  const viewer = await editor();
  if (!viewer) return { status: "forbidden" };
  const parsed = awardStatusSchema.safeParse(submitted(formData, ["award_id", "status"]));
  if (!parsed.success) return invalid(firstErrors(parsed.error));
  const result = await updateAwardStatus(await getDb(), viewer.id, {
    access: cooperativeAccess(viewer),
    awardId: parsed.data.award_id,
    to: parsed.data.status,
  });
  if (!result.ok && result.reason === "not_found") return { status: "not_found" };
  if (!result.ok) return { status: "invalid", errors: { status: "transitionNotAllowed" } };
  refresh(result.cooperativeId);
  return { status: "done", savedId: parsed.data.award_id };
}

export async function recordDisbursementAction(
  _previous: FundingFormState,
  formData: FormData,
): Promise<FundingFormState> {
  const viewer = await editor();
  if (!viewer) return { status: "forbidden" };
  const values = submitted(formData, DISBURSEMENT_FIELDS);
  const parsed = disbursementSchema.safeParse(values);
  if (!parsed.success) return invalid(firstErrors(parsed.error), values);
  const input = parsed.data;
  const result = await recordDisbursement(await getDb(), viewer.id, {
    access: cooperativeAccess(viewer),
    awardId: input.award_id,
    status: input.status,
    disbursedOn: input.disbursed_on,
    amountMad: centimesToMad(input.amount_mad),
    reference: input.reference,
    releaseMilestoneId: input.release_milestone_id,
  });
  if (result.ok) {
    refresh(result.cooperativeId);
    return { status: "done", savedId: result.id };
  }
  switch (result.reason) {
    case "not_found":
      return { status: "not_found" };
    case "exceeds":
      return {
        status: "invalid",
        errors: { amount_mad: "exceedsAward" },
        remainingMad: result.remainingMad,
        values,
      };
    case "not_open":
      return { status: "invalid", errors: { form: "awardNotOpen" }, values };
    case "before_award":
      return {
        status: "invalid",
        errors: { disbursed_on: "beforeAward" },
        awardedOn: result.awardedOn,
        values,
      };
    case "milestone_not_done":
      return { status: "invalid", errors: { release_milestone_id: "milestoneNotDone" }, values };
    case "milestone_invalid":
      return { status: "invalid", errors: { release_milestone_id: "invalidChoice" }, values };
  }
}

export async function releaseDisbursementAction(
  _previous: FundingFormState,
  formData: FormData,
): Promise<FundingFormState> {
  const viewer = await editor();
  if (!viewer) return { status: "forbidden" };
  const values = submitted(formData, ["id", "disbursed_on", "reference"]);
  const parsed = releaseSchema.safeParse(values);
  if (!parsed.success) return invalid(firstErrors(parsed.error), values);
  const result = await releaseDisbursement(await getDb(), viewer.id, {
    access: cooperativeAccess(viewer),
    id: parsed.data.id,
    disbursedOn: parsed.data.disbursed_on,
    reference: parsed.data.reference,
  });
  if (result.ok) {
    refresh(result.cooperativeId);
    return { status: "done", savedId: parsed.data.id };
  }
  switch (result.reason) {
    case "not_found":
      return { status: "not_found" };
    case "before_award":
      return {
        status: "invalid",
        errors: { disbursed_on: "beforeAward" },
        awardedOn: result.awardedOn,
        values,
      };
    case "not_open":
      return { status: "invalid", errors: { form: "awardNotOpen" }, values };
    case "not_planned":
      return { status: "invalid", errors: { form: "alreadyDisbursed" }, values };
    case "not_releasable":
      return { status: "invalid", errors: { form: "milestoneNotDone" }, values };
  }
}
