import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { createHangWatch } from "@/lib/health-gate";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 3000;

const BUSY = Symbol("busy");

/** Health queries keep being watched after the timeout: a busy pool answers them late. */
const hangs = createHangWatch({ hungAfterMs: 15_000 });

/**
 * 200 when the database answers; 503 with `db: "down"` when it fails, or `db: "busy"` when no
 * answer came within the timeout (a full connection pool under load looks like this). proxy.ts
 * shows the "service unavailable" page only for "down": a busy database still serves pages. A
 * database that answers no query at all for 15 s (it hangs) is "down", not busy.
 */
export async function GET() {
  const headers = { "cache-control": "no-store" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const db = await getDb();
    const answer = await Promise.race([
      hangs.track(db.execute(sql`select 1`)),
      new Promise<typeof BUSY>((resolve) => {
        timer = setTimeout(() => resolve(BUSY), TIMEOUT_MS);
      }),
    ]);
    if (answer === BUSY) {
      return Response.json({ status: "error", db: hangs.verdict() }, { status: 503, headers });
    }
    return Response.json({ status: "ok", db: "ok" }, { headers });
  } catch {
    return Response.json({ status: "error", db: "down" }, { status: 503, headers });
  } finally {
    clearTimeout(timer);
  }
}
