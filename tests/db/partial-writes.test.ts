import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { rowsOf, useConnection } from "@/db";
import { createAward, recordDisbursement } from "@/db/queries/funding";
import { addParticipation } from "@/db/queries/fair-participations";
import { saveBatch } from "@/db/queries/imports";
import { changeStage, createCooperative } from "@/db/queries/cooperative-record";
import { createSession } from "@/db/queries/sessions";
import { addSessionAttachment } from "@/db/queries/session-attachments";
import { seedDemo } from "@/db/seed/demo";
import { seedReference } from "@/db/seed/reference";
import { cohorts, cooperatives, events, importBatches, users } from "@/db/schema";
import { cooperativeSchema, toColumns } from "@/lib/validation/cooperative";
import { sessionSchema } from "@/lib/validation/session";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/*
 * "Nothing is lost, nothing half-written": each multi-row write of the app is run with a failure
 * injected inside the database in the middle of its transaction (a trigger that raises on the
 * Nth row written to a table). The write must fail with that error, and every table of the
 * database must be exactly as before (row count and a hash of every row). The trigger also
 * reports what the transaction had already written when it fired, so a fault that fired before
 * anything was written (a test that proves nothing) fails too. Once the fault is removed, the
 * same write must go through.
 */

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));

vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const { confirmImport } = await import("@/app/(app)/cooperatives/import/actions");
const { changeStageAction, saveCooperative } = await import("@/app/(app)/cooperatives/actions");

const TODAY = "2026-11-29";
const FAULT = "hadina injected fault";
const IDLE = { status: "idle" } as const;
const everything = sql`true`;

let t: TestDatabase;
const userId: Record<string, number> = {};
let cohortId = 0;
let serial = 0;

type Counts = Record<string, number>;
type Snapshot = Record<string, { rows: number; hash: string }>;

async function tables(): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await t.db.execute(sql`select format('%I.%I', table_schema, table_name) as name
      from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      order by 1`),
  );
  return rows.map((row) => row.name);
}

/** Every table of the database: its row count and an md5 of all its rows. */
async function snapshot(): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const name of await tables()) {
    const [row] = rowsOf<{ rows: number; hash: string }>(
      await t.db.execute(
        sql.raw(`select count(*)::int as rows,
          coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as hash from ${name} t`),
      ),
    );
    out[name] = row!;
  }
  return out;
}

const countsOf = (snap: Snapshot): Counts =>
  Object.fromEntries(
    Object.entries(snap).map(([name, v]) => [name.replace(/^public\./, ""), v.rows]),
  );

/**
 * A trigger that raises on the nth row written (`op`) to `table`, with the row counts of every
 * public table as the transaction sees them at that moment.
 */
async function injectFault(table: string, op: "insert" | "update", nth: number) {
  await t.db.execute(sql.raw(`create sequence hadina_fault_seq`));
  await t.db.execute(
    sql.raw(`create function hadina_fault() returns trigger language plpgsql as $fault$
      declare r record; n bigint; counts jsonb := '{}';
      begin
        if nextval('hadina_fault_seq') < tg_argv[0]::int then return new; end if;
        for r in select table_name from information_schema.tables
                 where table_schema = 'public' and table_type = 'BASE TABLE' loop
          execute format('select count(*) from public.%I', r.table_name) into n;
          counts := counts || jsonb_build_object(r.table_name, n);
        end loop;
        raise exception '${FAULT} %', counts::text;
      end $fault$`),
  );
  await t.db.execute(
    sql.raw(`create trigger hadina_fault before ${op} on ${table}
      for each row execute function hadina_fault('${nth}')`),
  );
  return async () => {
    await t.db.execute(sql.raw(`drop trigger hadina_fault on ${table}`));
    await t.db.execute(sql.raw(`drop function hadina_fault()`));
    await t.db.execute(sql.raw(`drop sequence hadina_fault_seq`));
  };
}

function messages(error: unknown): string {
  const out: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) out.push(e.message);
  return out.join(" <- ");
}

/**
 * Runs `write` with the fault injected and checks that it failed with the fault, that the
 * transaction had written `partial` (table: at least that many rows more) before the fault, and
 * that nothing of it is left. Returns the state before, to compare with the write done again.
 */
async function failsAtomically(
  fault: { table: string; op?: "insert" | "update"; nth: number },
  write: () => Promise<unknown>,
  partial: Counts,
): Promise<Snapshot> {
  const before = await snapshot();
  const clear = await injectFault(fault.table, fault.op ?? "insert", fault.nth);
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    outcome = await write().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  } finally {
    await clear();
  }
  expect(outcome.ok, `the write did not fail: ${JSON.stringify(outcome)}`).toBe(false);
  const text = messages((outcome as { error: unknown }).error);
  expect(text).toContain(FAULT);
  const seen = JSON.parse(/hadina injected fault (\{[^}]*\})/.exec(text)![1]!) as Counts;
  const start = countsOf(before);
  for (const [table, rows] of Object.entries(partial)) {
    expect(
      seen[table]! - start[table]!,
      `${table} written before the fault`,
    ).toBeGreaterThanOrEqual(rows);
  }
  expect(await snapshot()).toEqual(before);
  return before;
}

/**
 * What changed between two snapshots: tables whose rows differ, with the change in count (tests
 * compare with toMatchObject, so that a table kept by triggers, such as cooperative_figures, may
 * change too).
 */
function changed(before: Snapshot, after: Snapshot): Counts {
  const out: Counts = {};
  for (const [name, value] of Object.entries(after)) {
    if (before[name]?.hash !== value.hash) {
      out[name.replace(/^public\./, "")] = value.rows - (before[name]?.rows ?? 0);
    }
  }
  return out;
}

function signInAs(role: string) {
  session.current = { user: { id: userId[role], sv: 1, role, name: role } };
}

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

/** A committed cooperative of the demo cohort, in `stage`. */
async function newCooperative(stage?: "incubation"): Promise<number> {
  serial += 1;
  const input = cooperativeSchema.parse({
    name: `تعاونية الاختبار ${serial}`,
    legal_form: "cooperative",
    sector: "food_products",
    province: "sefrou",
    area: "rural",
    women_coop: "on",
    members_total: "12",
    members_women: "9",
    registration_number: `FAULT-${serial}`,
    cohort_id: String(cohortId),
  });
  const id = await createCooperative(t.db, userId.staff!, toColumns(input), TODAY);
  if (stage) {
    await changeStage(t.db, userId.staff!, {
      id,
      access: everything,
      to: stage,
      reason: "fixture",
      today: TODAY,
    });
  }
  return id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  await seedDemo(t.db, { today: TODAY });
  for (const row of await t.db.select({ id: users.id, role: users.role }).from(users)) {
    userId[row.role] ??= row.id;
  }
  const [cohort] = await t.db.select({ id: cohorts.id }).from(cohorts).limit(1);
  cohortId = cohort!.id;
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  session.current = null;
});

describe("a failure in the middle of a multi-row write leaves nothing behind", () => {
  describe("the import confirmation: 600 creations, 3 updates, their stages and audit", () => {
    let batchId = 0;
    const CREATED = 600;
    const UPDATED = 3;
    const confirm = async () => {
      signInAs("staff");
      const state = await confirmImport(IDLE, form({ batch: batchId })).catch(
        (error: Error) => error,
      );
      if (state instanceof Error && state.message.startsWith("REDIRECT ")) return state.message;
      if (state instanceof Error) throw state;
      throw new Error(`no redirect: ${JSON.stringify(state)}`);
    };

    beforeAll(async () => {
      const existing = await t.db
        .select({
          reg: cooperatives.registrationNumber,
          name: cooperatives.name,
          province: cooperatives.province,
          members: cooperatives.membersTotal,
        })
        .from(cooperatives)
        .where(
          sql`${cooperatives.registrationNumber} is not null and ${cooperatives.archivedAt} is null`,
        )
        .orderBy(cooperatives.id)
        .limit(UPDATED);
      expect(existing).toHaveLength(UPDATED);
      const header = [
        "name",
        "legal_form",
        "sector",
        "province",
        "area",
        "registration_number",
        "members_total",
      ];
      const rows = [
        ...Array.from({ length: CREATED }, (_, i) => [
          `تعاونية الاستيراد ${i + 1}`,
          "cooperative",
          "handicraft",
          "ifrane",
          "rural",
          `IMP-FAULT-${i + 1}`,
          String(5 + (i % 20)),
        ]),
        ...existing.map((c) => [
          c.name,
          "cooperative",
          "handicraft",
          c.province,
          "urban",
          c.reg!,
          String((c.members ?? 5) + 7),
        ]),
      ];
      batchId = await saveBatch(t.db, {
        actorId: userId.staff!,
        filename: "faults.csv",
        header,
        rows,
      });
    });

    it("fails in the second chunk of creations", async () => {
      await failsAtomically({ table: "cooperatives", nth: 550 }, confirm, { cooperatives: 549 });
    });

    it("fails in the stage history, after every creation", async () => {
      await failsAtomically({ table: "stage_changes", nth: 300 }, confirm, {
        cooperatives: CREATED,
        stage_changes: 299,
      });
    });

    it("fails on the last audit entry, after the creations and updates", async () => {
      await failsAtomically({ table: "audit_log", nth: CREATED + UPDATED + 1 }, confirm, {
        cooperatives: CREATED,
        stage_changes: CREATED,
        audit_log: CREATED + UPDATED,
      });
    });

    it("fails when the batch is marked imported, its last write", async () => {
      const before = await failsAtomically(
        { table: "import_batches", op: "update", nth: 1 },
        confirm,
        { cooperatives: CREATED, stage_changes: CREATED, audit_log: CREATED + UPDATED + 1 },
      );
      expect(await confirm()).toBe(`REDIRECT /cooperatives/import?batch=${batchId}&done=1`);
      expect(changed(before, await snapshot())).toMatchObject({
        cooperatives: CREATED,
        stage_changes: CREATED,
        audit_log: CREATED + UPDATED + 1,
        import_batches: 0,
      });
      const [batch] = await t.db.select().from(importBatches).where(eq(importBatches.id, batchId));
      expect(batch).toMatchObject({
        status: "imported",
        report: { created: CREATED, updated: UPDATED },
      });
    });
  });

  describe("a stage change that creates the stage's milestones", () => {
    it("fails on the fourth milestone and on the audit entry, then goes through", async () => {
      const id = await newCooperative();
      const change = async () => {
        signInAs("staff");
        return changeStageAction(
          { status: "idle" },
          form({ id, to: "incubation", reason: "Ready for incubation" }),
        );
      };
      await failsAtomically({ table: "milestones", nth: 4 }, change, {
        stage_changes: 1,
        milestones: 3,
      });
      const before = await failsAtomically({ table: "audit_log", nth: 1 }, change, {
        stage_changes: 1,
        milestones: 7,
      });
      expect(await change()).toEqual({ status: "done" });
      const diff = changed(before, await snapshot());
      expect(diff).toMatchObject({ cooperatives: 0, stage_changes: 1, audit_log: 1 });
      expect(diff.milestones).toBeGreaterThanOrEqual(7);
    });
  });

  describe("a cooperative created with its stage history and audit", () => {
    it("fails on the audit entry, then goes through", async () => {
      serial += 1;
      const create = async () => {
        signInAs("staff");
        const outcome = await saveCooperative(
          IDLE,
          form({
            name: `تعاونية النموذج ${serial}`,
            legal_form: "cooperative",
            sector: "handicraft",
            province: "fes",
            area: "urban",
            members_total: "7",
            registration_number: `FORM-FAULT-${serial}`,
            cohort_id: String(cohortId),
          }),
        ).catch((error: Error) => error);
        if (outcome instanceof Error && outcome.message.startsWith("REDIRECT ")) return outcome;
        throw outcome;
      };
      const before = await failsAtomically({ table: "audit_log", nth: 1 }, create, {
        cooperatives: 1,
        stage_changes: 1,
      });
      await create();
      expect(changed(before, await snapshot())).toMatchObject({
        cooperatives: 1,
        stage_changes: 1,
        audit_log: 1,
      });
    });
  });

  describe("a fair participation that completes the exhibition milestone", () => {
    it("fails on the milestone and on its audit entry, then goes through", async () => {
      const coop = await newCooperative("incubation");
      const [event] = await t.db.select({ id: events.id }).from(events).limit(1);
      const add = () =>
        addParticipation(t.db, userId.staff!, {
          scope: everything,
          eventId: event!.id,
          cooperativeId: coop,
          salesMad: "1250.00",
          notes: "stand partagé",
          today: TODAY,
        });
      await failsAtomically({ table: "milestones", op: "update", nth: 1 }, add, {
        event_participations: 1,
        audit_log: 1,
      });
      const before = await failsAtomically({ table: "audit_log", nth: 2 }, add, {
        event_participations: 1,
        audit_log: 1,
      });
      expect(await add()).toMatchObject({ ok: true, milestoneId: expect.any(Number) });
      expect(changed(before, await snapshot())).toMatchObject({
        event_participations: 1,
        audit_log: 2,
        milestones: 0,
      });
    });
  });

  describe("a tranche paid that completes its award", () => {
    it("fails on the award's status and on the last audit entry, then goes through", async () => {
      const coop = await newCooperative();
      const award = await createAward(t.db, userId.staff!, {
        access: everything,
        columns: {
          cooperativeId: coop,
          program: null,
          source: "region_council",
          kind: "grant",
          amountMad: "40000.00",
          coFinancingMad: "0.00",
          awardedOn: "2026-10-01",
          status: "approved",
          notes: null,
        },
      });
      if (!award.ok) throw new Error(award.reason);
      const pay = () =>
        recordDisbursement(t.db, userId.staff!, {
          access: everything,
          awardId: award.id,
          status: "disbursed",
          disbursedOn: "2026-11-02",
          amountMad: "40000.00",
          reference: "VIR-0001",
          releaseMilestoneId: null,
        });
      await failsAtomically({ table: "funding_awards", op: "update", nth: 1 }, pay, {
        disbursements: 1,
      });
      const before = await failsAtomically({ table: "audit_log", nth: 2 }, pay, {
        disbursements: 1,
        audit_log: 1,
      });
      expect(await pay()).toMatchObject({ ok: true, awardStatus: "completed" });
      expect(changed(before, await snapshot())).toMatchObject({
        disbursements: 1,
        funding_awards: 0,
        audit_log: 2,
      });
    });
  });

  describe("a session with its topics, and its attachment", () => {
    it("fails on the audit entries, then goes through", async () => {
      const coop = await newCooperative("incubation");
      const id = randomUUID();
      const input = sessionSchema.parse({
        cooperative_id: String(coop),
        held_on: "2026-11-20",
        duration_minutes: "90",
        mode: "field_visit",
        topics: ["governance", "marketing"],
        attendees: "4",
        notes: "Visite de l'atelier",
      });
      const log = () => createSession(t.db, userId.mentor!, { access: everything, id, input });
      let before = await failsAtomically({ table: "audit_log", nth: 1 }, log, {
        mentoring_sessions: 1,
      });
      expect(await log()).toMatchObject({ ok: true, created: true });
      expect(changed(before, await snapshot())).toMatchObject({
        mentoring_sessions: 1,
        audit_log: 1,
      });

      const attach = () =>
        addSessionAttachment(t.db, userId.mentor!, {
          access: everything,
          editable: everything,
          sessionId: id,
          filename: "compte-rendu.pdf",
          bytes: new TextEncoder().encode("%PDF-1.4\n% faults\n"),
        });
      before = await failsAtomically({ table: "audit_log", nth: 1 }, attach, { attachments: 1 });
      expect(await attach()).toMatchObject({ ok: true });
      expect(changed(before, await snapshot())).toMatchObject({ attachments: 1, audit_log: 1 });
    });
  });
});
