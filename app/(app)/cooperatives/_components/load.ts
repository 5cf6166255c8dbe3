import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getCooperative } from "@/db/queries/cooperative-record";
import { cooperativeMilestones } from "@/db/queries/milestones";
import {
  canSeeArchived,
  canSeeEvidence,
  cooperativeAccess,
  cooperativeScope,
  verifySession,
} from "@/lib/dal";
import { todayIso } from "@/lib/dates";

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

/**
 * The cooperative's milestones as the viewer may see them (null when out of reach), read once per
 * request: the profile's milestones section lists them and its funding section offers them as
 * the milestone a tranche waits for.
 */
export const loadMilestones = cache(async (cooperativeId: number) => {
  const viewer = await verifySession();
  const access = canSeeArchived(viewer) ? cooperativeAccess(viewer) : cooperativeScope(viewer);
  return cooperativeMilestones(await getDb(), {
    access,
    cooperativeId,
    evidence: canSeeEvidence(viewer.role),
    today: todayIso(),
  });
});
