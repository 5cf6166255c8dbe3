import "server-only";
import { and, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { ERASED, redactJson, type Redaction } from "@/lib/redact";
import type { PersonSelector } from "@/lib/validation/people";
import type { Database, Transaction } from "../index";
import { auditLog, cooperatives, importBatches, loginAttempts, users } from "../schema";
import { writeAudit } from "./audit";
import { PeopleError } from "./people";

/** Audit snapshot keys of a cooperative's contact (camelCase as written by the record's queries). */
const CONTACT_KEYS = ["contactName", "contact_name", "phone", "email", "address"];
/** An auto-entrepreneur's registered name is a person's name, its registration number theirs. */
const OWN_NAME_KEYS = [
  "name",
  "nameLatin",
  "name_latin",
  "registrationNumber",
  "registration_number",
];
const USER_KEYS = new Set(["name", "email", "phone"]);
/** Keys under which a person's name or address can be copied into another record's entry. */
const PERSONAL_KEYS = new Set([
  ...CONTACT_KEYS,
  ...OWN_NAME_KEYS,
  "name",
  "email",
  "phone",
  "address",
  "contact",
]);

export type ErasureSummary = {
  cooperatives: { id: number; fields: string[] }[];
  user: { id: number; fields: string[] } | null;
  auditEntriesRedacted: number;
  importBatchesRedacted: number;
  signInAttemptsDeleted: number;
};

const present = (value: string | null | undefined): value is string =>
  typeof value === "string" && value.trim() !== "";

/** The JSON text of a string as PostgreSQL prints it inside jsonb::text (without the quotes). */
const jsonText = (value: string) => JSON.stringify(value).slice(1, -1).toLowerCase();

function mentions(columns: SQL[], needles: string[]): SQL | undefined {
  if (needles.length === 0) return undefined;
  const text = sql`lower(${sql.join(
    columns.map((c) => sql`coalesce(${c}::text, '')`),
    sql` || ' ' || `,
  )})`;
  return or(...needles.map((needle) => sql`strpos(${text}, ${jsonText(needle)}) > 0`));
}

async function lockAccount(tx: Transaction, selector: PersonSelector, actorId: number) {
  if (selector.userId === null) return null;
  if (selector.userId === actorId) throw new PeopleError("cannotEraseSelf");
  // Every active admin's row first, as user administration does, so two erasures cannot both
  // remove the last admins.
  await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .for("update");
  const [account] = await tx
    .select()
    .from(users)
    .where(eq(users.id, selector.userId))
    .for("update");
  if (!account) throw new PeopleError("notFound");
  if (account.role === "admin" && account.active) {
    const others = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, account.id)))
      .limit(1);
    if (others.length === 0) throw new PeopleError("lastAdmin");
  }
  return account;
}

/**
 * Law 09-08's right to erasure, in one transaction: the person's contact fields on their
 * cooperatives become null (an auto-entrepreneur's name and registration number too), their account is deactivated and
 * anonymized, their sign-in attempts are deleted, and their values are replaced by ERASED in
 * earlier audit entries and import files. One audit entry says which records and fields were
 * erased, never the values.
 */
export async function erasePerson(
  db: Database,
  input: { actorId: number; selector: PersonSelector },
): Promise<ErasureSummary> {
  const { selector } = input;
  return db.transaction(async (tx) => {
    const account = await lockAccount(tx, selector, input.actorId);
    const coops = selector.cooperativeIds.length
      ? await tx
          .select()
          .from(cooperatives)
          .where(inArray(cooperatives.id, selector.cooperativeIds))
          .for("update")
      : [];
    if (coops.length !== selector.cooperativeIds.length) throw new PeopleError("notFound");

    const values: string[] = [];
    const fragments: string[] = [];
    const summary: ErasureSummary = {
      cooperatives: [],
      user: null,
      auditEntriesRedacted: 0,
      importBatchesRedacted: 0,
      signInAttemptsDeleted: 0,
    };
    const ownNamed = new Set<string>();
    for (const coop of coops) {
      const own = coop.legalForm === "auto_entrepreneur";
      if (own) ownNamed.add(String(coop.id));
      const held = {
        contact_name: coop.contactName,
        phone: coop.phone,
        email: coop.email,
        address: coop.address,
        ...(own && {
          name: coop.name,
          name_latin: coop.nameLatin,
          registration_number: coop.registrationNumber,
        }),
      };
      const fields = Object.entries(held)
        .filter(([, value]) => present(value))
        .map(([key]) => key);
      values.push(...[coop.contactName, coop.address].filter(present));
      if (own) values.push(...[coop.name, coop.nameLatin].filter(present));
      fragments.push(...[coop.phone, coop.email].filter(present));
      if (own && present(coop.registrationNumber)) fragments.push(coop.registrationNumber);
      await tx
        .update(cooperatives)
        .set({
          contactName: null,
          phone: null,
          email: null,
          address: null,
          ...(own && { name: `${ERASED} #${coop.id}`, nameLatin: null, registrationNumber: null }),
          version: sql`${cooperatives.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(eq(cooperatives.id, coop.id));
      summary.cooperatives.push({ id: coop.id, fields });
    }
    if (account) {
      values.push(account.name);
      fragments.push(...[account.email, account.phone].filter(present));
      summary.user = {
        id: account.id,
        fields: ["name", "email", ...(present(account.phone) ? ["phone"] : [])],
      };
      await tx
        .update(users)
        .set({
          name: ERASED,
          email: `erased-${account.id}@erased.invalid`,
          phone: null,
          active: false,
          sessionVersion: sql`${users.sessionVersion} + 1`,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, account.id));
    }

    const emails = [...new Set([account?.email, ...coops.map((c) => c.email)].filter(present))].map(
      (e) => e.toLowerCase(),
    );
    if (emails.length) {
      const deleted = await tx
        .delete(loginAttempts)
        .where(inArray(loginAttempts.email, emails))
        .returning({ id: loginAttempts.id });
      summary.signInAttemptsDeleted = deleted.length;
    }

    summary.auditEntriesRedacted = await redactAudit(tx, {
      selector,
      ownNamed,
      emails,
      redaction: { values, fragments },
    });
    summary.importBatchesRedacted = await redactImports(tx, { values, fragments });

    await writeAudit(tx, {
      actorId: input.actorId,
      action: "erase_personal_data",
      entity: "person",
      entityId: selector.userId,
      after: {
        user_id: selector.userId,
        cooperative_ids: selector.cooperativeIds,
        cooperatives: summary.cooperatives,
        user_fields: summary.user?.fields ?? [],
        user_deactivated: Boolean(account),
        audit_entries_redacted: summary.auditEntriesRedacted,
        import_batches_redacted: summary.importBatchesRedacted,
        sign_in_attempts_deleted: summary.signInAttemptsDeleted,
      },
    });
    return summary;
  });
}

async function redactAudit(
  tx: Transaction,
  input: {
    selector: PersonSelector;
    ownNamed: Set<string>;
    emails: string[];
    redaction: Redaction;
  },
): Promise<number> {
  const { selector, redaction } = input;
  const coopIds = selector.cooperativeIds.map(String);
  const userId = selector.userId === null ? null : String(selector.userId);
  const aboutCoop = coopIds.length
    ? and(eq(auditLog.entity, "cooperative"), inArray(auditLog.entityId, coopIds))
    : undefined;
  const aboutUser = userId
    ? and(eq(auditLog.entity, "user"), eq(auditLog.entityId, userId))
    : undefined;
  const theirSignIns = input.emails.length
    ? and(eq(auditLog.entity, "user"), inArray(sql`${auditLog.after}->>'email'`, input.emails))
    : undefined;
  const byThem = selector.userId === null ? undefined : eq(auditLog.actorId, selector.userId);
  const rows = await tx
    .select({
      id: auditLog.id,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      actorId: auditLog.actorId,
      before: auditLog.before,
      after: auditLog.after,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .where(
      or(
        aboutCoop,
        aboutUser,
        theirSignIns,
        byThem,
        mentions(
          [sql`${auditLog.before}`, sql`${auditLog.after}`],
          [...redaction.values, ...redaction.fragments],
        ),
      ) ?? sql`false`,
    );
  const emailSet = new Set(input.emails);
  let changed = 0;
  for (const row of rows) {
    const keys =
      row.entity === "cooperative" && row.entityId !== null && coopIds.includes(row.entityId)
        ? new Set([...CONTACT_KEYS, ...(input.ownNamed.has(row.entityId) ? OWN_NAME_KEYS : [])])
        : row.entity === "user" && row.entityId === userId
          ? USER_KEYS
          : undefined;
    const scope = { ...redaction, keys, valueKeys: PERSONAL_KEYS };
    const before = redactJson(row.before, scope);
    const after = redactJson(row.after, scope);
    const signedEmail = (row.after as { email?: unknown } | null)?.email;
    // The address a person signed in from is theirs too.
    const theirIp =
      (selector.userId !== null && row.actorId === selector.userId) ||
      (row.entity === "user" &&
        (row.entityId === userId ||
          (typeof signedEmail === "string" && emailSet.has(signedEmail))));
    const ip = theirIp ? null : row.ip;
    if (
      JSON.stringify(before) === JSON.stringify(row.before) &&
      JSON.stringify(after) === JSON.stringify(row.after) &&
      ip === row.ip
    ) {
      continue;
    }
    await tx.update(auditLog).set({ before, after, ip }).where(eq(auditLog.id, row.id));
    changed++;
  }
  return changed;
}

/** Spreadsheets kept between preview and import hold the same values, cell by cell. */
async function redactImports(tx: Transaction, redaction: Redaction): Promise<number> {
  const needles = [...redaction.values, ...redaction.fragments];
  const where = mentions([sql`${importBatches.rows}`, sql`${importBatches.report}`], needles);
  if (!where) return 0;
  const rows = await tx
    .select({ id: importBatches.id, rows: importBatches.rows, report: importBatches.report })
    .from(importBatches)
    .where(where);
  let changed = 0;
  for (const row of rows) {
    const cells = redactJson(row.rows, redaction);
    const report = redactJson(row.report, redaction);
    if (
      JSON.stringify(cells) === JSON.stringify(row.rows) &&
      JSON.stringify(report) === JSON.stringify(row.report)
    ) {
      continue;
    }
    await tx.update(importBatches).set({ rows: cells, report }).where(eq(importBatches.id, row.id));
    changed++;
  }
  return changed;
}
