"use server";

import { revalidatePath } from "next/cache";
import "@/lib/zod";
import { z } from "zod";
import { getDb } from "@/db";
import { submitSnapshot } from "@/db/queries/jobs";
import { cooperativeAccess, verifySession, canSubmitJobs } from "@/lib/dal";
import {
  JOBS_FIELDS,
  jobsFieldErrors,
  jobsSnapshotSchema,
  type JobsFieldErrors,
} from "@/lib/validation/jobs";

export type JobsFormState = {
  status: "idle" | "invalid" | "forbidden" | "not_found" | "saved";
  errors?: JobsFieldErrors;
  values?: Record<string, string>;
  /** Set when saved: remounts the form empty; `beforeBaseline` says the date precedes the baseline. */
  savedId?: number;
  beforeBaseline?: boolean;
};

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** Admin and staff for any cooperative, a mentor for an assigned one (others: not found), officials never. */
export async function submitJobsSnapshot(
  _previous: JobsFormState,
  formData: FormData,
): Promise<JobsFormState> {
  const viewer = await verifySession();
  if (!canSubmitJobs(viewer.role)) return { status: "forbidden" };
  const cooperativeId = idSchema.safeParse(formData.get("cooperative_id"));
  if (!cooperativeId.success) return { status: "not_found" };
  const values = Object.fromEntries(
    JOBS_FIELDS.map((key) => [key, String(formData.get(key) ?? "")] as const),
  );
  const parsed = jobsSnapshotSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", errors: jobsFieldErrors(parsed.error), values };
  const result = await submitSnapshot(await getDb(), viewer.id, {
    access: cooperativeAccess(viewer),
    cooperativeId: cooperativeId.data,
    input: parsed.data,
  });
  if (!result.ok && result.reason === "not_found") return { status: "not_found" };
  if (!result.ok) return { status: "invalid", errors: result.errors, values };
  revalidatePath(`/cooperatives/${cooperativeId.data}`);
  revalidatePath("/");
  return { status: "saved", savedId: result.id, beforeBaseline: result.beforeBaseline };
}
