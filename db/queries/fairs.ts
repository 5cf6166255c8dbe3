import "server-only";
import { and, asc, desc, eq, isNotNull, notExists, sql, type SQL } from "drizzle-orm";
import type { Database, Executor } from "../index";
import { cooperatives, eventParticipations, events, provinces, type EVENT_KINDS } from "../schema";
import { writeAudit } from "./audit";

type Names = { ar: string; fr: string; en: string };
export type EventKind = (typeof EVENT_KINDS)[number];

/** The milestone template a fair participation completes (DOMAIN.md milestone templates). */
export const EXHIBITION_TEMPLATE_KEY = "exhibition_participation";

/**
 * What a viewer may see of fairs: `scope` is lib/dal.ts cooperativeScope (live cooperatives, a
 * mentor's assigned ones); `everyEvent` is false for mentors, who see only the events their
 * cooperatives take part in. Counts and sales only ever add up participations within `scope`.
 */
export type FairAccess = { scope: SQL; everyEvent: boolean };

export type EventSummary = {
  id: number;
  name: string;
  kind: EventKind;
  province: string | null;
  provinceNames: Names | null;
  location: string | null;
  startsOn: string;
  endsOn: string;
  participants: number;
  /** Σ sales reported, exact decimal MAD; null when no participant reported any. */
  salesMad: string | null;
};

function eventsWithStats(db: Executor, access: FairAccess, where?: SQL) {
  const stats = db
    .select({
      eventId: eventParticipations.eventId,
      participants: sql<number>`count(*)::int`.as("participants"),
      salesMad: sql<string | null>`sum(${eventParticipations.salesMad})::text`.as("sales_mad"),
    })
    .from(eventParticipations)
    .innerJoin(cooperatives, eq(cooperatives.id, eventParticipations.cooperativeId))
    .where(access.scope)
    .groupBy(eventParticipations.eventId)
    .as("stats");
  return db
    .select({
      id: events.id,
      name: events.name,
      kind: events.kind,
      province: events.province,
      provinceAr: provinces.nameAr,
      provinceFr: provinces.nameFr,
      provinceEn: provinces.nameEn,
      location: events.location,
      startsOn: events.startsOn,
      endsOn: events.endsOn,
      participants: stats.participants,
      salesMad: stats.salesMad,
    })
    .from(events)
    .leftJoin(provinces, eq(provinces.key, events.province))
    .leftJoin(stats, eq(stats.eventId, events.id))
    .where(and(access.everyEvent ? undefined : isNotNull(stats.eventId), where));
}

type StatsRow = Awaited<ReturnType<typeof eventsWithStats>>[number];

function toSummary({ provinceAr, provinceFr, provinceEn, ...row }: StatsRow): EventSummary {
  return {
    ...row,
    provinceNames:
      provinceAr !== null && provinceFr !== null && provinceEn !== null
        ? { ar: provinceAr, fr: provinceFr, en: provinceEn }
        : null,
    participants: Number(row.participants ?? 0),
    salesMad: row.salesMad ?? null,
  };
}

/** Events still to come or under way (soonest first) and past ones (latest first). */
export async function listEvents(
  db: Executor,
  params: { access: FairAccess; today: string },
): Promise<{ upcoming: EventSummary[]; past: EventSummary[] }> {
  const [upcoming, past] = await Promise.all([
    eventsWithStats(db, params.access, sql`${events.endsOn} >= ${params.today}`).orderBy(
      asc(events.startsOn),
      asc(events.id),
    ),
    eventsWithStats(db, params.access, sql`${events.endsOn} < ${params.today}`).orderBy(
      desc(events.startsOn),
      desc(events.id),
    ),
  ]);
  return { upcoming: upcoming.map(toSummary), past: past.map(toSummary) };
}

/** One event as the viewer may see it, or null (not found, or a mentor's cooperatives are not in it). */
export async function getEvent(
  db: Executor,
  params: { access: FairAccess; id: number },
): Promise<EventSummary | null> {
  const [row] = await eventsWithStats(db, params.access, eq(events.id, params.id));
  return row ? toSummary(row) : null;
}

/** The event's participations within `scope`, by cooperative name. */
export async function eventParticipants(db: Executor, params: { scope: SQL; eventId: number }) {
  const rows = await db
    .select({
      id: eventParticipations.id,
      cooperativeId: cooperatives.id,
      cooperativeName: cooperatives.name,
      legalForm: cooperatives.legalForm,
      ar: provinces.nameAr,
      fr: provinces.nameFr,
      en: provinces.nameEn,
      salesMad: eventParticipations.salesMad,
      notes: eventParticipations.notes,
    })
    .from(eventParticipations)
    .innerJoin(cooperatives, eq(cooperatives.id, eventParticipations.cooperativeId))
    .innerJoin(provinces, eq(provinces.key, cooperatives.province))
    .where(and(eq(eventParticipations.eventId, params.eventId), params.scope))
    .orderBy(asc(cooperatives.name), asc(cooperatives.id));
  return rows.map(({ ar, fr, en, ...row }) => ({ ...row, provinceNames: { ar, fr, en } }));
}

export type Participant = Awaited<ReturnType<typeof eventParticipants>>[number];

/** Cooperatives within `scope` that may still join the event (not taking part yet). */
export async function participationCandidates(
  db: Executor,
  params: { scope: SQL; eventId: number },
) {
  return db
    .select({ id: cooperatives.id, name: cooperatives.name, nameLatin: cooperatives.nameLatin })
    .from(cooperatives)
    .where(
      and(
        params.scope,
        notExists(
          db
            .select({ one: sql`1` })
            .from(eventParticipations)
            .where(
              and(
                eq(eventParticipations.eventId, params.eventId),
                eq(eventParticipations.cooperativeId, cooperatives.id),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(cooperatives.name), asc(cooperatives.id));
}

/** One cooperative's fairs (latest first); none when the cooperative is outside `scope`. */
export async function cooperativeParticipations(
  db: Executor,
  params: { scope: SQL; cooperativeId: number },
) {
  return db
    .select({
      id: eventParticipations.id,
      eventId: events.id,
      eventName: events.name,
      kind: events.kind,
      startsOn: events.startsOn,
      endsOn: events.endsOn,
      salesMad: eventParticipations.salesMad,
      notes: eventParticipations.notes,
    })
    .from(eventParticipations)
    .innerJoin(events, eq(events.id, eventParticipations.eventId))
    .innerJoin(cooperatives, eq(cooperatives.id, eventParticipations.cooperativeId))
    .where(and(eq(cooperatives.id, params.cooperativeId), params.scope))
    .orderBy(desc(events.startsOn), desc(events.id));
}

export type CooperativeParticipation = Awaited<
  ReturnType<typeof cooperativeParticipations>
>[number];

export type EventColumns = {
  name: string;
  kind: EventKind;
  province: string | null;
  location: string | null;
  startsOn: string;
  endsOn: string;
};

export type EventResult =
  { ok: true; id: number } | { ok: false; reason: "not_found" | "unknown_province" };

/** Creates an event (id null) or edits one, with its audit entry, in one transaction. */
export async function saveEvent(
  db: Database,
  actorId: number,
  id: number | null,
  columns: EventColumns,
): Promise<EventResult> {
  return db.transaction(async (tx): Promise<EventResult> => {
    if (columns.province !== null) {
      const [province] = await tx
        .select({ key: provinces.key })
        .from(provinces)
        .where(eq(provinces.key, columns.province));
      if (!province) return { ok: false, reason: "unknown_province" };
    }
    if (id === null) {
      const [row] = await tx.insert(events).values(columns).returning();
      if (!row) throw new Error("insert returned nothing");
      await writeAudit(tx, {
        actorId,
        action: "create",
        entity: "event",
        entityId: row.id,
        after: { ...row, createdAt: undefined },
      });
      return { ok: true, id: row.id };
    }
    const [before] = await tx.select().from(events).where(eq(events.id, id)).for("update");
    if (!before) return { ok: false, reason: "not_found" };
    const [after] = await tx.update(events).set(columns).where(eq(events.id, id)).returning();
    await writeAudit(tx, {
      actorId,
      action: "update",
      entity: "event",
      entityId: id,
      before: { ...before, createdAt: undefined },
      after: { ...after, createdAt: undefined },
    });
    return { ok: true, id };
  });
}
