"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { saveTemplate } from "@/db/queries/milestone-templates";
import { canEditCooperatives, verifySession } from "@/lib/dal";
import { TEMPLATE_FIELDS, firstErrors, idSchema, templateSchema } from "@/lib/validation/milestone";

/** Errors are keys of the `milestones.errors` catalog namespace, by field. */
export type TemplateFormState = {
  status: "idle" | "invalid" | "forbidden" | "not_found" | "saved";
  errors?: Record<string, string>;
  values?: Record<string, string>;
  savedId?: number;
};

/**
 * Admin and staff create a template or edit one. On an edit, the key, stage and programme the
 * template was created with are kept, whatever the form says.
 */
export async function saveTemplateAction(
  _previous: TemplateFormState,
  formData: FormData,
): Promise<TemplateFormState> {
  const viewer = await verifySession();
  if (!canEditCooperatives(viewer)) return { status: "forbidden" };
  const rawId = formData.get("id");
  const id = rawId ? idSchema.safeParse(rawId) : null;
  if (id && !id.success) return { status: "not_found" };
  const values = Object.fromEntries(
    TEMPLATE_FIELDS.map((key) => [key, String(formData.get(key) ?? "")] as const),
  );
  const parsed = templateSchema.safeParse(values);
  if (!parsed.success) return { status: "invalid", errors: firstErrors(parsed.error), values };
  const result = await saveTemplate(await getDb(), viewer.id, id?.data ?? null, parsed.data);
  if (!result.ok && result.reason === "not_found") return { status: "not_found" };
  if (!result.ok) {
    const errors: Record<string, string> =
      result.reason === "key_taken" ? { key: "keyTaken" } : { program_id: "invalidChoice" };
    return { status: "invalid", errors, values };
  }
  revalidatePath("/milestones/templates");
  return { status: "saved", savedId: result.id };
}
