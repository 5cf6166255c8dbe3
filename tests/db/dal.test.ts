import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { useConnection } from "@/db";
import { cooperatives, mentorAssignments, users } from "@/db/schema";
import { seedReference } from "@/db/seed/reference";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

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
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const { authorize, cooperativeScope, requireRole, verifySession, canSeeContacts } =
  await import("@/lib/dal");

let t: TestDatabase;
const id: Record<string, number> = {};

function signInAs(name: string, sv = 1) {
  session.current = { user: { id: id[name], sv, role: "admin", name, email: `${name}@x.test` } };
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const rows = await t.db
    .insert(users)
    .values(
      ["admin", "staff", "mentor", "official"].map((role) => ({
        email: `${role}@x.test`,
        name: role,
        role: role as "admin",
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of rows) id[row.name] = row.id;
  const base = {
    legalForm: "cooperative" as const,
    sector: "argan" as const,
    province: "fes",
    area: "urban" as const,
  };
  const coops = await t.db
    .insert(cooperatives)
    .values([
      { ...base, name: "assigned" },
      { ...base, name: "other" },
      { ...base, name: "ended" },
      { ...base, name: "archived", archivedAt: new Date() },
    ])
    .returning({ id: cooperatives.id, name: cooperatives.name });
  for (const row of coops) id[row.name] = row.id;
  await t.db.insert(mentorAssignments).values([
    { mentorId: id.mentor!, cooperativeId: id.assigned!, startOn: "2025-01-01" },
    { mentorId: id.mentor!, cooperativeId: id.ended!, startOn: "2024-01-01", endOn: "2024-12-31" },
    { mentorId: id.mentor!, cooperativeId: id.archived!, startOn: "2025-01-01" },
  ]);
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  session.current = null;
});

describe("lib/dal", () => {
  it("sends anonymous visitors to /login and answers 401 to route handlers", async () => {
    await expect(verifySession()).rejects.toThrow("REDIRECT /login");
    await expect(authorize()).rejects.toMatchObject({ status: 401 });
  });

  it("re-reads the role from the database, not from the token", async () => {
    signInAs("official");
    session.current!.user.role = "admin";
    await expect(verifySession()).resolves.toMatchObject({ role: "official" });
    await expect(requireRole("admin")).rejects.toThrow("NOT_FOUND");
    await expect(authorize("admin", "staff")).rejects.toMatchObject({ status: 403 });
    await expect(authorize("official")).resolves.toMatchObject({ id: id.official });
  });

  it("refuses a token whose session version is stale", async () => {
    signInAs("staff", 7);
    await expect(verifySession()).rejects.toThrow("REDIRECT /login");
    await expect(authorize()).rejects.toMatchObject({ status: 401 });
  });

  it("lets each role through requireRole only where the matrix allows", async () => {
    for (const role of ["admin", "staff", "mentor", "official"]) {
      signInAs(role);
      await expect(requireRole(role as "admin")).resolves.toMatchObject({ role });
    }
    signInAs("mentor");
    await expect(requireRole("admin", "staff")).rejects.toThrow("NOT_FOUND");
  });

  it("scopes a mentor to open assignments of live cooperatives", async () => {
    const visible = async (role: string) => {
      signInAs(role);
      const viewer = await verifySession();
      const rows = await t.db
        .select({ name: cooperatives.name })
        .from(cooperatives)
        .where(cooperativeScope(viewer))
        .orderBy(cooperatives.name);
      return rows.map((r) => r.name);
    };
    expect(await visible("mentor")).toEqual(["assigned"]);
    expect(await visible("staff")).toEqual(["assigned", "ended", "other"]);
    expect(await visible("official")).toEqual(["assigned", "ended", "other"]);
  });

  it("ends an assignment at midnight in Casablanca, not at the database's midnight", async () => {
    const [row] = await t.db
      .insert(mentorAssignments)
      .values({
        mentorId: id.mentor!,
        cooperativeId: id.other!,
        startOn: "2026-01-01",
        endOn: "2026-06-30",
      })
      .returning({ id: mentorAssignments.id });
    const seesOther = async (utc: string) => {
      vi.useFakeTimers({ toFake: ["Date"], now: new Date(utc) });
      try {
        signInAs("mentor");
        const viewer = await verifySession();
        const rows = await t.db
          .select({ name: cooperatives.name })
          .from(cooperatives)
          .where(cooperativeScope(viewer));
        return rows.some((r) => r.name === "other");
      } finally {
        vi.useRealTimers();
      }
    };
    try {
      // Casablanca is UTC+1 outside Ramadan: 22:30 UTC is still June 30 there, 23:30 is July 1.
      expect(await seesOther("2026-06-30T22:30:00Z")).toBe(true);
      expect(await seesOther("2026-06-30T23:30:00Z")).toBe(false);
    } finally {
      await t.db.delete(mentorAssignments).where(eq(mentorAssignments.id, row!.id));
    }
  });

  it("shows contacts to admin, staff and mentors, never to officials", async () => {
    const base = { id: 1, email: "", name: "", locale: null, mustChangePassword: false };
    expect(canSeeContacts({ ...base, role: "admin" })).toBe(true);
    expect(canSeeContacts({ ...base, role: "staff" })).toBe(true);
    expect(canSeeContacts({ ...base, role: "mentor" })).toBe(true);
    expect(canSeeContacts({ ...base, role: "official" })).toBe(false);
  });
});
