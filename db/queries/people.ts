import "server-only";
import { and, asc, eq, inArray, or, sql, type Column } from "drizzle-orm";
import { normalizePhone } from "@/lib/validation/cooperative";
import type { PersonSelector } from "@/lib/validation/people";
import type { Database, Executor } from "../index";
import { cooperatives, users, type Role } from "../schema";
import { writeAudit } from "./audit";
import { escapeLike, nameMatches } from "./cooperatives";

/** A refusal the admin can act on; `code` is a key of the `people.errors` catalog namespace. */
export class PeopleError extends Error {
  override name = "PeopleError";
  constructor(readonly code: "notFound" | "conflict" | "cannotEraseSelf" | "lastAdmin") {
    super(code);
  }
}

export type ContactHit = {
  cooperativeId: number;
  cooperative: string;
  legalForm: string;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  archived: boolean;
  version: number;
};

export type UserHit = {
  userId: number;
  name: string;
  email: string;
  phone: string | null;
  role: Role;
  active: boolean;
};

const SEARCH_LIMIT = 50;

const folded = (column: Column, q: string) =>
  sql`hadina_fold(coalesce(${column}, '')) like '%' || hadina_fold(${escapeLike(q)}) || '%'`;
const lowerLike = (column: Column, q: string) =>
  sql`lower(coalesce(${column}, '')) like '%' || lower(${escapeLike(q)}) || '%'`;

/** The digits of a phone as typed (+212 6…, 06 12…), or null when the text is not a phone. */
function phoneNeedle(q: string): string | null {
  const normalized = normalizePhone(q);
  if (normalized) return normalized;
  const digits = q.replace(/[\s().\-/]/g, "");
  return /^\d{4,10}$/.test(digits) ? digits : null;
}

const contactColumns = {
  cooperativeId: cooperatives.id,
  cooperative: cooperatives.name,
  legalForm: cooperatives.legalForm,
  contactName: cooperatives.contactName,
  phone: cooperatives.phone,
  email: cooperatives.email,
  address: cooperatives.address,
  archived: sql<boolean>`${cooperatives.archivedAt} is not null`,
  version: cooperatives.version,
};

const userColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  phone: users.phone,
  role: users.role,
  active: users.active,
};

/**
 * Everyone whose name, phone, email or address matches: cooperatives' contacts (archived ones
 * too: their data is still held), auto-entrepreneurs (their registered name is a person's name)
 * and user accounts. Names and addresses are compared folded (hamza forms, accents ignored).
 */
export async function searchPeople(
  db: Executor,
  q: string,
): Promise<{ contacts: ContactHit[]; users: UserHit[] }> {
  const phone = phoneNeedle(q);
  const phoneLike = (column: Column) =>
    phone ? sql`coalesce(${column}, '') like '%' || ${phone} || '%'` : undefined;
  const [contacts, accounts] = await Promise.all([
    db
      .select(contactColumns)
      .from(cooperatives)
      .where(
        or(
          folded(cooperatives.contactName, q),
          folded(cooperatives.address, q),
          lowerLike(cooperatives.email, q),
          phoneLike(cooperatives.phone),
          and(eq(cooperatives.legalForm, "auto_entrepreneur"), nameMatches(q)),
        ),
      )
      .orderBy(asc(cooperatives.contactName), asc(cooperatives.id))
      .limit(SEARCH_LIMIT),
    db
      .select(userColumns)
      .from(users)
      .where(or(folded(users.name, q), lowerLike(users.email, q), phoneLike(users.phone)))
      .orderBy(asc(users.name), asc(users.id))
      .limit(SEARCH_LIMIT),
  ]);
  return { contacts, users: accounts };
}

export type PersonGroup = { contacts: ContactHit[]; users: UserHit[]; selector: PersonSelector };

/**
 * Hits that share an email or a phone are proposed as one person (a name alone is not enough:
 * two people share a name). The admin still sees and may open each record on its own.
 */
export function groupPeople(hits: { contacts: ContactHit[]; users: UserHit[] }): PersonGroup[] {
  const keysOf = (hit: { email: string | null; phone: string | null }) =>
    [hit.email && `e:${hit.email.toLowerCase()}`, hit.phone && `p:${hit.phone}`].filter(
      (key): key is string => Boolean(key),
    );
  const groups: { keys: Set<string>; contacts: ContactHit[]; users: UserHit[] }[] = [];
  const place = (keys: string[]) => {
    const matching = groups.filter((g) => keys.some((key) => g.keys.has(key)));
    const [target, ...rest] = matching;
    const group = target ?? { keys: new Set<string>(), contacts: [], users: [] };
    if (!target) groups.push(group);
    for (const other of rest) {
      for (const key of other.keys) group.keys.add(key);
      group.contacts.push(...other.contacts);
      group.users.push(...other.users);
      groups.splice(groups.indexOf(other), 1);
    }
    for (const key of keys) group.keys.add(key);
    return group;
  };
  for (const user of hits.users) place(keysOf(user)).users.push(user);
  for (const contact of hits.contacts) place(keysOf(contact)).contacts.push(contact);
  return groups.map(({ contacts, users: accounts }) => ({
    contacts,
    users: accounts,
    // A group holds at most one account in practice (emails are unique); the first is the person's.
    selector: {
      userId: accounts[0]?.userId ?? null,
      cooperativeIds: contacts.map((c) => c.cooperativeId).sort((a, b) => a - b),
    },
  }));
}

export type PersonRecords = { contacts: ContactHit[]; user: UserHit | null };

/** The records a selector names; throws notFound when one of them does not exist. */
export async function personRecords(
  db: Executor,
  selector: PersonSelector,
): Promise<PersonRecords> {
  const [contacts, [user]] = await Promise.all([
    selector.cooperativeIds.length === 0
      ? Promise.resolve([])
      : db
          .select(contactColumns)
          .from(cooperatives)
          .where(inArray(cooperatives.id, selector.cooperativeIds))
          .orderBy(asc(cooperatives.id)),
    selector.userId === null
      ? Promise.resolve([])
      : db.select(userColumns).from(users).where(eq(users.id, selector.userId)),
  ]);
  if (contacts.length !== selector.cooperativeIds.length) throw new PeopleError("notFound");
  if (selector.userId !== null && !user) throw new PeopleError("notFound");
  return { contacts, user: user ?? null };
}

export type ContactCorrection = {
  cooperativeId: number;
  version: number;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
};

/** A correction of one cooperative's contact, only over the version the admin saw. */
export async function correctContact(
  db: Database,
  input: ContactCorrection & { actorId: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select(contactColumns)
      .from(cooperatives)
      .where(eq(cooperatives.id, input.cooperativeId))
      .for("update");
    if (!before) throw new PeopleError("notFound");
    if (before.version !== input.version) throw new PeopleError("conflict");
    const next = {
      contactName: input.contactName,
      phone: input.phone,
      email: input.email,
      address: input.address,
    };
    await tx
      .update(cooperatives)
      .set({ ...next, version: sql`${cooperatives.version} + 1`, updatedAt: sql`now()` })
      .where(eq(cooperatives.id, input.cooperativeId));
    await writeAudit(tx, {
      actorId: input.actorId,
      action: "correct_contact",
      entity: "cooperative",
      entityId: input.cooperativeId,
      before: {
        contactName: before.contactName,
        phone: before.phone,
        email: before.email,
        address: before.address,
      },
      after: next,
    });
  });
}
