import "server-only";
import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { PersonSelector } from "@/lib/validation/people";
import type { Database } from "../index";
import { auditLog, cooperatives, loginAttempts, mentoringSessions, users } from "../schema";
import { writeAudit } from "./audit";
import { personRecords } from "./people";

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * Everything held about one person, as the JSON the admin hands them (law 09-08's right of
 * access), and an audit entry saying that it was exported (not what it held).
 */
export async function exportPerson(
  db: Database,
  input: { actorId: number; selector: PersonSelector },
) {
  const { selector } = input;
  return db.transaction(async (tx) => {
    const { user } = await personRecords(tx, selector);
    const coops = selector.cooperativeIds.length
      ? await tx
          .select()
          .from(cooperatives)
          .where(inArray(cooperatives.id, selector.cooperativeIds))
          .orderBy(asc(cooperatives.id))
      : [];
    const [account] = user
      ? await tx
          .select({
            id: users.id,
            email: users.email,
            name: users.name,
            phone: users.phone,
            role: users.role,
            active: users.active,
            locale: users.locale,
            mustChangePassword: users.mustChangePassword,
            lastLoginAt: users.lastLoginAt,
            createdAt: users.createdAt,
            updatedAt: users.updatedAt,
          })
          .from(users)
          .where(eq(users.id, user.userId))
      : [];
    const sessions = account
      ? await tx
          .select({
            id: mentoringSessions.id,
            cooperative_id: mentoringSessions.cooperativeId,
            cooperative: cooperatives.name,
            held_on: mentoringSessions.heldOn,
            duration_minutes: mentoringSessions.durationMinutes,
            mode: mentoringSessions.mode,
            topics: mentoringSessions.topics,
            attendees: mentoringSessions.attendees,
            notes: mentoringSessions.notes,
            next_steps: mentoringSessions.nextSteps,
            follow_up_on: mentoringSessions.followUpOn,
          })
          .from(mentoringSessions)
          .innerJoin(cooperatives, eq(cooperatives.id, mentoringSessions.cooperativeId))
          .where(eq(mentoringSessions.mentorId, account.id))
          .orderBy(asc(mentoringSessions.heldOn), asc(mentoringSessions.id))
      : [];
    const emails = [
      ...new Set(
        [account?.email, ...coops.map((c) => c.email)].filter((e): e is string => Boolean(e)),
      ),
    ];
    const audit = await tx
      .select()
      .from(auditLog)
      .where(personAuditRows(selector, emails))
      .orderBy(asc(auditLog.at), asc(auditLog.id));
    const attempts = emails.length
      ? await tx
          .select()
          .from(loginAttempts)
          .where(inArray(loginAttempts.email, emails))
          .orderBy(asc(loginAttempts.at), asc(loginAttempts.id))
      : [];
    const document = {
      exported_at: new Date().toISOString(),
      subject: { user_id: selector.userId, cooperative_ids: selector.cooperativeIds },
      cooperatives: coops.map((c) => ({
        id: c.id,
        name: c.name,
        name_latin: c.nameLatin,
        legal_form: c.legalForm,
        sector: c.sector,
        province: c.province,
        commune: c.commune,
        area: c.area,
        registration_number: c.registrationNumber,
        registered_on: c.registeredOn,
        court: c.court,
        founded_on: c.foundedOn,
        women_coop: c.womenCoop,
        members_total: c.membersTotal,
        members_women: c.membersWomen,
        members_youth: c.membersYouth,
        share_capital_mad: c.shareCapitalMad === null ? null : Number(c.shareCapitalMad),
        stage: c.stage,
        cohort_id: c.cohortId,
        contact_name: c.contactName,
        phone: c.phone,
        email: c.email,
        address: c.address,
        archived_at: iso(c.archivedAt),
        created_at: iso(c.createdAt),
        updated_at: iso(c.updatedAt),
      })),
      user: account
        ? {
            id: account.id,
            email: account.email,
            name: account.name,
            phone: account.phone,
            role: account.role,
            active: account.active,
            locale: account.locale,
            must_change_password: account.mustChangePassword,
            last_login_at: iso(account.lastLoginAt),
            created_at: iso(account.createdAt),
            updated_at: iso(account.updatedAt),
          }
        : null,
      mentoring_sessions: sessions,
      audit_log: audit.map((row) => ({
        id: row.id,
        at: iso(row.at),
        actor_id: row.actorId,
        action: row.action,
        entity: row.entity,
        entity_id: row.entityId,
        before: row.before,
        after: row.after,
        ip: row.ip,
      })),
      sign_in_attempts: attempts.map((row) => ({
        email: row.email,
        ip: row.ip,
        success: row.success,
        at: iso(row.at),
      })),
    };
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "export_personal_data",
      entity: "person",
      entityId: selector.userId,
      after: {
        user_id: selector.userId,
        cooperative_ids: selector.cooperativeIds,
        mentoring_sessions: sessions.length,
        audit_entries: audit.length,
        sign_in_attempts: attempts.length,
      },
    });
    return document;
  });
}

/**
 * Audit entries about the person: about their cooperatives or their account, made by them, or
 * sign-ins under one of their emails (a failed sign-in has no account to point at).
 */
export function personAuditRows(selector: PersonSelector, emails: string[]): SQL {
  const conditions: (SQL | undefined)[] = [
    selector.cooperativeIds.length
      ? and(
          eq(auditLog.entity, "cooperative"),
          inArray(auditLog.entityId, selector.cooperativeIds.map(String)),
        )
      : undefined,
    selector.userId !== null
      ? or(
          and(eq(auditLog.entity, "user"), eq(auditLog.entityId, String(selector.userId))),
          eq(auditLog.actorId, selector.userId),
        )
      : undefined,
    emails.length
      ? and(eq(auditLog.entity, "user"), inArray(sql`${auditLog.after}->>'email'`, emails))
      : undefined,
  ];
  return or(...conditions) ?? sql`false`;
}
