import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { rowsOf, useConnection } from "@/db";
import { seedReference } from "@/db/seed/reference";
import {
  cohorts,
  cooperatives,
  eventParticipations,
  events,
  fundingAwards,
  disbursements,
  importBatches,
  jobsSnapshots,
  mentorAssignments,
  mentoringSessions,
  milestones,
  programs,
  users,
} from "@/db/schema";
import { hashPassword } from "@/lib/password";
import { discoverEntryPoints, expectedAction } from "../authz/matrix";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { HOSTILE_STRINGS, hostileNumber, hostileString } from "../helpers/hostile";

/*
 * Issue #7 "Hostile input", the server-action half: every server action of the app (found on
 * disk as tests/authz/matrix.ts finds them) is called, signed in as an admin (and as a mentor
 * where a mentor may call it), with forms whose fields are the action's real ones filled with
 * hostile values: huge and empty strings, HTML and SQL, bidi controls, NUL, lone surrogates,
 * NaN, negative and enormous numbers, impossible dates, ids of records out of the caller's
 * reach. Each call must end in an answer (a redirect or notFound() signal counts), never a
 * thrown error (the 500 a user would see). A refusal writes nothing (every base table, row
 * count and md5 of its rows); an acceptance writes its audit entry with the rows it changed and
 * stores the free text it was given as it was given.
 */

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
const effects = vi.hoisted(() => ({ revalidated: [] as string[], cookies: [] as string[] }));

vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
vi.mock("next/cache", () => ({
  revalidatePath: (path: string) => {
    effects.revalidated.push(path);
  },
  revalidateTag: (tag: string) => {
    effects.revalidated.push(`tag:${tag}`);
  },
  updateTag: (tag: string) => {
    effects.revalidated.push(`tag:${tag}`);
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    has: () => false,
    set: (name: string) => {
      effects.cookies.push(name);
    },
    delete: (name: string) => {
      effects.cookies.push(`-${name}`);
    },
  }),
}));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const found = discoverEntryPoints();
const modules = new Map<string, Record<string, unknown>>();
for (const file of found.actionModules) {
  modules.set(file, (await import(/* @vite-ignore */ `../../${file}`)) as Record<string, unknown>);
}

/** Runs per action and caller; FC_RUNS and FC_SEED explore more. */
const RUNS = Number(process.env.FC_RUNS ?? 20);
const SEED = Number(process.env.FC_SEED ?? 20261129);

type Caller = "admin" | "mentor";
type Fields = Record<string, string | string[]>;

let t: TestDatabase;
const user = {} as Record<"admin" | "mentor" | "mentor2" | "staff", number>;
const PASSWORD: Record<Caller, string> = {
  admin: "Admin-secret-2026",
  mentor: "Mentor-secret-2026",
};
/** Each caller's current password (changePasswordAction may change it). */
const password: Record<Caller, string> = { ...PASSWORD };
const passwordHash = {} as Record<Caller, string>;
let programId = 0;
let cohortId = 0;
let assignedCoop = 0;
let otherCoop = 0;
let otherMilestone = 0;
let otherSession = "";
let fixtureAssignments: number[] = [];
let serial = 0;

// ---------------------------------------------------------------------------------------------
// Rows a base form points at, created afresh for each call

async function newCooperative(): Promise<number> {
  serial++;
  const [row] = await t.db
    .insert(cooperatives)
    .values({
      name: `تعاونية ${serial}`,
      legalForm: "cooperative",
      sector: "agriculture",
      province: "fes",
      area: "rural",
      membersTotal: 5,
    })
    .returning({ id: cooperatives.id });
  return row!.id;
}

async function newUser(role: "staff" | "mentor" | "official" = "official"): Promise<number> {
  serial++;
  const [row] = await t.db
    .insert(users)
    .values({ email: `u${serial}@x.test`, name: `User ${serial}`, role, passwordHash: "x" })
    .returning({ id: users.id });
  return row!.id;
}

async function newMilestone(
  cooperativeId: number,
  status: "todo" | "reported" = "todo",
): Promise<number> {
  const [row] = await t.db
    .insert(milestones)
    .values({ cooperativeId, title: "Étape", stage: "selected", dueOn: "2026-12-31", status })
    .returning({ id: milestones.id });
  return row!.id;
}

async function newSession(cooperativeId: number, mentorId: number): Promise<string> {
  const id = randomUUID();
  await t.db.insert(mentoringSessions).values({
    id,
    cooperativeId,
    mentorId,
    heldOn: "2026-01-10",
    durationMinutes: 60,
    mode: "in_person",
    topics: ["marketing"],
  });
  return id;
}

async function newEvent(): Promise<number> {
  const [row] = await t.db
    .insert(events)
    .values({
      name: "Salon régional de l'ESS",
      kind: "regional_fair",
      province: "fes",
      startsOn: "2026-05-01",
      endsOn: "2026-05-05",
    })
    .returning({ id: events.id });
  return row!.id;
}

async function newAward(status: "requested" | "approved" = "approved"): Promise<number> {
  const [row] = await t.db
    .insert(fundingAwards)
    .values({
      cooperativeId: await newCooperative(),
      source: "region_council",
      kind: "grant",
      amountMad: "50000.00",
      awardedOn: "2026-01-15",
      status,
    })
    .returning({ id: fundingAwards.id });
  return row!.id;
}

async function importBatch(): Promise<number> {
  const [row] = await t.db
    .insert(importBatches)
    .values({
      entity: "cooperatives",
      filename: "import.csv",
      header: ["name"],
      rows: [["تعاونية مستوردة"]],
      rowCount: 1,
      createdBy: user.staff,
    })
    .returning({ id: importBatches.id });
  return row!.id;
}

function sessionFields(cooperativeId: number): Fields {
  return {
    cooperative_id: String(cooperativeId),
    held_on: "2026-01-12",
    duration_minutes: "90",
    mode: "field_visit",
    topics: ["marketing", "accounting"],
    attendees: "4",
    notes: "Prix au souk",
    next_steps: "Revoir les prix",
    follow_up_on: "",
  };
}

// ---------------------------------------------------------------------------------------------
// How each action is called

/**
 * An action's form: `base` builds a valid form for the caller (fresh target rows), whose fields
 * are the action's real ones; `optional` names fields the form may carry beyond it; `ids` the
 * fields naming a record (they also get ids out of the caller's reach); `text` the free-text
 * fields an accepted call must store exactly as sent (trimmed where the schema trims).
 */
type Spec = {
  base: (caller: Caller) => Promise<Fields>;
  optional?: string[];
  ids?: Record<string, "number" | "uuid">;
  text?: string[];
  /** "state": (prevState, FormData); "form": (FormData); "user": createUserAction's state. */
  call?: "state" | "form" | "user";
  /** Bookkeeping once the call is done (whether it was accepted). */
  after?: (form: FormData, accepted: boolean, caller: Caller) => void;
};

const SPECS: Record<string, Spec> = {
  "app/(app)/account/actions.ts#changePasswordAction": {
    base: async (caller) => ({
      current_password: password[caller],
      new_password: `Nouveau-${++serial}-secret`,
      confirm_password: `Nouveau-${serial}-secret`,
    }),
    after: (form, accepted, caller) => {
      if (accepted) password[caller] = String(form.get("new_password"));
    },
  },
  "lib/i18n/actions.ts#changeLocale": { base: async () => ({ locale: "fr" }), call: "form" },
  "app/(app)/admin/users/actions.ts#createUserAction": {
    base: async () => ({
      name: "Nouvel utilisateur",
      email: `new${++serial}@x.test`,
      role: "staff",
      locale: "fr",
    }),
    text: ["name"],
    call: "user",
  },
  "app/(app)/admin/users/actions.ts#changeRoleAction": {
    base: async () => ({ user_id: String(await newUser()), role: "staff" }),
    ids: { user_id: "number" },
  },
  "app/(app)/admin/users/actions.ts#setActiveAction": {
    base: async () => ({ user_id: String(await newUser()), active: "false" }),
    ids: { user_id: "number" },
  },
  "app/(app)/admin/users/actions.ts#resetPasswordAction": {
    base: async () => ({ user_id: String(await newUser()) }),
    ids: { user_id: "number" },
  },
  "app/(app)/admin/people/actions.ts#correctContactAction": {
    base: async () => ({
      cooperative_id: String(await newCooperative()),
      version: "1",
      contact_name: "Fatima Zahra",
      phone: "0612345678",
      email: "contact@x.test",
      address: "Derb 3, Fès",
    }),
    ids: { cooperative_id: "number" },
    text: ["contact_name", "address"],
  },
  "app/(app)/admin/people/actions.ts#erasePersonAction": {
    base: async () => ({ cooperative: [String(await newCooperative())], confirm: "on" }),
    optional: ["user"],
    ids: { cooperative: "number", user: "number" },
  },
  "app/(app)/cohorts/actions.ts#saveCohortAction": {
    base: async () => ({
      name: `Cohorte ${++serial}`,
      program_id: String(programId),
      start_on: "2026-02-01",
      end_on: "2026-10-31",
      capacity: "30",
      status: "planned",
    }),
    optional: ["id"],
    ids: { id: "number", program_id: "number" },
    text: ["name"],
  },
  "app/(app)/cohorts/actions.ts#enrolAction": {
    base: async () => ({
      cohort_id: String(cohortId),
      cooperative_id: String(await newCooperative()),
    }),
    ids: { cohort_id: "number", cooperative_id: "number" },
  },
  "app/(app)/cohorts/actions.ts#removeAction": {
    base: async () => {
      const coop = await newCooperative();
      await t.db.update(cooperatives).set({ cohortId }).where(eq(cooperatives.id, coop));
      return { cohort_id: String(cohortId), cooperative_id: String(coop) };
    },
    ids: { cohort_id: "number", cooperative_id: "number" },
    call: "form",
  },
  "app/(app)/cohorts/actions.ts#saveProgramAction": {
    base: async () => ({
      key: `prog_${++serial}`,
      name_ar: "برنامج",
      name_fr: "Programme",
      name_en: "Programme",
      description: "Accompagnement",
      active: "on",
    }),
    optional: ["id"],
    ids: { id: "number" },
    text: ["name_ar", "name_fr", "name_en"],
  },
  "app/(app)/cooperatives/actions.ts#saveCooperative": {
    base: async () => ({
      name: `تعاونية الأمل ${++serial}`,
      legal_form: "cooperative",
      sector: "agriculture",
      province: "fes",
      area: "rural",
      members_total: "12",
      members_women: "7",
      members_youth: "3",
    }),
    optional: ["id", "version"],
    ids: { id: "number" },
    text: ["name"],
  },
  "app/(app)/cooperatives/actions.ts#changeStageAction": {
    base: async () => ({
      id: String(await newCooperative()),
      to: "selected",
      reason: "Dossier complet",
    }),
    ids: { id: "number" },
    text: ["reason"],
  },
  "app/(app)/cooperatives/actions.ts#archiveAction": {
    base: async () => ({ id: String(await newCooperative()), archived: "1" }),
    ids: { id: "number" },
    call: "form",
  },
  "app/(app)/cooperatives/import/actions.ts#confirmImport": {
    base: async () => ({ batch: String(await importBatch()) }),
    ids: { batch: "number" },
  },
  "app/(app)/cooperatives/import/actions.ts#discardImport": {
    base: async () => ({ batch: String(await importBatch()) }),
    ids: { batch: "number" },
  },
  "app/(app)/fairs/actions.ts#saveEventAction": {
    base: async () => ({
      name: "Salon de Fès",
      kind: "regional_fair",
      province: "fes",
      location: "Place Boujloud",
      starts_on: "2026-06-01",
      ends_on: "2026-06-03",
    }),
    optional: ["id"],
    ids: { id: "number" },
    text: ["name", "location"],
  },
  "app/(app)/fairs/actions.ts#addParticipationAction": {
    base: async () => ({
      event_id: String(await newEvent()),
      cooperative_id: String(await newCooperative()),
      sales_mad: "1200",
      notes: "Bon stand",
    }),
    ids: { event_id: "number", cooperative_id: "number" },
    text: ["notes"],
  },
  "app/(app)/fairs/actions.ts#removeParticipationAction": {
    base: async () => {
      const [row] = await t.db
        .insert(eventParticipations)
        .values({ eventId: await newEvent(), cooperativeId: await newCooperative() })
        .returning({ id: eventParticipations.id });
      return { id: String(row!.id) };
    },
    ids: { id: "number" },
  },
  "app/(app)/funding/actions.ts#createAwardAction": {
    base: async () => ({
      cooperative_id: String(await newCooperative()),
      program: "",
      source: "region_council",
      kind: "grant",
      amount_mad: "25000",
      co_financing_mad: "0",
      awarded_on: "2026-03-01",
      status: "approved",
      notes: "Subvention INDH",
    }),
    ids: { cooperative_id: "number" },
    text: ["notes"],
  },
  "app/(app)/funding/actions.ts#updateAwardStatusAction": {
    base: async () => ({ award_id: String(await newAward("requested")), status: "approved" }),
    ids: { award_id: "number" },
  },
  "app/(app)/funding/actions.ts#recordDisbursementAction": {
    base: async () => ({
      award_id: String(await newAward()),
      status: "disbursed",
      disbursed_on: "2026-04-01",
      amount_mad: "1000",
      reference: "VIR-2026-01",
      release_milestone_id: "",
    }),
    ids: { award_id: "number", release_milestone_id: "number" },
    text: ["reference"],
  },
  "app/(app)/funding/actions.ts#releaseDisbursementAction": {
    base: async () => {
      const [row] = await t.db
        .insert(disbursements)
        .values({ awardId: await newAward(), status: "planned", amountMad: "1000.00" })
        .returning({ id: disbursements.id });
      return { id: String(row!.id), disbursed_on: "2026-04-02", reference: "VIR-2026-02" };
    },
    ids: { id: "number" },
    text: ["reference"],
  },
  "app/(app)/mentors/actions.ts#assignMentorAction": {
    base: async () => ({
      mentor_id: String(user.mentor2),
      cooperative_id: String(await newCooperative()),
      start_on: "2026-02-01",
      end_on: "",
    }),
    ids: { mentor_id: "number", cooperative_id: "number" },
  },
  "app/(app)/mentors/actions.ts#endAssignmentAction": {
    base: async () => {
      const [row] = await t.db
        .insert(mentorAssignments)
        .values({
          mentorId: user.mentor2,
          cooperativeId: await newCooperative(),
          startOn: "2026-01-05",
        })
        .returning({ id: mentorAssignments.id });
      return { assignment_id: String(row!.id) };
    },
    ids: { assignment_id: "number" },
  },
  "app/(app)/milestones/actions.ts#saveTemplateAction": {
    base: async () => ({
      key: `tpl_${++serial}`,
      stage: "selected",
      program_id: "",
      sort_order: "10",
      due_offset_days: "30",
      label_ar: "مرحلة",
      label_fr: "Étape",
      label_en: "Step",
      active: "on",
    }),
    optional: ["id"],
    ids: { id: "number", program_id: "number" },
    text: ["label_ar", "label_fr", "label_en"],
  },
  "app/(app)/cooperatives/milestones-actions.ts#updateMilestoneAction": {
    // a mentor sets status and evidence only; staff and admins any field
    base: async (caller) => ({
      id: String(await newMilestone(assignedCoop)),
      version: "1",
      status: "in_progress",
      evidence_text: "Photos du local",
      ...(caller === "admin" ? { comment: "En cours" } : {}),
    }),
    optional: ["evidence_url", "due_on", "completed_on", "title"],
    ids: { id: "number" },
    text: ["evidence_text", "comment"],
  },
  "app/(app)/cooperatives/milestones-actions.ts#verifyMilestoneAction": {
    base: async () => ({
      id: String(await newMilestone(assignedCoop, "reported")),
      version: "1",
      completed_on: "2026-03-01",
    }),
    ids: { id: "number" },
  },
  "app/(app)/cooperatives/milestones-actions.ts#sendBackMilestoneAction": {
    base: async () => ({
      id: String(await newMilestone(assignedCoop, "reported")),
      version: "1",
      comment: "Il manque la facture",
    }),
    ids: { id: "number" },
    text: ["comment"],
  },
  "app/(app)/cooperatives/milestones-actions.ts#addMilestoneAction": {
    base: async () => ({
      cooperative_id: String(assignedCoop),
      title: "Étape ajoutée",
      stage: "selected",
      due_on: "2026-09-30",
    }),
    ids: { cooperative_id: "number" },
    text: ["title"],
  },
  "app/(app)/cooperatives/milestones-actions.ts#deleteMilestoneAction": {
    base: async () => ({ id: String(await newMilestone(assignedCoop)) }),
    ids: { id: "number" },
  },
  "app/(app)/cooperatives/jobs-actions.ts#submitJobsSnapshot": {
    base: async () => {
      serial++;
      const day = String((serial % 28) + 1).padStart(2, "0");
      const month = String((Math.floor(serial / 28) % 12) + 1).padStart(2, "0");
      return {
        cooperative_id: String(assignedCoop),
        kind: "periodic",
        as_of: `2025-${month}-${day}`,
        jobs_total: "6",
        jobs_women: "3",
        jobs_youth: "2",
        source: "Registre des membres",
      };
    },
    ids: { cooperative_id: "number" },
    text: ["source"],
  },
  "app/(app)/sessions/actions.ts#createSessionAction": {
    base: async () => ({ id: randomUUID(), ...sessionFields(assignedCoop) }),
    ids: { id: "uuid", cooperative_id: "number" },
    text: ["notes", "next_steps"],
  },
  "app/(app)/sessions/actions.ts#updateSessionAction": {
    base: async () => ({
      id: await newSession(assignedCoop, user.mentor),
      version: "1",
      ...sessionFields(assignedCoop),
    }),
    ids: { id: "uuid", cooperative_id: "number" },
    text: ["notes", "next_steps"],
  },
};

// ---------------------------------------------------------------------------------------------
// Hostile values

const EXTRA_HOSTILE = [
  "9999999999999",
  "1e308",
  "-1e308",
  "NaN",
  "-1",
  "0",
  "2147483648",
  "-2147483649",
  "2026-02-30",
  "0001-01-01",
  "2026-02-29",
  "99999-01-01",
  "y".repeat(10_001),
  "<b onmouseover=alert(1)>تعاونية</b>",
  "Robert'); DROP TABLE cooperatives;--",
  "' OR '1'='1",
  "$1; select pg_sleep(5)",
  "\u202Eأمل\u202C",
  "abc\u2067def\u2069",
  "\u0000\u0000",
  "\uD83D",
  "\uDE00",
  "%00",
  "../../etc/passwd",
];

const hostileField = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, ...EXTRA_HOSTILE) },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileNumber.map(String) },
);

/** Ids the caller may not reach or that name nothing, as a form would carry them. */
function outOfReach(kind: "number" | "uuid"): string[] {
  if (kind === "uuid") {
    return [otherSession, "00000000-0000-4000-8000-000000000000", "not-a-uuid", ""];
  }
  return [
    String(otherCoop),
    String(otherMilestone),
    "999999",
    "2147483647",
    "2147483648",
    "9999999999999",
    "0",
    "-1",
    "1.5",
    "1e3",
    ` ${otherCoop} `,
  ];
}

type Generated = {
  fields: Record<string, string | string[] | undefined>;
  extra: Record<string, string>;
  dropBase: boolean;
};

function generator(spec: Spec, fieldNames: string[]): fc.Arbitrary<Generated> {
  const valueOf = (name: string): fc.Arbitrary<string | string[]> => {
    const kind = spec.ids?.[name];
    const one = kind ? fc.oneof(hostileField, fc.constantFrom(...outOfReach(kind))) : hostileField;
    return fc.oneof(
      { weight: 4, arbitrary: one },
      { weight: 1, arbitrary: fc.array(one, { maxLength: 3 }) },
    );
  };
  const some = fc.record(Object.fromEntries(fieldNames.map((name) => [name, valueOf(name)])), {
    requiredKeys: [],
  });
  const one = fc
    .constantFrom(...fieldNames)
    .chain((name) => valueOf(name).map((value) => ({ [name]: value })));
  return fc.record({
    // mostly one hostile field in an otherwise valid form, so the call gets as far as it can
    fields: fc.oneof({ weight: 5, arbitrary: one }, { weight: 2, arbitrary: some }),
    extra: fc.dictionary(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom("__proto__", "constructor", "$ACTION_ID_1", "role", "created_by", "id"),
      ),
      hostileField,
      { maxKeys: 2 },
    ),
    // now and then nothing of the valid form at all
    dropBase: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
  });
}

function formOf(base: Fields, generated: Generated): FormData {
  const data = new FormData();
  const fields: Record<string, string | string[] | undefined> = generated.dropBase
    ? {}
    : { ...base };
  for (const [key, value] of Object.entries(generated.fields)) fields[key] = value;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) data.append(key, v);
    else data.append(key, value);
  }
  for (const [key, value] of Object.entries(generated.extra)) data.append(key, value);
  return data;
}

// ---------------------------------------------------------------------------------------------
// What the database holds

let tableNames: string[] = [];

type Snapshot = Record<string, { rows: number; hash: string }>;

/** Every base table: its row count and an md5 of all its rows, in one query. */
async function snapshot(): Promise<Snapshot> {
  const query = tableNames
    .map(
      (name) => `select '${name}' as name, count(*)::int as rows,
        coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as hash from ${name} t`,
    )
    .join(" union all ");
  const rows = rowsOf<{ name: string; rows: number; hash: string }>(
    await t.db.execute(sql.raw(query)),
  );
  return Object.fromEntries(rows.map((r) => [r.name, { rows: Number(r.rows), hash: r.hash }]));
}

function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after).filter(
    (name) => before[name]?.hash !== after[name]!.hash || before[name]?.rows !== after[name]!.rows,
  );
}

/** The text columns of every row of a table. */
async function textsOf(table: string): Promise<Set<string>> {
  const rows = rowsOf<{ row: Record<string, unknown> }>(
    await t.db.execute(sql.raw(`select to_jsonb(t) as row from ${table} t`)),
  );
  const out = new Set<string>();
  for (const { row } of rows) {
    const value = typeof row === "string" ? (JSON.parse(row) as Record<string, unknown>) : row;
    for (const v of Object.values(value)) if (typeof v === "string") out.add(v);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Calling an action

type Outcome =
  | { kind: "answer"; value: unknown }
  | { kind: "redirect"; url: string }
  | { kind: "notFound" }
  | { kind: "threw"; error: unknown };

/** Working rows no audit entry describes (the import's uploaded preview). */
const STAGING = new Set(["public.import_batches"]);

const SUCCESS = new Set(["done", "saved", "created", "changed", "ok"]);

async function call(spec: Spec, fn: (...args: unknown[]) => Promise<unknown>, form: FormData) {
  try {
    const value =
      spec.call === "form"
        ? await fn(form)
        : await fn(
            spec.call === "user" ? { status: "idle", attempt: 0 } : { status: "idle" },
            form,
          );
    return { kind: "answer", value } as Outcome;
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    if (message === "NOT_FOUND") return { kind: "notFound" } as Outcome;
    if (message.startsWith("REDIRECT ")) {
      return { kind: "redirect", url: message.slice("REDIRECT ".length) } as Outcome;
    }
    return { kind: "threw", error } as Outcome;
  }
}

/** Whether the action did what it was asked (it may write) or answered with a refusal. */
function accepted(outcome: Outcome): boolean {
  if (outcome.kind === "redirect") return true;
  if (outcome.kind === "notFound") return false;
  if (outcome.kind !== "answer") return false;
  const value = outcome.value;
  if (value === undefined) return effects.revalidated.length > 0 || effects.cookies.length > 0;
  const status = (value as { status?: unknown }).status;
  return typeof status === "string" && SUCCESS.has(status);
}

function describeError(error: unknown): string {
  const out: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) out.push(`${e.name}: ${e.message}`);
  return out.length ? out.join(" <- ").slice(0, 600) : String(error);
}

function summary(form: FormData): string {
  const parts: string[] = [];
  form.forEach((value, key) => {
    const text = String(value);
    parts.push(
      `${key}=${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…(${text.length})` : text)}`,
    );
  });
  return parts.join(" ");
}

/**
 * Puts back what the callers stand on, which an earlier accepted call may have changed (a small
 * random id can name the caller: reset their password, deactivate them, end their assignment,
 * archive their cooperative). Done before each call, outside what the call is checked on.
 */
async function restoreCallers() {
  for (const [who, role] of [
    ["admin", "admin"],
    ["mentor", "mentor"],
    ["mentor2", "mentor"],
  ] as const) {
    await t.db
      .update(users)
      .set({
        role,
        active: true,
        sessionVersion: 1,
        mustChangePassword: false,
        ...(who === "mentor2" ? {} : { passwordHash: passwordHash[who] }),
      })
      .where(eq(users.id, user[who]));
  }
  Object.assign(password, PASSWORD);
  await t.db
    .update(cooperatives)
    .set({ archivedAt: null })
    .where(inArray(cooperatives.id, [assignedCoop, otherCoop]));
  await t.db
    .update(mentorAssignments)
    .set({ endOn: null })
    .where(inArray(mentorAssignments.id, fixtureAssignments));
}

function signIn(caller: Caller) {
  const role = caller;
  session.current = {
    user: { id: user[caller], sv: 1, role, name: role, email: `${role}@x.test` },
  };
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const rows = await t.db
    .insert(users)
    .values(
      (["admin", "staff", "mentor", "mentor2"] as const).map((name) => ({
        email: `${name}@x.test`,
        name,
        role: name === "mentor2" ? ("mentor" as const) : name,
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, email: users.email });
  for (const row of rows) user[row.email.split("@")[0] as keyof typeof user] = row.id;
  for (const caller of ["admin", "mentor"] as const) {
    passwordHash[caller] = await hashPassword(PASSWORD[caller]);
  }
  const [program] = await t.db
    .select({ id: programs.id })
    .from(programs)
    .where(eq(programs.key, "moazara"));
  programId = program!.id;
  const [cohort] = await t.db
    .insert(cohorts)
    .values({
      name: "Cohorte test",
      programId,
      startOn: "2026-01-05",
      endOn: "2026-12-31",
      capacity: 5000,
      status: "active",
    })
    .returning({ id: cohorts.id });
  cohortId = cohort!.id;
  assignedCoop = await newCooperative();
  otherCoop = await newCooperative();
  const assignments = await t.db
    .insert(mentorAssignments)
    .values([
      { mentorId: user.mentor, cooperativeId: assignedCoop, startOn: "2026-01-05" },
      { mentorId: user.mentor2, cooperativeId: otherCoop, startOn: "2026-01-05" },
    ])
    .returning({ id: mentorAssignments.id });
  fixtureAssignments = assignments.map((row) => row.id);
  otherMilestone = await newMilestone(otherCoop, "reported");
  otherSession = await newSession(otherCoop, user.mentor2);
  tableNames = rowsOf<{ name: string }>(
    await t.db.execute(sql`select format('%I.%I', table_schema, table_name) as name
      from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      order by 1`),
  ).map((row) => row.name);
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  session.current = null;
});

describe("the hostile-input table", () => {
  it("knows the form of every server action on disk, and of nothing else", () => {
    expect(found.actions.filter((key) => !(key in SPECS))).toEqual([]);
    expect(Object.keys(SPECS).filter((key) => !found.actions.includes(key))).toEqual([]);
    expect(found.actions.length).toBeGreaterThanOrEqual(35);
  });

  it("names real form fields: every spec field is read by its action's module or schema", async () => {
    const { readFileSync } = await import("node:fs");
    const sources = [
      ...found.actionModules,
      "app/(app)/sessions/log.ts",
      "app/(app)/admin/users/schema.ts",
      "app/(app)/account/schema.ts",
      "lib/validation/cohort.ts",
      "lib/validation/cooperative.ts",
      "lib/validation/fair.ts",
      "lib/validation/funding.ts",
      "lib/validation/jobs.ts",
      "lib/validation/milestone.ts",
      "lib/validation/people.ts",
      "lib/validation/session.ts",
    ]
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    for (const [key, spec] of Object.entries(SPECS)) {
      const names = [...Object.keys(await spec.base("admin")), ...(spec.optional ?? [])];
      for (const name of names) {
        expect(
          sources.includes(`"${name}"`) || sources.includes(`${name}:`),
          `${key} ${name}`,
        ).toBe(true);
      }
    }
  });
});

const cases = found.actions.flatMap((key) => {
  const row = expectedAction(key);
  const callers: Caller[] = ["admin"];
  if (row?.mentorAssigned === "ok") callers.push("mentor");
  return callers.map((caller) => [key, caller] as const);
});

describe.each(cases)("%s as %s, under hostile input", (key, caller) => {
  it("answers (never throws), writes nothing when it refuses, stores text as sent", async () => {
    const spec = SPECS[key];
    expect(spec, `no spec for ${key}`).toBeDefined();
    const [file, name] = key.split("#") as [string, string];
    const fn = modules.get(file)![name] as (...args: unknown[]) => Promise<unknown>;
    const fieldNames = [...Object.keys(await spec!.base(caller)), ...(spec!.optional ?? [])];
    // the valid form itself goes through: the hostile runs are one field away from a write
    await restoreCallers();
    const control = formOf(await spec!.base(caller), { fields: {}, extra: {}, dropBase: false });
    signIn(caller);
    effects.revalidated.length = 0;
    effects.cookies.length = 0;
    const controlOutcome = await call(spec!, fn, control);
    spec!.after?.(control, accepted(controlOutcome), caller);
    expect(accepted(controlOutcome), `${key}: ${JSON.stringify(controlOutcome)}`).toBe(true);
    let refusals = 0;
    let acceptances = 0;
    await fc.assert(
      fc.asyncProperty(generator(spec!, fieldNames), async (generated) => {
        await restoreCallers();
        const base = await spec!.base(caller);
        const form = formOf(base, generated);
        signIn(caller);
        const before = await snapshot();
        effects.revalidated.length = 0;
        effects.cookies.length = 0;
        const outcome = await call(spec!, fn, form);
        const context = `${key} as ${caller}: ${summary(form)}`;
        if (outcome.kind === "threw") {
          expect.fail(`threw ${describeError(outcome.error)}\n${context}`);
        }
        expect(outcome.kind === "redirect" && outcome.url === "/login", context).toBe(false);
        const after = await snapshot();
        const ok = accepted(outcome);
        spec!.after?.(form, ok, caller);
        if (!ok) {
          refusals++;
          expect(after, `a refusal wrote\n${context}`).toEqual(before);
          return;
        }
        acceptances++;
        const changed = changedTables(before, after);
        // a write is never half done: what changed came with its audit entry (import batches
        // are the upload's unaudited staging rows: confirming or discarding one alone is not)
        if (changed.some((table) => table !== "public.audit_log" && !STAGING.has(table))) {
          expect(changed, `a write without its audit entry\n${context}`).toContain(
            "public.audit_log",
          );
        }
        // free text is data: stored exactly as sent (trimmed at most), never cut
        const written = new Set<string>();
        for (const table of changed.filter((name) => name !== "public.audit_log")) {
          for (const text of await textsOf(table)) written.add(text);
        }
        for (const field of spec!.text ?? []) {
          const sent = form.get(field);
          if (typeof sent !== "string" || sent.trim() === "") continue;
          if (!changed.some((name) => name !== "public.audit_log")) continue;
          expect(
            written.has(sent) || written.has(sent.trim()),
            `${field} not stored as sent\n${context}`,
          ).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    if (process.env.HOSTILE_STATS) {
      console.log(`${key} as ${caller}: ${acceptances} accepted, ${refusals} refused`);
    }
    // hostile input is mostly refused: none at all would mean the forms never reach validation
    expect(refusals, `${key}: no refusal in ${RUNS} hostile runs`).toBeGreaterThan(0);
  });
});

describe("bugs this file found, pinned", () => {
  const fn = (key: string) => {
    const [file, name] = key.split("#") as [string, string];
    return modules.get(file)![name] as (...args: unknown[]) => Promise<unknown>;
  };

  it.each(["changeRoleAction", "setActiveAction", "resetPasswordAction"])(
    "%s refuses a user id past PostgreSQL's integer (it threw: out of range for type integer)",
    async (name) => {
      await restoreCallers();
      signIn("admin");
      const before = await snapshot();
      const form = new FormData();
      form.set("user_id", "2147483648");
      form.set("role", "staff");
      form.set("active", "false");
      const outcome = await call(
        SPECS[`app/(app)/admin/users/actions.ts#${name}`]!,
        fn(`app/(app)/admin/users/actions.ts#${name}`),
        form,
      );
      expect(outcome).toEqual({ kind: "answer", value: { status: "error", error: "invalid" } });
      expect(await snapshot()).toEqual(before);
    },
  );

  it("keeps Arabic digits in a session's free text (they were turned into 0-9)", async () => {
    await restoreCallers();
    signIn("admin");
    const id = randomUUID();
    const form = formOf(
      { id, ...sessionFields(assignedCoop), notes: "زيارة ٣ مارس", next_steps: "٢٠ كلغ" },
      { fields: {}, extra: {}, dropBase: false },
    );
    const outcome = await call(
      SPECS["app/(app)/sessions/actions.ts#createSessionAction"]!,
      fn("app/(app)/sessions/actions.ts#createSessionAction"),
      form,
    );
    expect(outcome.kind).toBe("redirect");
    const [row] = await t.db
      .select({ notes: mentoringSessions.notes, nextSteps: mentoringSessions.nextSteps })
      .from(mentoringSessions)
      .where(eq(mentoringSessions.id, id));
    expect(row).toEqual({ notes: "زيارة ٣ مارس", nextSteps: "٢٠ كلغ" });
  });

  it("keeps Arabic digits in a jobs snapshot's source and notes, reads them in counts", async () => {
    await restoreCallers();
    signIn("admin");
    const key = "app/(app)/cooperatives/jobs-actions.ts#submitJobsSnapshot";
    const base = await SPECS[key]!.base("admin");
    const form = formOf(
      { ...base, jobs_total: "٦", source: "سجل ٢٠٢٥", notes: "٣ نساء" },
      { fields: {}, extra: {}, dropBase: false },
    );
    const outcome = await call(SPECS[key]!, fn(key), form);
    expect(outcome).toMatchObject({ kind: "answer", value: { status: "saved" } });
    const savedId = (outcome as { value: { savedId: number } }).value.savedId;
    const [row] = await t.db
      .select({
        total: jobsSnapshots.jobsTotal,
        source: jobsSnapshots.source,
        notes: jobsSnapshots.notes,
      })
      .from(jobsSnapshots)
      .where(eq(jobsSnapshots.id, savedId));
    expect(row).toEqual({ total: 6, source: "سجل ٢٠٢٥", notes: "٣ نساء" });
  });
});
