import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { rowsOf, useConnection } from "@/db";
import { addMilestoneAttachment } from "@/db/queries/attachments";
import { changeStage, createCooperative } from "@/db/queries/cooperative-record";
import { updateMilestone } from "@/db/queries/milestone-updates";
import { seedReference } from "@/db/seed/reference";
import {
  attachments,
  auditLog,
  cohorts,
  cooperatives,
  disbursements,
  fundingAwards,
  mentorAssignments,
  milestoneTemplates,
  milestones,
  programs,
  users,
} from "@/db/schema";
import { MAX_ATTACHMENT_BYTES, checkAttachment, sniffAttachmentType } from "@/lib/attachments";
import { cooperativeAccess, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { parseCsv } from "@/lib/tabular";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-pathname": "/" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
}));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));
// The translator answers the key path, so labels are predictable.
vi.mock("next-intl/server", () => ({
  getTranslations: async (namespace: string) => (key: string) => `${namespace}.${key}`,
  getLocale: async () => "ar",
}));

const actions = await import("@/app/(app)/cooperatives/milestones-actions");
const exportRoute = await import("@/app/api/export/milestones/route");
const uploadRoute = await import("@/app/api/milestones/[id]/attachments/route");
const downloadRoute = await import("@/app/api/attachments/[id]/route");

const TODAY = "2026-11-29";
const BASE_URL = "http://localhost";
const NAMES = ["admin", "staff", "mentor", "mentor2", "official"] as const;
type Name = (typeof NAMES)[number];
const HEADER = [
  "id",
  "cooperative_id",
  "cooperative",
  "template",
  "title",
  "stage",
  "status",
  "due_on",
  "completed_on",
  "reported_by",
  "verified_at",
];
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const IDLE = { status: "idle" } as const;

let t: TestDatabase;
const id: Record<string, number> = {};

const roleOf = (name: Name) => (name === "mentor2" ? "mentor" : name);
const viewer = (name: Name): Viewer => ({
  id: id[name]!,
  role: roleOf(name),
  name,
  email: `${name}@x.test`,
  locale: null,
  mustChangePassword: false,
});
const actor = (name: Name) => ({ id: id[name]!, role: roleOf(name) });

function signInAs(name: Name | null) {
  session.current = name
    ? { user: { id: id[name], sv: 1, role: roleOf(name), name, email: `${name}@x.test` } }
    : null;
}

function form(values: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, String(value));
  return data;
}

/** The milestone of a cooperative made from a template (by key), or a custom one (by title). */
async function ms(coop: string, key: string) {
  const [row] = await t.db
    .select({ m: milestones })
    .from(milestones)
    .leftJoin(milestoneTemplates, eq(milestoneTemplates.id, milestones.templateId))
    .where(
      and(
        eq(milestones.cooperativeId, id[coop]!),
        sql`coalesce(${milestoneTemplates.key}, ${milestones.title}) = ${key}`,
      ),
    );
  return row!.m;
}

async function counts() {
  const [row] = rowsOf<{ audit: number; milestones: number; attachments: number; v: number }>(
    await t.db.execute(sql`select
      (select count(*)::int from audit_log) as audit,
      (select count(*)::int from milestones) as milestones,
      (select count(*)::int from attachments) as attachments,
      (select coalesce(sum(version), 0)::int from milestones) as v`),
  );
  return row!;
}

async function lastAudit() {
  const [row] = await t.db
    .select({
      action: auditLog.action,
      entity: auditLog.entity,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .orderBy(sql`${auditLog.id} desc`)
    .limit(1);
  return row!;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const made = await t.db
    .insert(users)
    .values(
      NAMES.map((name) => ({
        email: `${name}@x.test`,
        name,
        role: roleOf(name),
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
  for (const key of ["moazara", "indh_p3"]) {
    const [row] = await t.db.select().from(programs).where(eq(programs.key, key));
    id[key] = row!.id;
  }
  const [cohort] = await t.db
    .insert(cohorts)
    .values({
      name: "Moazara 2026",
      programId: id.moazara!,
      startOn: "2026-01-01",
      endOn: "2027-06-30",
      capacity: 30,
      status: "active",
    })
    .returning({ id: cohorts.id });
  id.cohort = cohort!.id;
  const label = (key: string) => ({
    labelAr: `${key} ar`,
    labelFr: `${key} fr`,
    labelEn: `${key} en`,
  });
  await t.db.insert(milestoneTemplates).values([
    {
      key: "moazara_convention",
      stage: "selected",
      programId: id.moazara,
      sortOrder: 50,
      dueOffsetDays: 10,
      ...label("moazara_convention"),
    },
    {
      key: "indh_only",
      stage: "selected",
      programId: id.indh_p3,
      sortOrder: 51,
      dueOffsetDays: 10,
      ...label("indh_only"),
    },
    {
      key: "old_selected",
      stage: "selected",
      sortOrder: 52,
      dueOffsetDays: 5,
      active: false,
      ...label("old_selected"),
    },
  ]);
  const base = {
    legalForm: "cooperative" as const,
    sector: "argan" as const,
    province: "fes",
    area: "rural" as const,
  };
  const rows = await t.db
    .insert(cooperatives)
    .values([
      { ...base, name: "تعاونية أ", cohortId: id.cohort },
      { ...base, name: "تعاونية ب" },
      { ...base, name: "Fatima Person", legalForm: "auto_entrepreneur", cohortId: id.cohort },
      { ...base, name: "مكررة", archivedAt: new Date("2026-10-01T10:00:00Z") },
    ])
    .returning({ id: cooperatives.id });
  rows.forEach((row, index) => (id[["A", "B", "E", "Z"][index]!] = row.id));
  await t.db.insert(mentorAssignments).values([
    { mentorId: id.mentor!, cooperativeId: id.A!, startOn: "2025-01-01" },
    { mentorId: id.mentor2!, cooperativeId: id.B!, startOn: "2025-01-01" },
  ]);
  await t.db.insert(milestones).values([
    { cooperativeId: id.E!, title: "Carte d'artisan", stage: "incubation", dueOn: "2026-05-01" },
    { cooperativeId: id.Z!, title: "Doublon", stage: "incubation", dueOn: "2026-05-01" },
  ]);
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  signInAs("staff");
});

describe("entering a stage", () => {
  it("creates the stage's active templates, generic and of the cohort's programme, due from the cohort's start", async () => {
    const before = await counts();
    const result = await changeStage(t.db, id.staff!, {
      id: id.A!,
      access: sql`true`,
      to: "selected",
      reason: "Comité de sélection",
      today: TODAY,
    });
    expect(result).toBe("ok");
    const rows = await t.db
      .select({
        key: milestoneTemplates.key,
        dueOn: milestones.dueOn,
        stage: milestones.stage,
        status: milestones.status,
      })
      .from(milestones)
      .innerJoin(milestoneTemplates, eq(milestoneTemplates.id, milestones.templateId))
      .where(eq(milestones.cooperativeId, id.A!))
      .orderBy(asc(milestoneTemplates.sortOrder));
    const expected = [
      ["name_certificate", "2026-01-31"],
      ["statutes_signed", "2026-02-15"],
      ["capital_deposited", "2026-03-02"],
      ["registered_local_register", "2026-04-01"],
      ["bank_account_opened", "2026-04-01"],
      ["moazara_convention", "2026-01-11"],
    ] as const;
    expect(rows).toEqual(
      expected.map(([key, dueOn]) => ({ key, dueOn, stage: "selected", status: "todo" })),
    );
    const after = await counts();
    expect([after.audit, after.milestones]).toEqual([before.audit + 1, before.milestones + 6]);
    expect(await lastAudit()).toEqual({
      action: "change_stage",
      entity: "cooperative",
      before: { stage: "applicant" },
      after: {
        stage: "selected",
        reason: "Comité de sélection",
        milestones_created: expected.map(([template, due_on]) => ({ template, due_on })),
      },
    });
  });

  it("never creates a milestone twice when a cooperative comes back to a stage", async () => {
    const move = (to: "pre_incubation" | "selected") =>
      changeStage(t.db, id.staff!, {
        id: id.A!,
        access: sql`true`,
        to,
        reason: "Décision",
        today: TODAY,
      });
    expect(await move("pre_incubation")).toBe("ok");
    expect((await ms("A", "diagnostic_done")).dueOn).toBe("2026-03-02");
    expect((await ms("A", "business_plan_done")).dueOn).toBe("2026-05-01");
    expect((await ms("A", "group_training_done")).dueOn).toBe("2026-05-31");
    const before = await counts();
    expect(await move("selected")).toBe("ok");
    expect((await counts()).milestones).toBe(before.milestones);
    expect((await lastAudit()).after).toEqual({ stage: "selected", reason: "Décision" });
  });

  it("gives no due date to a cooperative without a cohort, nor a programme's templates", async () => {
    await changeStage(t.db, id.staff!, {
      id: id.B!,
      access: sql`true`,
      to: "selected",
      reason: "Comité",
      today: TODAY,
    });
    const rows = await t.db
      .select({ key: milestoneTemplates.key, dueOn: milestones.dueOn })
      .from(milestones)
      .innerJoin(milestoneTemplates, eq(milestoneTemplates.id, milestones.templateId))
      .where(eq(milestones.cooperativeId, id.B!))
      .orderBy(asc(milestoneTemplates.sortOrder));
    expect(rows).toEqual(
      [
        "name_certificate",
        "statutes_signed",
        "capital_deposited",
        "registered_local_register",
        "bank_account_opened",
      ].map((key) => ({ key, dueOn: null })),
    );
  });

  it("creates the applicant stage's milestones with a new cooperative", async () => {
    await t.db.insert(milestoneTemplates).values({
      key: "application_file",
      stage: "applicant",
      sortOrder: 0,
      dueOffsetDays: 15,
      labelAr: "ملف الترشيح",
      labelFr: "Dossier de candidature",
      labelEn: "Application file",
    });
    const coopId = await createCooperative(
      t.db,
      id.staff!,
      {
        legalForm: "cooperative",
        sector: "argan",
        province: "fes",
        area: "urban",
        name: "جديدة",
        cohortId: id.cohort,
      },
      TODAY,
    );
    const rows = await t.db.select().from(milestones).where(eq(milestones.cooperativeId, coopId));
    expect(rows.map((r) => [r.stage, r.dueOn, r.status])).toEqual([
      ["applicant", "2026-01-16", "todo"],
    ]);
    expect((await lastAudit()).after).toMatchObject({
      stage: "applicant",
      milestones_created: [{ template: "application_file", due_on: "2026-01-16" }],
    });
    await t.db
      .update(milestoneTemplates)
      .set({ active: false })
      .where(eq(milestoneTemplates.key, "application_file"));
  });
});

describe("who may change a milestone", () => {
  it("lets the assigned mentor set progress and evidence, and report only with evidence", async () => {
    const m = await ms("A", "name_certificate");
    const update = (version: number, patch: Parameters<typeof updateMilestone>[2]["patch"]) =>
      updateMilestone(t.db, actor("mentor"), {
        access: cooperativeAccess(viewer("mentor")),
        id: m.id,
        version,
        patch,
        today: TODAY,
      });
    expect(await update(1, { status: "in_progress" })).toEqual({
      ok: true,
      cooperativeId: id.A,
      version: 2,
    });
    const before = await counts();
    expect(await update(2, { status: "reported" })).toEqual({
      ok: false,
      reason: "evidence_required",
    });
    expect(await counts()).toEqual(before);
    expect(
      await update(2, { status: "reported", evidenceText: "Certificat négatif n° 2026/118" }),
    ).toEqual({
      ok: true,
      cooperativeId: id.A,
      version: 3,
    });
    const row = await ms("A", "name_certificate");
    expect(row).toMatchObject({
      status: "reported",
      reportedBy: id.mentor,
      evidenceText: "Certificat négatif n° 2026/118",
    });
    expect(row.reportedAt).toBeInstanceOf(Date);
    expect(await lastAudit()).toEqual({
      action: "report",
      entity: "milestone",
      before: { status: "in_progress", evidence_text: null, reported_by: null },
      after: {
        cooperative_id: id.A,
        status: "reported",
        evidence_text: "Certificat négatif n° 2026/118",
        reported_by: id.mentor,
      },
    });
  });

  it("never lets a mentor set done or waived, nor staff's fields, and writes nothing", async () => {
    const m = await ms("A", "name_certificate");
    const before = await counts();
    signInAs("mentor");
    for (const status of ["done", "waived"]) {
      expect(
        await actions.updateMilestoneAction(IDLE, form({ id: m.id, version: 3, status })),
      ).toEqual({
        status: "invalid",
        errors: { status: "statusNotAllowed" },
        values: { status },
      });
    }
    expect(
      await actions.updateMilestoneAction(
        IDLE,
        form({ id: m.id, version: 3, status: "in_progress", comment: "ok" }),
      ),
    ).toEqual({ status: "forbidden" });
    expect(await actions.verifyMilestoneAction(IDLE, form({ id: m.id, version: 3 }))).toEqual({
      status: "forbidden",
    });
    expect(await actions.deleteMilestoneAction(IDLE, form({ id: m.id }))).toEqual({
      status: "forbidden",
    });
    expect(await counts()).toEqual(before);
  });

  it("answers not found to a mentor of another cooperative, and refuses officials everything", async () => {
    const m = await ms("A", "statutes_signed");
    const before = await counts();
    signInAs("mentor2");
    expect(
      await actions.updateMilestoneAction(
        IDLE,
        form({ id: m.id, version: 1, status: "in_progress" }),
      ),
    ).toEqual({
      status: "not_found",
    });
    signInAs("official");
    const data = form({
      id: m.id,
      version: 1,
      status: "in_progress",
      comment: "Vu",
      cooperative_id: id.A!,
      title: "x",
      stage: "selected",
      due_on: "2026-12-01",
    });
    for (const action of [
      actions.updateMilestoneAction,
      actions.verifyMilestoneAction,
      actions.sendBackMilestoneAction,
      actions.addMilestoneAction,
      actions.deleteMilestoneAction,
    ]) {
      expect(await action(IDLE, data)).toEqual({ status: "forbidden" });
    }
    expect(
      await updateMilestone(t.db, actor("official"), {
        access: sql`true`,
        id: m.id,
        version: 1,
        patch: { status: "in_progress" },
        today: TODAY,
      }),
    ).toEqual({ ok: false, reason: "forbidden" });
    expect(await counts()).toEqual(before);
  });

  it("refuses a change made on a stale version, without writing", async () => {
    const m = await ms("A", "name_certificate");
    const before = await counts();
    expect(
      await updateMilestone(t.db, actor("staff"), {
        access: sql`true`,
        id: m.id,
        version: 2,
        patch: { status: "blocked" },
        today: TODAY,
      }),
    ).toEqual({ ok: false, reason: "conflict", version: 3 });
    expect(
      await actions.updateMilestoneAction(IDLE, form({ id: m.id, version: 1, status: "blocked" })),
    ).toEqual({
      status: "conflict",
      values: { status: "blocked" },
    });
    expect(await counts()).toEqual(before);
  });
});

describe("verification", () => {
  it("sends a report back to in progress, with the comment it requires", async () => {
    const m = await ms("A", "name_certificate");
    const before = await counts();
    expect(
      await actions.sendBackMilestoneAction(IDLE, form({ id: m.id, version: 3, comment: " " })),
    ).toEqual({
      status: "invalid",
      errors: { comment: "commentRequired" },
      values: { comment: " " },
    });
    expect(await counts()).toEqual(before);
    expect(
      await actions.sendBackMilestoneAction(
        IDLE,
        form({ id: m.id, version: 3, comment: "Le certificat est illisible" }),
      ),
    ).toEqual({ status: "done", savedId: m.id });
    expect(await ms("A", "name_certificate")).toMatchObject({
      status: "in_progress",
      comment: "Le certificat est illisible",
      version: 4,
    });
    expect((await lastAudit()).action).toBe("send_back");
    expect(await actions.verifyMilestoneAction(IDLE, form({ id: m.id, version: 4 }))).toEqual({
      status: "invalid",
      errors: { form: "notReported" },
      values: {},
    });
  });

  it("verifies a report: done, who verified and when, completed today by default", async () => {
    const m = await ms("A", "name_certificate");
    signInAs("mentor");
    expect(
      await actions.updateMilestoneAction(IDLE, form({ id: m.id, version: 4, status: "reported" })),
    ).toEqual({
      status: "done",
      savedId: m.id,
    });
    signInAs("staff");
    expect(
      await actions.verifyMilestoneAction(
        IDLE,
        form({ id: m.id, version: 5, completed_on: "2099-01-01" }),
      ),
    ).toEqual({
      status: "invalid",
      errors: { completed_on: "dateInFuture" },
      values: { completed_on: "2099-01-01" },
    });
    expect(await actions.verifyMilestoneAction(IDLE, form({ id: m.id, version: 5 }))).toEqual({
      status: "done",
      savedId: m.id,
    });
    const row = await ms("A", "name_certificate");
    expect(row).toMatchObject({
      status: "done",
      completedOn: todayIso(),
      verifiedBy: id.staff,
      version: 6,
    });
    expect(row.verifiedAt).toBeInstanceOf(Date);
    expect(await lastAudit()).toMatchObject({
      action: "verify",
      before: { status: "reported", completed_on: null, verified_by: null },
      after: { status: "done", completed_on: todayIso(), verified_by: id.staff },
    });
    signInAs("mentor");
    expect(
      await actions.updateMilestoneAction(
        IDLE,
        form({ id: m.id, version: 6, status: "in_progress" }),
      ),
    ).toEqual({
      status: "invalid",
      errors: { form: "locked" },
      values: { status: "in_progress" },
    });
  });

  it("lets staff set any status: waive, done on a given date, reopen", async () => {
    const m = await ms("A", "statutes_signed");
    const save = (version: number, values: Record<string, string>) =>
      actions.updateMilestoneAction(IDLE, form({ id: m.id, version, ...values }));
    expect(
      await save(1, { status: "waived", comment: "Statuts signés avant l'incubation" }),
    ).toEqual({
      status: "done",
      savedId: m.id,
    });
    expect(await ms("A", "statutes_signed")).toMatchObject({
      status: "waived",
      comment: "Statuts signés avant l'incubation",
    });
    expect(await save(2, { status: "done", completed_on: "2026-02-10" })).toEqual({
      status: "done",
      savedId: m.id,
    });
    expect(await ms("A", "statutes_signed")).toMatchObject({
      status: "done",
      completedOn: "2026-02-10",
      verifiedBy: id.staff,
    });
    expect(
      await save(3, { status: "todo", due_on: "2026-12-15", evidence_url: "javascript:alert(1)" }),
    ).toEqual({
      status: "invalid",
      errors: { evidence_url: "invalidUrl" },
      values: { status: "todo", due_on: "2026-12-15", evidence_url: "javascript:alert(1)" },
    });
    expect(await save(3, { status: "todo", due_on: "2026-12-15" })).toEqual({
      status: "done",
      savedId: m.id,
    });
    expect(await ms("A", "statutes_signed")).toMatchObject({
      status: "todo",
      dueOn: "2026-12-15",
      completedOn: null,
      verifiedBy: null,
      verifiedAt: null,
    });
  });
});

describe("custom milestones", () => {
  it("lets staff add one with a title, a stage and a due date", async () => {
    const before = await counts();
    expect(
      await actions.addMilestoneAction(
        IDLE,
        form({ cooperative_id: id.A!, title: " ", stage: "hired", due_on: "31/12/2026" }),
      ),
    ).toEqual({
      status: "invalid",
      errors: { title: "required", stage: "invalidChoice", due_on: "invalidDate" },
      values: { title: " ", stage: "hired", due_on: "31/12/2026" },
    });
    signInAs("mentor");
    expect(
      await actions.addMilestoneAction(
        IDLE,
        form({ cooperative_id: id.A!, title: "Visite", stage: "incubation", due_on: "2026-12-31" }),
      ),
    ).toEqual({ status: "forbidden" });
    expect(await counts()).toEqual(before);
    signInAs("staff");
    const state = await actions.addMilestoneAction(
      IDLE,
      form({
        cooperative_id: id.A!,
        title: "Visite du stand au Salon de Meknès",
        stage: "incubation",
        due_on: "2026-12-31",
      }),
    );
    expect(state.status).toBe("done");
    const row = await ms("A", "Visite du stand au Salon de Meknès");
    expect(state.savedId).toBe(row.id);
    expect(row).toMatchObject({
      templateId: null,
      stage: "incubation",
      dueOn: "2026-12-31",
      status: "todo",
    });
    expect(await lastAudit()).toMatchObject({
      action: "create",
      entity: "milestone",
      after: { title: "Visite du stand au Salon de Meknès" },
    });
  });

  it("deletes a custom milestone with its files, never a template's or one a tranche waits for", async () => {
    const custom = await ms("A", "Visite du stand au Salon de Meknès");
    await addMilestoneAttachment(t.db, actor("staff"), {
      access: sql`true`,
      milestoneId: custom.id,
      filename: "stand.png",
      bytes: PNG,
    });
    const template = await ms("A", "capital_deposited");
    expect(await actions.deleteMilestoneAction(IDLE, form({ id: template.id }))).toEqual({
      status: "invalid",
      errors: { form: "notCustom" },
    });
    const [tied] = await t.db
      .insert(milestones)
      .values({
        cooperativeId: id.A!,
        title: "Facture du matériel",
        stage: "incubation",
        dueOn: "2026-10-01",
      })
      .returning({ id: milestones.id });
    const [award] = await t.db
      .insert(fundingAwards)
      .values({
        cooperativeId: id.A!,
        source: "region_council",
        kind: "grant",
        amountMad: "40000.00",
        awardedOn: "2026-03-01",
        status: "approved",
      })
      .returning({ id: fundingAwards.id });
    await t.db.insert(disbursements).values({
      awardId: award!.id,
      status: "planned",
      amountMad: "10000.00",
      releaseMilestoneId: tied!.id,
    });
    expect(await actions.deleteMilestoneAction(IDLE, form({ id: tied!.id }))).toEqual({
      status: "invalid",
      errors: { form: "hasTranche" },
    });
    const before = await counts();
    expect(await actions.deleteMilestoneAction(IDLE, form({ id: custom.id }))).toEqual({
      status: "done",
      savedId: custom.id,
    });
    const after = await counts();
    expect([after.milestones, after.attachments, after.audit]).toEqual([
      before.milestones - 1,
      before.attachments - 1,
      before.audit + 1,
    ]);
    expect(await lastAudit()).toMatchObject({
      action: "delete",
      entity: "milestone",
      before: { title: "Visite du stand au Salon de Meknès", attachment_ids: [expect.any(Number)] },
    });
  });
});

describe("attachments", () => {
  it("reads the type from the first bytes, never from the name", () => {
    expect(sniffAttachmentType(PNG)).toBe("image/png");
    expect(sniffAttachmentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe("image/jpeg");
    expect(sniffAttachmentType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe(
      "image/webp",
    );
    expect(sniffAttachmentType(new TextEncoder().encode("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffAttachmentType(new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
    expect(sniffAttachmentType(new TextEncoder().encode("<html><script>"))).toBeNull();
    expect(sniffAttachmentType(new Uint8Array([0x89, 0x50]))).toBeNull();
  });

  it("keeps a photo with its audit entry, named without folders", async () => {
    const m = await ms("A", "capital_deposited");
    const before = await counts();
    const result = await addMilestoneAttachment(t.db, actor("mentor"), {
      access: cooperativeAccess(viewer("mentor")),
      milestoneId: m.id,
      filename: "../../reçu banque.pdf",
      bytes: PNG,
    });
    expect(result).toEqual({ ok: true, id: expect.any(Number), cooperativeId: id.A });
    const [row] = await t.db
      .select()
      .from(attachments)
      .where(eq(attachments.id, result.ok ? result.id : 0));
    expect(row).toMatchObject({
      milestoneId: m.id,
      filename: "reçu banque.pdf",
      contentType: "image/png",
      sizeBytes: PNG.byteLength,
      uploadedBy: id.mentor,
    });
    expect(new Uint8Array(row!.data)).toEqual(PNG);
    expect(await counts()).toEqual({
      ...before,
      audit: before.audit + 1,
      attachments: before.attachments + 1,
    });
    expect(await lastAudit()).toMatchObject({
      action: "create",
      entity: "attachment",
      after: { milestone_id: m.id, content_type: "image/png", size_bytes: PNG.byteLength },
    });
  });

  it("refuses other types, empty files and files over 5 MB, writing nothing", async () => {
    const m = await ms("A", "capital_deposited");
    const add = (bytes: Uint8Array, filename = "photo.jpg") =>
      addMilestoneAttachment(t.db, actor("staff"), {
        access: sql`true`,
        milestoneId: m.id,
        filename,
        bytes,
      });
    const before = await counts();
    expect(await add(new TextEncoder().encode("<html><script>alert(1)</script>"))).toEqual({
      ok: false,
      reason: "unsupported",
    });
    expect(await add(new Uint8Array(0))).toEqual({ ok: false, reason: "empty" });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(new TextEncoder().encode("%PDF-1.4\n"));
    expect(await add(big, "rapport.pdf")).toEqual({ ok: false, reason: "too_large" });
    expect(await counts()).toEqual(before);
    // exactly 5 MB is accepted (checked without writing 5 MB into the test database)
    expect(checkAttachment(big.subarray(0, MAX_ATTACHMENT_BYTES))).toEqual({
      ok: true,
      contentType: "application/pdf",
    });
  });

  it("refuses a mentor of another cooperative, officials, and mentors on a verified milestone", async () => {
    const open = await ms("A", "capital_deposited");
    const done = await ms("A", "name_certificate");
    const before = await counts();
    const add = (name: Name, milestoneId: number) =>
      addMilestoneAttachment(t.db, actor(name), {
        access: cooperativeAccess(viewer(name)),
        milestoneId,
        filename: "a.png",
        bytes: PNG,
      });
    expect(await add("mentor2", open.id)).toEqual({ ok: false, reason: "not_found" });
    expect(await add("official", open.id)).toEqual({ ok: false, reason: "forbidden" });
    expect(await add("mentor", done.id)).toEqual({ ok: false, reason: "locked" });
    expect(await counts()).toEqual(before);
    expect((await add("staff", done.id)).ok).toBe(true);
  });

  it("uploads through the route: same origin only, 5 MB at most, back to the page without JavaScript", async () => {
    const m = await ms("A", "capital_deposited");
    const post = (bytes: Uint8Array, headers: Record<string, string>) => {
      const body = new FormData();
      body.set("file", new File([new Uint8Array(bytes)], "photo.png"));
      return uploadRoute.POST(
        new Request(`${BASE_URL}/api/milestones/${m.id}/attachments?cooperative=${id.A}`, {
          method: "POST",
          body,
          headers,
        }),
        { params: Promise.resolve({ id: String(m.id) }) },
      );
    };
    signInAs("mentor");
    const before = await counts();
    const json = { origin: BASE_URL, accept: "application/json" };
    const foreign = await post(PNG, { ...json, origin: "http://evil.test" });
    expect([foreign.status, await foreign.json()]).toEqual([403, { error: "forbidden" }]);
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PNG);
    const tooLarge = await post(big, json);
    expect([tooLarge.status, await tooLarge.json()]).toEqual([413, { error: "too_large" }]);
    const page = await post(new TextEncoder().encode("MZ executable"), {
      origin: BASE_URL,
      accept: "text/html",
    });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(
      `${BASE_URL}/cooperatives/${id.A}?upload=unsupported&milestone=${m.id}#milestone-${m.id}`,
    );
    expect(await counts()).toEqual(before);
    const ok = await post(PNG, json);
    expect([ok.status, await ok.json()]).toEqual([201, { id: expect.any(Number) }]);
    signInAs("official");
    const official = await post(PNG, json);
    expect(official.status).toBe(403);
    expect((await counts()).attachments).toBe(before.attachments + 1);
  });

  it("downloads evidence for who may see it: 400, 401, 404 for others' cooperatives, 403 for officials", async () => {
    const m = await ms("A", "capital_deposited");
    const [file] = await t.db
      .select()
      .from(attachments)
      .where(eq(attachments.milestoneId, m.id))
      .orderBy(asc(attachments.id))
      .limit(1);
    const get = (raw: string) =>
      downloadRoute.GET(new NextRequest(`${BASE_URL}/api/attachments/${raw}`), {
        params: Promise.resolve({ id: raw }),
      });
    for (const name of ["staff", "mentor"] as const) {
      signInAs(name);
      const response = await get(String(file!.id));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="re_u banque.pdf"; filename*=UTF-8''re%C3%A7u%20banque.pdf`,
      );
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
    }
    expect((await get("abc")).status).toBe(400);
    signInAs(null);
    expect((await get(String(file!.id))).status).toBe(401);
    signInAs("mentor2");
    expect((await get(String(file!.id))).status).toBe(404);
    signInAs("official");
    expect((await get(String(file!.id))).status).toBe(403);
    expect((await get("999999")).status).toBe(404);
  });
});

describe("GET /api/export/milestones", () => {
  async function csv(name: Name, query = "") {
    signInAs(name);
    const response = await exportRoute.GET(
      new NextRequest(`${BASE_URL}/api/export/milestones${query}`),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="milestones-${todayIso()}.csv"`,
    );
    return parseCsv(await response.text());
  }

  async function expected(where = sql`true`) {
    return rowsOf<{ id: number; cooperative_id: number }>(
      await t.db.execute(sql`select m.id, m.cooperative_id from milestones m
        join cooperatives c on c.id = m.cooperative_id
        where c.archived_at is null and ${where} order by m.due_on asc nulls last, m.id`),
    ).map((r) => [String(r.id), String(r.cooperative_id)]);
  }

  it("has DOMAIN.md's columns, values as keys, and every live cooperative's milestones for staff", async () => {
    const table = await csv("staff");
    expect(table.header).toEqual(HEADER);
    expect(table.rows.map((r) => [r[0], r[1]])).toEqual(await expected());
    const m = await ms("A", "name_certificate");
    const row = table.rows.find((r) => r[0] === String(m.id));
    expect(row).toEqual([
      String(m.id),
      String(id.A),
      "تعاونية أ",
      "name_certificate",
      "Name certificate obtained",
      "selected",
      "done",
      "2026-01-31",
      todayIso(),
      "mentor",
      m.verifiedAt!.toISOString(),
    ]);
    const custom = table.rows.find((r) => r[1] === String(id.E));
    expect(custom).toEqual([
      expect.any(String),
      String(id.E),
      "Fatima Person",
      "",
      "Carte d'artisan",
      "incubation",
      "todo",
      "2026-05-01",
      "",
      "",
      "",
    ]);
  });

  it("gives a mentor only the assigned cooperatives, and officials every one without a person's name", async () => {
    const mentor = await csv("mentor");
    expect(mentor.rows.map((r) => [r[0], r[1]])).toEqual(
      await expected(sql`m.cooperative_id = ${id.A}`),
    );
    const mentor2 = await csv("mentor2");
    expect(mentor2.rows.map((r) => [r[0], r[1]])).toEqual(
      await expected(sql`m.cooperative_id = ${id.B}`),
    );
    const official = await csv("official");
    expect(official.rows.map((r) => [r[0], r[1]])).toEqual(await expected());
    expect(official.rows.filter((r) => r[1] === String(id.E)).map((r) => r[2])).toEqual([
      `auto-entrepreneur #${id.E}`,
    ]);
  });

  it("filters by status, awaiting verification and overdue (due today is not overdue)", async () => {
    const yesterday = new Date(Date.parse(`${todayIso()}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const late = await ms("B", "name_certificate");
    const dueToday = await ms("B", "statutes_signed");
    await t.db.update(milestones).set({ dueOn: yesterday }).where(eq(milestones.id, late.id));
    await t.db.update(milestones).set({ dueOn: todayIso() }).where(eq(milestones.id, dueToday.id));
    const ids = async (query: string) => (await csv("staff", query)).rows.map((r) => Number(r[0]));
    const done = await ids("?status=done");
    expect(done).toEqual((await expected(sql`m.status = 'done'`)).map((r) => Number(r[0])));
    expect(done).toEqual([(await ms("A", "name_certificate")).id]);
    const reported = await ms("A", "capital_deposited");
    await t.db
      .update(milestones)
      .set({ status: "reported", evidenceText: "Attestation" })
      .where(eq(milestones.id, reported.id));
    expect(await ids("?awaiting=true")).toEqual([reported.id]);
    const overdue = await ids("?overdue=true");
    expect(overdue).toContain(late.id);
    expect(overdue).not.toContain(dueToday.id);
    expect(overdue).toEqual(
      (await expected(sql`m.status not in ('done', 'waived') and m.due_on < ${todayIso()}`)).map(
        (r) => Number(r[0]),
      ),
    );
    expect(await ids(`?overdue=true&cohort=${id.cohort}&q=Carte`)).toEqual([
      (await ms("E", "Carte d'artisan")).id,
    ]);
  });

  it("gives labels with labels=1, and 400/401 as JSON", async () => {
    const table = await csv("staff", "?labels=1&status=done");
    expect(table.header).toEqual(HEADER.map((key) => `milestones.fields.${key}`));
    const m = await ms("A", "name_certificate");
    expect(table.rows.find((r) => r[0] === String(m.id))?.slice(4, 7)).toEqual([
      "الحصول على الشهادة السلبية",
      "stage.selected",
      "milestoneStatus.done",
    ]);
    const pdf = await exportRoute.GET(
      new NextRequest(`${BASE_URL}/api/export/milestones?format=pdf`),
    );
    expect([pdf.status, await pdf.json()]).toEqual([400, { error: "bad_request" }]);
    signInAs(null);
    const anonymous = await exportRoute.GET(new NextRequest(`${BASE_URL}/api/export/milestones`));
    expect([anonymous.status, await anonymous.json()]).toEqual([401, { error: "unauthorized" }]);
  });
});
