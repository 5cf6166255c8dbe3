"use server";

import "@/lib/zod";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { correctContact, PeopleError } from "@/db/queries/people";
import { erasePerson } from "@/db/queries/people-erasure";
import { requireRole } from "@/lib/dal";
import {
  correctContactSchema,
  eraseConfirmSchema,
  personSelectorSchema,
  selectorInput,
  type CorrectContactField,
  type PeopleErrorKey,
} from "@/lib/validation/people";

/** Messages are keys of the `people.errors` catalog namespace. */
export type CorrectContactState = {
  status: "idle" | "error" | "saved";
  error?: PeopleErrorKey;
  fieldErrors?: Partial<Record<CorrectContactField, PeopleErrorKey>>;
};

export type ErasePersonState = { status: "idle" | "error"; error?: PeopleErrorKey };

function value(formData: FormData, name: string): string | undefined {
  const entry = formData.get(name);
  return typeof entry === "string" ? entry : undefined;
}

/** A refusal the admin can act on, or an unexpected failure: a message, never a crash page. */
async function attempt(task: () => Promise<unknown>): Promise<PeopleErrorKey | null> {
  try {
    await task();
    return null;
  } catch (error) {
    if (error instanceof PeopleError) return error.code;
    console.error(error);
    return "failed";
  }
}

export async function correctContactAction(
  _previous: CorrectContactState,
  formData: FormData,
): Promise<CorrectContactState> {
  const viewer = await requireRole("admin");
  const parsed = correctContactSchema.safeParse({
    cooperative_id: value(formData, "cooperative_id"),
    version: value(formData, "version"),
    contact_name: value(formData, "contact_name"),
    phone: value(formData, "phone"),
    email: value(formData, "email"),
    address: value(formData, "address"),
  });
  if (!parsed.success) {
    const fieldErrors: CorrectContactState["fieldErrors"] = {};
    for (const [key, messages] of Object.entries(z.flattenError(parsed.error).fieldErrors)) {
      const first = (messages as string[] | undefined)?.[0];
      if (first) fieldErrors[key as CorrectContactField] = first as PeopleErrorKey;
    }
    return { status: "error", error: "invalidChoice", fieldErrors };
  }
  const data = parsed.data;
  const refused = await attempt(async () =>
    correctContact(await getDb(), {
      actorId: viewer.id,
      cooperativeId: data.cooperative_id,
      version: data.version,
      contactName: data.contact_name,
      phone: data.phone,
      email: data.email,
      address: data.address,
    }),
  );
  if (refused) return { status: "error", error: refused };
  revalidatePath("/admin/people");
  revalidatePath(`/cooperatives/${data.cooperative_id}`);
  return { status: "saved" };
}

export async function erasePersonAction(
  _previous: ErasePersonState,
  formData: FormData,
): Promise<ErasePersonState> {
  const viewer = await requireRole("admin");
  const selector = personSelectorSchema.safeParse(selectorInput(formData));
  if (!selector.success) return { status: "error", error: "nothingSelected" };
  const confirmed = eraseConfirmSchema.safeParse({ confirm: value(formData, "confirm") });
  if (!confirmed.success) return { status: "error", error: "confirmRequired" };
  const refused = await attempt(async () =>
    erasePerson(await getDb(), { actorId: viewer.id, selector: selector.data }),
  );
  if (refused) return { status: "error", error: refused };
  revalidatePath("/admin/people");
  revalidatePath("/cooperatives");
  redirect("/admin/people?erased=1");
}
