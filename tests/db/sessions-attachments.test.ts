import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { useConnection } from "@/db";
import { sessionAttachments } from "@/db/queries/session-attachments";
import { seedReference } from "@/db/seed/reference";
import {
  attachments,
  auditLog,
  cooperatives,
  mentorAssignments,
  mentoringSessions,
  users,
} from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ current: null as null | { user: Record<string, unknown> } }));
vi.mock("next-auth", () => ({ getServerSession: async () => session.current }));
vi.mock("react", async (original) => ({
  ...(await original<typeof import("react")>()),
  cache: <T>(fn: T) => fn,
}));

const { POST } = await import("@/app/api/sessions/[id]/attachments/route");

const SESSION = "00000000-0000-4000-8000-000000000001";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const ROLES = ["staff", "mentor", "mentor2", "official"] as const;

let t: TestDatabase;
const id: Record<string, number> = {};

function signInAs(who: (typeof ROLES)[number]) {
  const role = who === "mentor2" ? "mentor" : who;
  session.current = { user: { id: id[who], sv: 1, role, name: who, email: `${who}@x.test` } };
}

function upload(
  sessionId: string,
  file: { bytes: Uint8Array<ArrayBuffer>; name: string } | null,
  headers: Record<string, string> = {},
) {
  const body = new FormData();
  if (file) body.set("file", new File([file.bytes], file.name));
  return POST(
    new Request(`http://hadina.test/api/sessions/${sessionId}/attachments`, {
      method: "POST",
      headers: { host: "hadina.test", origin: "http://hadina.test", ...headers },
      body,
    }),
    { params: Promise.resolve({ id: sessionId }) },
  );
}

async function stored() {
  const [row] = await t.db
    .select({ n: count() })
    .from(attachments)
    .where(eq(attachments.sessionId, SESSION));
  return row!.n;
}

beforeAll(async () => {
  t = await createTestDatabase();
  useConnection(t.db, t.driver, async () => {});
  await seedReference(t.db);
  const made = await t.db
    .insert(users)
    .values(
      ROLES.map((who) => ({
        email: `${who}@x.test`,
        name: who,
        role: (who === "mentor2" ? "mentor" : who) as "mentor",
        passwordHash: "x",
      })),
    )
    .returning({ id: users.id, name: users.name });
  for (const row of made) id[row.name] = row.id;
  const [coop] = await t.db
    .insert(cooperatives)
    .values({
      name: "تعاونية الزيتون",
      legalForm: "cooperative",
      sector: "agriculture",
      province: "taounate",
      area: "rural",
    })
    .returning({ id: cooperatives.id });
  id.coop = coop!.id;
  await t.db.insert(mentorAssignments).values([
    { mentorId: id.mentor!, cooperativeId: id.coop, startOn: "2025-01-01" },
    { mentorId: id.mentor2!, cooperativeId: id.coop, startOn: "2025-01-01" },
  ]);
  await t.db.insert(mentoringSessions).values({
    id: SESSION,
    cooperativeId: id.coop,
    mentorId: id.mentor!,
    heldOn: "2026-11-02",
    durationMinutes: 60,
    mode: "field_visit",
    topics: ["production"],
  });
});

afterAll(async () => {
  await t?.close();
});

describe("POST /api/sessions/[id]/attachments", () => {
  it("keeps a photo of the mentor's own session, typed from its bytes, with an audit entry", async () => {
    signInAs("mentor");
    const response = await upload(SESSION, { bytes: PNG, name: "../زيارة.jpg" });
    expect(response.status).toBe(201);
    const files = await sessionAttachments(t.db, [SESSION]);
    expect(files.map((f) => ({ ...f, id: 0 }))).toEqual([
      { id: 0, sessionId: SESSION, filename: "زيارة.jpg", contentType: "image/png", sizeBytes: 12 },
    ]);
    const [audit] = await t.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "attachment"), eq(auditLog.action, "create")));
    expect(audit!.n).toBe(1);
  });

  it("refuses other mentors (404), officials (403), cross-site posts and bad files", async () => {
    signInAs("mentor2");
    expect((await upload(SESSION, { bytes: PNG, name: "a.png" })).status).toBe(404);
    signInAs("official");
    expect((await upload(SESSION, { bytes: PNG, name: "a.png" })).status).toBe(403);
    signInAs("mentor");
    const evil = await upload(SESSION, { bytes: PNG, name: "a.png" }, { origin: "http://x.test" });
    expect(evil.status).toBe(403);
    const script = new TextEncoder().encode("<script>alert(1)</script>");
    expect((await upload(SESSION, { bytes: script, name: "photo.png" })).status).toBe(415);
    expect((await upload(SESSION, { bytes: new Uint8Array(0), name: "a.png" })).status).toBe(400);
    expect((await upload(SESSION, null)).status).toBe(400);
    expect((await upload("not-a-session", { bytes: PNG, name: "a.png" })).status).toBe(400);
    expect(await stored()).toBe(1);
  });

  it("lets staff attach to any session", async () => {
    signInAs("staff");
    expect((await upload(SESSION, { bytes: PNG, name: "staff.png" })).status).toBe(201);
    expect(await stored()).toBe(2);
  });
});
