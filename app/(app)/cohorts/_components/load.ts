import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getCohort } from "@/db/queries/cohorts";
import { requireRole } from "@/lib/dal";

export const loadCohort = cache(async (rawId: string) => {
  const viewer = await requireRole("admin", "staff");
  if (!/^\d{1,9}$/.test(rawId)) notFound();
  const cohort = await getCohort(await getDb(), Number(rawId));
  if (!cohort) notFound();
  return { viewer, cohort };
});
