import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "../index";
import {
  cooperatives,
  eventParticipations,
  events,
  milestones,
  milestoneTemplates,
} from "../schema";
import { writeAudit } from "./audit";
import { EXHIBITION_TEMPLATE_KEY } from "./fairs";

export type ParticipationResult =
  | { ok: true; id: number; milestoneId: number | null }
  | { ok: false; reason: "event_not_found" | "cooperative_not_found" | "duplicate" };

function isDuplicate(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Records a cooperative (within `scope`) at an event, and completes its exhibition_participation
 * milestone if it has one still open: done on the event's last day (today if the event ends
 * later), the event as evidence, verified by the actor. One transaction, one audit entry each.
 * `milestoneId` is the milestone completed, null when there was none to complete.
 */
export async function addParticipation(
  db: Database,
  actorId: number,
  params: {
    scope: SQL;
    eventId: number;
    cooperativeId: number;
    salesMad: string | null;
    notes: string | null;
    today: string;
  },
): Promise<ParticipationResult> {
  try {
    return await db.transaction(async (tx): Promise<ParticipationResult> => {
      const [event] = await tx
        .select()
        .from(events)
        .where(eq(events.id, params.eventId))
        .for("share");
      if (!event) return { ok: false, reason: "event_not_found" };
      const [coop] = await tx
        .select({ id: cooperatives.id })
        .from(cooperatives)
        .where(and(eq(cooperatives.id, params.cooperativeId), params.scope))
        .for("share");
      if (!coop) return { ok: false, reason: "cooperative_not_found" };
      const [taken] = await tx
        .select({ id: eventParticipations.id })
        .from(eventParticipations)
        .where(
          and(
            eq(eventParticipations.eventId, event.id),
            eq(eventParticipations.cooperativeId, coop.id),
          ),
        );
      if (taken) return { ok: false, reason: "duplicate" };
      const [row] = await tx
        .insert(eventParticipations)
        .values({
          eventId: event.id,
          cooperativeId: coop.id,
          salesMad: params.salesMad,
          notes: params.notes,
        })
        .returning();
      if (!row) throw new Error("insert returned nothing");
      await writeAudit(tx, {
        actorId,
        action: "create",
        entity: "event_participation",
        entityId: row.id,
        after: { ...row, createdAt: undefined },
      });
      const milestoneId = await completeExhibition(tx, actorId, {
        cooperativeId: coop.id,
        event,
        participationId: row.id,
        today: params.today,
      });
      return { ok: true, id: row.id, milestoneId };
    });
  } catch (error) {
    // Two people recording the same cooperative at once: the unique index answers for the second.
    if (isDuplicate(error)) return { ok: false, reason: "duplicate" };
    throw error;
  }
}

async function completeExhibition(
  tx: Transaction,
  actorId: number,
  params: {
    cooperativeId: number;
    event: typeof events.$inferSelect;
    participationId: number;
    today: string;
  },
): Promise<number | null> {
  const [milestone] = await tx
    .select({
      id: milestones.id,
      status: milestones.status,
      completedOn: milestones.completedOn,
      evidenceText: milestones.evidenceText,
      verifiedBy: milestones.verifiedBy,
    })
    .from(milestones)
    .innerJoin(milestoneTemplates, eq(milestoneTemplates.id, milestones.templateId))
    .where(
      and(
        eq(milestones.cooperativeId, params.cooperativeId),
        eq(milestoneTemplates.key, EXHIBITION_TEMPLATE_KEY),
      ),
    )
    .for("update", { of: milestones });
  if (!milestone || milestone.status === "done" || milestone.status === "waived") return null;
  const { event } = params;
  const completedOn = event.endsOn <= params.today ? event.endsOn : params.today;
  const evidenceText = `${event.name} (${event.startsOn} – ${event.endsOn})`;
  await tx
    .update(milestones)
    .set({
      status: "done",
      completedOn,
      evidenceText,
      verifiedBy: actorId,
      verifiedAt: sql`now()`,
      version: sql`${milestones.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(milestones.id, milestone.id));
  await writeAudit(tx, {
    actorId,
    action: "change_status",
    entity: "milestone",
    entityId: milestone.id,
    before: {
      status: milestone.status,
      completed_on: milestone.completedOn,
      evidence_text: milestone.evidenceText,
      verified_by: milestone.verifiedBy,
    },
    after: {
      status: "done",
      completed_on: completedOn,
      evidence_text: evidenceText,
      verified_by: actorId,
      reason: "event_participation",
      event_id: event.id,
      event_participation_id: params.participationId,
    },
  });
  return milestone.id;
}

export type RemovalResult =
  { ok: true; eventId: number; cooperativeId: number } | { ok: false; reason: "not_found" };

/** Removes a participation (within `scope`) with its audit entry; the milestone stays as it is. */
export async function removeParticipation(
  db: Database,
  actorId: number,
  params: { scope: SQL; id: number },
): Promise<RemovalResult> {
  return db.transaction(async (tx): Promise<RemovalResult> => {
    const [before] = await tx
      .select({ participation: eventParticipations })
      .from(eventParticipations)
      .innerJoin(cooperatives, eq(cooperatives.id, eventParticipations.cooperativeId))
      .where(and(eq(eventParticipations.id, params.id), params.scope))
      .for("update", { of: eventParticipations });
    if (!before) return { ok: false, reason: "not_found" };
    const { participation } = before;
    await tx.delete(eventParticipations).where(eq(eventParticipations.id, participation.id));
    await writeAudit(tx, {
      actorId,
      action: "delete",
      entity: "event_participation",
      entityId: participation.id,
      before: { ...participation, createdAt: undefined },
    });
    return {
      ok: true,
      eventId: participation.eventId,
      cooperativeId: participation.cooperativeId,
    };
  });
}
