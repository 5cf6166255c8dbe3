import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFacets, listAudit } from "@/db/queries/admin";
import { auditLog, users } from "@/db/schema";
import { diffJson } from "@/app/(app)/admin/audit/_components/diff";
import { auditHref, auditParamsSchema } from "@/app/(app)/admin/audit/params";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
let adminId = 0;
let staffId = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  const rows = await t.db
    .insert(users)
    .values([
      { email: "admin@x.test", name: "Amina", role: "admin", passwordHash: "x" },
      { email: "staff@x.test", name: "Youssef", role: "staff", passwordHash: "x" },
    ])
    .returning({ id: users.id });
  adminId = rows[0]!.id;
  staffId = rows[1]!.id;
  // 120 cooperative updates by staff, one a minute from 2025-01-01 10:00 UTC.
  await t.db.insert(auditLog).values(
    Array.from({ length: 120 }, (_, i) => ({
      at: new Date(Date.UTC(2025, 0, 1, 10, i)),
      actorId: staffId,
      action: "update",
      entity: "cooperative",
      entityId: String(i + 1),
      before: { stage: "selected" },
      after: { stage: "incubation" },
    })),
  );
  // Casablanca is UTC+1 in June 2025: 23:30 UTC on the 14th is 00:30 on the 15th there.
  await t.db.insert(auditLog).values([
    { at: new Date("2025-06-14T22:30:00Z"), actorId: adminId, action: "create", entity: "user" },
    {
      at: new Date("2025-06-14T23:30:00Z"),
      actorId: adminId,
      action: "deactivate",
      entity: "user",
    },
    {
      at: new Date("2025-06-15T22:59:00Z"),
      actorId: null,
      action: "sign_in_failed",
      entity: "user",
    },
  ]);
});

afterAll(async () => {
  await t?.close();
});

describe("audit log queries", () => {
  it("lists newest first, 50 a page, with the actor's name", async () => {
    const first = await listAudit(t.db, {}, 1);
    expect(first.total).toBe(123);
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]).toMatchObject({ action: "sign_in_failed", actorName: null });
    expect(first.rows[1]).toMatchObject({ action: "deactivate", actorName: "Amina" });
    const third = await listAudit(t.db, {}, 3);
    expect(third.rows).toHaveLength(23);
    expect(third.rows.at(-1)).toMatchObject({ entityId: "1", actorName: "Youssef" });
    expect((await listAudit(t.db, {}, 4)).rows).toEqual([]);
  });

  it("filters by actor, entity and action", async () => {
    expect((await listAudit(t.db, { actorId: adminId }, 1)).total).toBe(2);
    expect((await listAudit(t.db, { entity: "cooperative" }, 1)).total).toBe(120);
    expect((await listAudit(t.db, { entity: "user", action: "create" }, 1)).total).toBe(1);
  });

  it("reads from and to as whole days in Africa/Casablanca", async () => {
    const actions = async (from?: string, to?: string) =>
      (await listAudit(t.db, { from, to }, 1)).rows.map((r) => r.action);
    expect(await actions("2025-06-14", "2025-06-14")).toEqual(["create"]);
    expect(await actions("2025-06-15", "2025-06-15")).toEqual(["sign_in_failed", "deactivate"]);
    expect(await actions("2025-06-16")).toEqual([]);
    expect((await listAudit(t.db, { to: "2025-01-01" }, 1)).total).toBe(120);
  });

  it("offers the entities and actions present in the log", async () => {
    expect(await auditFacets(t.db)).toEqual({
      entities: ["cooperative", "user"],
      actions: ["create", "deactivate", "sign_in_failed", "update"],
    });
  });
});

describe("audit log page helpers", () => {
  it("diffs two snapshots key by key", () => {
    expect(diffJson({ stage: "selected", name: "A" }, { stage: "incubation", name: "A" })).toEqual([
      { key: "stage", before: "selected", after: "incubation" },
    ]);
    expect(diffJson(null, { role: "staff", active: true })).toEqual([
      { key: "role", before: "∅", after: "staff" },
      { key: "active", before: "∅", after: "true" },
    ]);
    expect(diffJson({ tags: [1, 2] }, { tags: [1, 3] })).toEqual([
      { key: "tags", before: "[1,2]", after: "[1,3]" },
    ]);
    expect(diffJson(1, 2)).toEqual([{ key: "", before: "1", after: "2" }]);
    expect(diffJson(null, null)).toEqual([]);
  });

  it("ignores malformed filters and keeps the valid ones in page links", () => {
    const params = auditParamsSchema.parse({
      actor: "7",
      entity: "",
      action: "update",
      from: "2025-02-30",
      to: "2025-06-15",
      page: "x",
    });
    expect(params).toEqual({
      actor: 7,
      entity: undefined,
      action: "update",
      from: undefined,
      to: "2025-06-15",
      page: 1,
    });
    expect(auditHref(params, 2)).toBe("/admin/audit?actor=7&action=update&to=2025-06-15&page=2");
    expect(auditHref(auditParamsSchema.parse({}), 1)).toBe("/admin/audit");
  });
});
