import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf, useConnection } from "@/db";
import { backupFilename } from "@/db/backup/format";
import { inspectBackup } from "@/db/backup/reader";
import { seedDemo } from "@/db/seed/demo";
import { seedReference } from "@/db/seed/reference";
import { todayIso } from "@/lib/dates";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const route = await import("@/app/api/admin/backup/route");

type Account = { id: number; sv: number; role: string; email: string };
let t: TestDatabase;
const accounts = new Map<string, Account>();

async function auditEntries(): Promise<
  { actor_id: number | null; action: string; entity: string }[]
> {
  return rowsOf(
    await t.db.execute(
      sql`select actor_id, action, entity from audit_log where action = 'backup' order by id`,
    ),
  );
}

function signInAs(role: string | null) {
  const account = role ? accounts.get(role)! : null;
  session.current = account
    ? { user: { id: account.id, sv: account.sv, role: account.role, email: account.email } }
    : null;
}

const download = () =>
  route.GET(
    new Request("http://localhost/api/admin/backup", {
      headers: { "x-forwarded-for": "198.51.100.7" },
    }),
  );

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  await seedDemo(t.db, { today: "2026-11-29" });
  const users = rowsOf<Account>(
    await t.db.execute(
      sql`select id, session_version as sv, role, email from users
          where email in ('admin@hadina.test', 'staff@hadina.test', 'mentor@hadina.test', 'official@hadina.test')`,
    ),
  );
  for (const user of users) accounts.set(user.role, user);
  expect([...accounts.keys()].sort()).toEqual(["admin", "mentor", "official", "staff"]);
});

afterAll(async () => {
  await t?.close();
});

describe("GET /api/admin/backup", () => {
  it("answers 401 to an anonymous request", async () => {
    signInAs(null);
    const response = await download();
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized" });
  });

  for (const role of ["staff", "mentor", "official"]) {
    it(`answers 403 to ${role}`, async () => {
      signInAs(role);
      const response = await download();
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: "forbidden" });
    });
  }

  it("records none of the refused requests", async () => {
    expect(await auditEntries()).toEqual([]);
  });

  it("gives an admin the whole database as a dated attachment, and records the download", async () => {
    signInAs("admin");
    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/gzip");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${backupFilename(todayIso())}"`,
    );
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="hadina-backup-\d{4}-\d{2}-\d{2}\.jsonl\.gz"$/,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const bytes = Buffer.from(await response.arrayBuffer());
    const backup = await inspectBackup(Readable.from([bytes]));
    const [tables] = rowsOf<{ n: number }>(
      await t.db.execute(
        sql`select count(*)::int as n from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE'`,
      ),
    );
    expect(backup.tables).toBe(tables!.n);
    const [users] = rowsOf<{ n: number }>(
      await t.db.execute(sql`select count(*)::int as n from users`),
    );
    expect(backup.rows).toBeGreaterThan(users!.n);
    expect(await auditEntries()).toEqual([
      { actor_id: accounts.get("admin")!.id, action: "backup", entity: "database" },
    ]);
    const [entry] = rowsOf<{ ip: string }>(
      await t.db.execute(sql`select ip from audit_log where action = 'backup'`),
    );
    expect(entry!.ip).toBe("198.51.100.7");
  });
});
