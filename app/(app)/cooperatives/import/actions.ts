"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import "@/lib/zod";
import { z } from "zod";
import { getDb } from "@/db";
import { applyBatch, discardBatch } from "@/db/queries/imports";
import { canEditCooperatives, verifySession } from "@/lib/dal";
import { todayIso } from "@/lib/dates";

export type ImportActionState = { status: "idle" | "forbidden" | "not_found" | "discarded" };

const batchId = z.coerce.number().int().positive().max(2_147_483_647);

async function importer() {
  const viewer = await verifySession();
  return canEditCooperatives(viewer) ? viewer : null;
}

/** Imports every valid row of the batch in one transaction, then shows the report. */
export async function confirmImport(
  _previous: ImportActionState,
  formData: FormData,
): Promise<ImportActionState> {
  const viewer = await importer();
  if (!viewer) return { status: "forbidden" };
  const id = batchId.safeParse(formData.get("batch"));
  if (!id.success) return { status: "not_found" };
  const result = await applyBatch(await getDb(), viewer.id, { id: id.data, today: todayIso() });
  if (result.status === "not_found") return { status: "not_found" };
  if (result.status === "discarded") return { status: "discarded" };
  revalidatePath("/cooperatives");
  redirect(`/cooperatives/import?batch=${id.data}&done=1`);
}

export async function discardImport(
  _previous: ImportActionState,
  formData: FormData,
): Promise<ImportActionState> {
  const viewer = await importer();
  if (!viewer) return { status: "forbidden" };
  const id = batchId.safeParse(formData.get("batch"));
  if (!id.success) return { status: "not_found" };
  await discardBatch(await getDb(), id.data);
  redirect(`/cooperatives/import?batch=${id.data}`);
}
