"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import "@/lib/zod";
import { z } from "zod";
import { getDb } from "@/db";
import {
  changeStage,
  cohortExists,
  createCooperative,
  provinceExists,
  setArchived,
  updateCooperative,
} from "@/db/queries/cooperative-record";
import { STAGES } from "@/db/schema";
import { canEditCooperatives, cooperativeAccess, verifySession } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { isStorableText } from "@/lib/validation/common";
import {
  COOPERATIVE_FIELDS,
  cooperativeSchema,
  fieldErrors,
  toColumns,
  type FieldErrors,
} from "@/lib/validation/cooperative";
import { conflictFields, type ConflictField } from "./conflicts";

export type SaveState = {
  status: "idle" | "invalid" | "conflict" | "forbidden" | "not_found";
  errors?: FieldErrors;
  values?: Record<string, string>;
  version?: number;
  conflicts?: ConflictField[];
};

async function editor() {
  const viewer = await verifySession();
  return canEditCooperatives(viewer) ? viewer : null;
}

function submitted(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    COOPERATIVE_FIELDS.map((key) => [key, String(formData.get(key) ?? "")] as const),
  );
}

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

export async function saveCooperative(
  _previous: SaveState,
  formData: FormData,
): Promise<SaveState> {
  const viewer = await editor();
  if (!viewer) return { status: "forbidden" };
  const values = submitted(formData);
  const parsed = cooperativeSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", errors: fieldErrors(parsed.error), values };
  const db = await getDb();
  const errors: FieldErrors = {};
  if (!(await provinceExists(db, parsed.data.province))) errors.province = "invalidChoice";
  if (parsed.data.cohort_id !== null && !(await cohortExists(db, parsed.data.cohort_id))) {
    errors.cohort_id = "invalidChoice";
  }
  if (Object.keys(errors).length > 0) return { status: "invalid", errors, values };

  const rawId = formData.get("id");
  let id: number;
  if (rawId) {
    const parsedId = idSchema.safeParse(rawId);
    const version = idSchema.safeParse(formData.get("version"));
    if (!parsedId.success || !version.success) return { status: "not_found" };
    const result = await updateCooperative(db, viewer.id, {
      id: parsedId.data,
      access: cooperativeAccess(viewer),
      version: version.data,
      columns: toColumns(parsed.data),
    });
    if (!result.ok && result.reason === "not_found") return { status: "not_found" };
    if (!result.ok) {
      return {
        status: "conflict",
        values,
        version: result.current.version,
        conflicts: conflictFields(parsed.data, result.current),
      };
    }
    id = parsedId.data;
  } else {
    id = await createCooperative(db, viewer.id, toColumns(parsed.data), todayIso());
  }
  revalidatePath("/cooperatives");
  redirect(`/cooperatives/${id}`);
}

export type StageState = {
  status: "idle" | "invalid" | "forbidden" | "not_found" | "done";
  error?: string;
};

const stageInput = z.object({
  id: idSchema,
  to: z.enum(STAGES, { error: "invalidChoice" }),
  reason: z
    .string()
    .trim()
    .min(3, { error: "reasonRequired" })
    .max(500, { error: "tooLong" })
    .refine(isStorableText, { error: "invalidCharacters" }),
});

export async function changeStageAction(
  _previous: StageState,
  formData: FormData,
): Promise<StageState> {
  const viewer = await editor();
  if (!viewer) return { status: "forbidden" };
  const parsed = stageInput.safeParse({
    id: formData.get("id"),
    to: formData.get("to"),
    reason: formData.get("reason") ?? "",
  });
  if (!parsed.success) return { status: "invalid", error: parsed.error.issues[0]?.message };
  const result = await changeStage(await getDb(), viewer.id, {
    ...parsed.data,
    access: cooperativeAccess(viewer),
    today: todayIso(),
  });
  if (result === "not_found") return { status: "not_found" };
  if (result === "unchanged") return { status: "invalid", error: "sameStage" };
  revalidatePath(`/cooperatives/${parsed.data.id}`);
  return { status: "done" };
}

export async function archiveAction(formData: FormData): Promise<void> {
  const viewer = await editor();
  const id = idSchema.safeParse(formData.get("id"));
  if (!viewer || !id.success) return;
  const archived = formData.get("archived") === "1";
  await setArchived(await getDb(), viewer.id, {
    id: id.data,
    access: cooperativeAccess(viewer),
    archived,
  });
  revalidatePath("/cooperatives");
  revalidatePath(`/cooperatives/${id.data}`);
}
