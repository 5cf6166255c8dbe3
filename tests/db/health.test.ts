import { afterAll, describe, expect, it } from "vitest";
import { useConnection, type Database } from "@/db";
import { GET } from "@/app/api/health/route";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase | undefined;

afterAll(async () => {
  await t?.close();
});

/** A stand-in database whose only query is the health check's `select 1`. */
function fakeDatabase(execute: () => Promise<unknown>): Database {
  return { execute } as unknown as Database;
}

describe("GET /api/health", () => {
  it("answers ok when the database answers", async () => {
    t = await createTestDatabase();
    useConnection(t.db, t.driver, async () => {});
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("answers 503 down when the database fails", async () => {
    useConnection(
      fakeDatabase(async () => {
        throw new Error("connect ECONNREFUSED");
      }),
      "postgres",
      async () => {},
    );
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "down" });
  });

  it("answers 503 busy when no answer comes in time, so proxy.ts keeps serving pages", async () => {
    useConnection(
      fakeDatabase(() => new Promise(() => {})),
      "postgres",
      async () => {},
    );
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", db: "busy" });
  }, 10_000);
});
