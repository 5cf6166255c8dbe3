import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getEvent, type FairAccess } from "@/db/queries/fairs";
import { cooperativeScope, verifySession, type Viewer } from "@/lib/dal";

/** Everyone reads fairs; a mentor only the events and participations of assigned cooperatives. */
export function fairAccess(viewer: Viewer): FairAccess {
  return { scope: cooperativeScope(viewer), everyEvent: viewer.role !== "mentor" };
}

/** The event of the URL as the viewer may see it; anything else answers 404. */
export const loadEvent = cache(async (rawId: string) => {
  const viewer = await verifySession();
  if (!/^\d{1,9}$/.test(rawId)) notFound();
  const event = await getEvent(await getDb(), { access: fairAccess(viewer), id: Number(rawId) });
  if (!event) notFound();
  return { viewer, event };
});
