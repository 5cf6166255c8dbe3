"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import "@/lib/zod";
import { z } from "zod";
import { getDb } from "@/db";
import {
  enrol,
  removeFromCohort,
  saveCohort,
  saveProgram,
  type EnrolResult,
} from "@/db/queries/cohorts";
import { verifySession } from "@/lib/dal";
import { cohortSchema, firstErrors, programSchema } from "@/lib/validation/cohort";

export type FormState = {
  status: "idle" | "invalid" | "forbidden" | "not_found" | "saved";
  errors?: Record<string, string>;
  values?: Record<string, string>;
};

/** Programmes and cohorts are managed by staff and admins (DOMAIN.md permission matrix). */
async function manager() {
  const viewer = await verifySession();
  return viewer.role === "admin" || viewer.role === "staff" ? viewer : null;
}

const id = z.coerce.number().int().positive().max(2_147_483_647);

function values(formData: FormData, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, String(formData.get(k) ?? "")]));
}

export async function saveCohortAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const viewer = await manager();
  if (!viewer) return { status: "forbidden" };
  const submitted = values(formData, [
    "name",
    "program_id",
    "start_on",
    "end_on",
    "capacity",
    "status",
  ]);
  const parsed = cohortSchema.safeParse(submitted);
  if (!parsed.success)
    return { status: "invalid", errors: firstErrors(parsed.error), values: submitted };
  const rawId = formData.get("id");
  const cohortId = rawId ? id.safeParse(rawId) : null;
  if (cohortId && !cohortId.success) return { status: "not_found" };
  const { name, program_id, start_on, end_on, capacity, status } = parsed.data;
  let result: number | "not_found";
  try {
    result = await saveCohort(await getDb(), viewer.id, cohortId?.data ?? null, {
      name,
      programId: program_id,
      startOn: start_on,
      endOn: end_on,
      capacity,
      status,
    });
  } catch {
    return { status: "invalid", errors: { program_id: "invalidChoice" }, values: submitted };
  }
  if (result === "not_found") return { status: "not_found" };
  revalidatePath("/cohorts");
  redirect(`/cohorts/${result}`);
}

export type EnrolState = { status: "idle" | EnrolResult | "forbidden" };

export async function enrolAction(_previous: EnrolState, formData: FormData): Promise<EnrolState> {
  const viewer = await manager();
  if (!viewer) return { status: "forbidden" };
  const cohortId = id.safeParse(formData.get("cohort_id"));
  const cooperativeId = id.safeParse(formData.get("cooperative_id"));
  if (!cohortId.success || !cooperativeId.success) return { status: "not_found" };
  const result = await enrol(await getDb(), viewer.id, {
    cohortId: cohortId.data,
    cooperativeId: cooperativeId.data,
  });
  revalidatePath(`/cohorts/${cohortId.data}`);
  return { status: result };
}

export async function removeAction(formData: FormData): Promise<void> {
  const viewer = await manager();
  const cohortId = id.safeParse(formData.get("cohort_id"));
  const cooperativeId = id.safeParse(formData.get("cooperative_id"));
  if (!viewer || !cohortId.success || !cooperativeId.success) return;
  await removeFromCohort(await getDb(), viewer.id, {
    cohortId: cohortId.data,
    cooperativeId: cooperativeId.data,
  });
  revalidatePath(`/cohorts/${cohortId.data}`);
}

export async function saveProgramAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const viewer = await manager();
  if (!viewer) return { status: "forbidden" };
  const submitted = values(formData, [
    "key",
    "name_ar",
    "name_fr",
    "name_en",
    "description",
    "active",
  ]);
  const parsed = programSchema.safeParse(submitted);
  if (!parsed.success)
    return { status: "invalid", errors: firstErrors(parsed.error), values: submitted };
  const rawId = formData.get("id");
  const programId = rawId ? id.safeParse(rawId) : null;
  if (programId && !programId.success) return { status: "not_found" };
  const { key, name_ar, name_fr, name_en, description, active } = parsed.data;
  const result = await saveProgram(await getDb(), viewer.id, programId?.data ?? null, {
    key,
    nameAr: name_ar,
    nameFr: name_fr,
    nameEn: name_en,
    description,
    active,
  });
  if (result === "not_found") return { status: "not_found" };
  if (result === "key_taken")
    return { status: "invalid", errors: { key: "keyTaken" }, values: submitted };
  revalidatePath("/cohorts/programs");
  return { status: "saved" };
}
