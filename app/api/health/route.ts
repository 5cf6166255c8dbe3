import { sql } from "drizzle-orm";
import { getDb } from "@/db";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 3000;

const BUSY = Symbol("busy");

/**
 * 200 when the database answers; 503 with `db: "down"` when it fails, or `db: "busy"` when no
 * answer came within the timeout (a full connection pool under load looks like this). proxy.ts
 * shows the "service unavailable" page only for "down": a busy database still serves pages.
 */
export async function GET() {
  const headers = { "cache-control": "no-store" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const db = await getDb();
    const answer = await Promise.race([
      db.execute(sql`select 1`),
      new Promise<typeof BUSY>((resolve) => {
        timer = setTimeout(() => resolve(BUSY), TIMEOUT_MS);
      }),
    ]);
    if (answer === BUSY) {
      return Response.json({ status: "error", db: "busy" }, { status: 503, headers });
    }
    return Response.json({ status: "ok", db: "ok" }, { headers });
  } catch {
    return Response.json({ status: "error", db: "down" }, { status: 503, headers });
  } finally {
    clearTimeout(timer);
  }
}
