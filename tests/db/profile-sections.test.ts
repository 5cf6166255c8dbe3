import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { snapshotHistory } from "@/db/queries/jobs";
import { cooperativeMilestones, releaseCandidates } from "@/db/queries/milestones";
import { seedReference } from "@/db/seed/reference";
import {
  attachments,
  cooperatives,
  jobsSnapshots,
  mentorAssignments,
  milestones,
  users,
} from "@/db/schema";
import { canSeeArchived, cooperativeAccess, cooperativeScope, type Viewer } from "@/lib/dal";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/**
 * The profile's milestones and jobs sections read their rows and the cooperative's state under
 * the viewer's access in one query, and the cooperative alone only when it has no rows: each
 * answer must be what the access rules give, with rows or without, archived or not.
 */
const TODAY = "2026-11-29";
let t: TestDatabase;
const id: Record<string, number> = {};

const viewer = (key: string, role: Viewer["role"]): Viewer => ({
  id: id[key]!,
  role,
  name: key,
  email: `${key}@x.test`,
  locale: null,
  mustChangePassword: false,
});
/** The access the profile's sections use: staff see archived records, others never. */
const access = (v: Viewer) => (canSeeArchived(v) ? cooperativeAccess(v) : cooperativeScope(v));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReference(t.db);
  for (const [key, role] of [
    ["mentor", "mentor"],
    ["other", "mentor"],
    ["staff", "staff"],
  ] as const) {
    const [row] = await t.db
      .insert(users)
      .values({ email: `${key}@x.test`, name: key, role, passwordHash: "x" })
      .returning({ id: users.id });
    id[key] = row!.id;
  }
  const base = {
    legalForm: "cooperative" as const,
    sector: "food_products" as const,
    province: "sefrou",
    area: "rural" as const,
  };
  const made = await t.db
    .insert(cooperatives)
    .values([
      { ...base, name: "full", stage: "incubation" as const },
      { ...base, name: "empty", stage: "selected" as const },
      { ...base, name: "dated", stage: "incubation" as const },
      {
        ...base,
        name: "archived",
        stage: "post_incubation" as const,
        archivedAt: new Date("2026-06-01T00:00:00Z"),
      },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of made) id[row.name] = row.id;
  await t.db.insert(mentorAssignments).values(
    ["full", "empty", "archived"].map((coop) => ({
      mentorId: id.mentor!,
      cooperativeId: id[coop]!,
      startOn: "2025-01-01",
    })),
  );
  await t.db.insert(milestones).values(
    ["full", "archived"].flatMap((coop) => [
      { cooperativeId: id[coop]!, title: `${coop} first`, stage: "incubation" as const },
      { cooperativeId: id[coop]!, title: `${coop} second`, stage: "incubation" as const },
    ]),
  );
  const [first] = await t.db
    .select({ id: milestones.id })
    .from(milestones)
    .where(eq(milestones.title, "full first"));
  await t.db.insert(attachments).values(
    ["visite.jpg", "statuts.pdf"].map((filename, i) => ({
      milestoneId: first!.id,
      filename,
      contentType: i === 0 ? "image/jpeg" : "application/pdf",
      sizeBytes: 3 + i,
      data: Buffer.from([1, 2, 3, 4].slice(0, 3 + i)),
      uploadedBy: id.staff!,
    })),
  );
  // Due dates out of order, two undated, a tie, and waived ones: what a tranche may wait for.
  await t.db.insert(milestones).values(
    (
      [
        ["b", "2026-05-01", "todo"],
        ["a", null, "done"],
        ["c", "2026-03-15", "waived"],
        ["d", "2026-03-15", "in_progress"],
        ["e", "2026-03-15", "reported"],
        ["f", null, "waived"],
        ["g", null, "todo"],
        ["h", "2025-12-31", "blocked"],
      ] as const
    ).map(([title, dueOn, status]) => ({
      cooperativeId: id.dated!,
      title,
      dueOn,
      status,
      completedOn: status === "done" ? "2026-10-01" : null,
      stage: "incubation" as const,
    })),
  );
  await t.db.insert(jobsSnapshots).values(
    ["full", "archived"].flatMap((coop) => [
      {
        cooperativeId: id[coop]!,
        kind: "baseline" as const,
        asOf: "2025-03-31",
        jobsTotal: 4,
        jobsWomen: 2,
        jobsYouth: 1,
        source: "survey",
      },
      {
        cooperativeId: id[coop]!,
        asOf: "2026-06-30",
        jobsTotal: 7,
        jobsWomen: 4,
        jobsYouth: 2,
        source: "survey",
      },
    ]),
  );
});

afterAll(async () => {
  await t?.close();
});

const milestonesOf = (v: Viewer, coop: string) =>
  cooperativeMilestones(t.db, {
    access: access(v),
    cooperativeId: id[coop]!,
    evidence: true,
    today: TODAY,
  });
const snapshotsOf = (v: Viewer, coop: string) =>
  snapshotHistory(t.db, { access: access(v), cooperativeId: id[coop]! });

describe("the profile's milestones and jobs, under the viewer's access", () => {
  it("give the rows and the cooperative's state to a viewer who may see it", async () => {
    for (const v of [viewer("staff", "staff"), viewer("mentor", "mentor")]) {
      const list = await milestonesOf(v, "full");
      expect(list).toMatchObject({ archived: false, stage: "incubation" });
      expect(list!.milestones.map((m) => m.names.en)).toEqual(["full first", "full second"]);
      expect(list!.milestones[0]).not.toHaveProperty("cooperative");
      // Its files, in upload order, for whoever may see evidence (staff and the mentor here).
      expect(
        list!.milestones.map((m) => m.attachments.map((a) => [a.filename, a.sizeBytes])),
      ).toEqual([
        [
          ["visite.jpg", 3],
          ["statuts.pdf", 4],
        ],
        [],
      ]);
      expect(list!.milestones[0]!.attachments[0]!.createdAt).toBeInstanceOf(Date);
      expect(list!.milestones[0]!.attachments[0]).toEqual({
        id: expect.any(Number),
        filename: "visite.jpg",
        contentType: "image/jpeg",
        sizeBytes: 3,
        createdAt: expect.any(Date),
      });
      const jobs = await snapshotsOf(v, "full");
      expect(jobs?.archived).toBe(false);
      expect(jobs!.snapshots.map((s) => [s.kind, s.jobsTotal])).toEqual([
        ["baseline", 4],
        ["periodic", 7],
      ]);
      expect(jobs!.snapshots[0]).not.toHaveProperty("archivedAt");
    }
  });

  it("give an empty list, not null, for a cooperative without rows", async () => {
    for (const v of [viewer("staff", "staff"), viewer("mentor", "mentor")]) {
      expect(await milestonesOf(v, "empty")).toEqual({
        archived: false,
        stage: "selected",
        milestones: [],
      });
      expect(await snapshotsOf(v, "empty")).toEqual({ archived: false, snapshots: [] });
    }
  });

  it("give null to a mentor it is not assigned to, with rows or without", async () => {
    const other = viewer("other", "mentor");
    for (const coop of ["full", "empty", "archived"]) {
      expect(await milestonesOf(other, coop)).toBeNull();
      expect(await snapshotsOf(other, coop)).toBeNull();
    }
  });

  it("show an archived cooperative to staff as archived, and to its own mentor not at all", async () => {
    const list = await milestonesOf(viewer("staff", "staff"), "archived");
    expect(list).toMatchObject({ archived: true, stage: "post_incubation" });
    expect(list!.milestones).toHaveLength(2);
    expect(await snapshotsOf(viewer("staff", "staff"), "archived")).toMatchObject({
      archived: true,
    });
    expect(await milestonesOf(viewer("mentor", "mentor"), "archived")).toBeNull();
    expect(await snapshotsOf(viewer("mentor", "mentor"), "archived")).toBeNull();
  });
});

describe("releaseCandidates", () => {
  it("offers the milestones the database query offered: none waived, by due date, undated last", async () => {
    const list = await milestonesOf(viewer("staff", "staff"), "dated");
    const expected = await t.db
      .select({ title: milestones.title })
      .from(milestones)
      .where(and(eq(milestones.cooperativeId, id.dated!), ne(milestones.status, "waived")))
      .orderBy(sql`${milestones.dueOn} asc nulls last`, asc(milestones.id));
    const offered = releaseCandidates(list!.milestones);
    expect(offered.map((m) => m.names.en)).toEqual(expected.map((row) => row.title));
    expect(offered.map((m) => m.names.en)).toEqual(["h", "d", "e", "b", "a", "g"]);
    expect(offered[0]).toEqual({
      id: expect.any(Number),
      status: "blocked",
      names: { ar: "h", fr: "h", en: "h" },
    });
  });
});

describe("files on the milestones", () => {
  it("are left out for a viewer who may not see evidence", async () => {
    const list = await cooperativeMilestones(t.db, {
      access: cooperativeScope(viewer("staff", "official")),
      cooperativeId: id.full!,
      evidence: false,
      today: TODAY,
    });
    expect(list!.milestones.map((m) => m.attachments)).toEqual([[], []]);
  });
});
