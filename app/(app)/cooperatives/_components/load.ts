import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getCooperative } from "@/db/queries/cooperative-record";
import { canSeeArchived, cooperativeAccess, cooperativeScope, verifySession } from "@/lib/dal";

/** The cooperative of the URL as the viewer may see it; anything else answers 404. */
export const loadCooperative = cache(async (rawId: string) => {
  const viewer = await verifySession();
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : null;
  if (!id) notFound();
  const access = canSeeArchived(viewer) ? cooperativeAccess(viewer) : cooperativeScope(viewer);
  const cooperative = await getCooperative(await getDb(), access, id);
  if (!cooperative) notFound();
  return { viewer, cooperative };
});
