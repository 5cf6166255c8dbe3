/**
 * The database's health as proxy.ts sees it: the last known answer of a probe, re-checked in the
 * background when it is older than a few seconds, so no request ever waits for the check. A
 * probe that cannot tell (it failed, timed out, answered something odd) leaves the state as it
 * was, and only one probe runs at a time.
 */
export type ProbeResult = "up" | "down" | "unknown";

export type HealthGate = {
  /** True unless the last conclusive probe found the database down. */
  up(): boolean;
  /** Runs a probe now (or joins the one running) and resolves when the state is updated. */
  refresh(): Promise<void>;
};

export function createHealthGate(options: {
  probe: () => Promise<ProbeResult>;
  /** How long an "up" answer holds before the next request starts a new probe. */
  upForMs?: number;
  /** The same while down: shorter, so recovery is noticed quickly. */
  downForMs?: number;
  now?: () => number;
}): HealthGate {
  const { probe, upForMs = 5000, downForMs = 2000, now = Date.now } = options;
  let healthy = true;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;

  function refresh(): Promise<void> {
    running ??= probe()
      .catch((): ProbeResult => "unknown")
      .then((result) => {
        if (result !== "unknown") healthy = result === "up";
        checkedAt = now();
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    up() {
      if (now() - checkedAt >= (healthy ? upForMs : downForMs)) void refresh();
      return healthy;
    },
    refresh,
  };
}

/** Asks the app's own /api/health: 503 with `db: "down"` is down, 503 with `db: "busy"` unknown. */
export function healthEndpointProbe(url: string, timeoutMs = 4000): () => Promise<ProbeResult> {
  return async () => {
    const response = await fetch(url, {
      cache: "no-store",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 200) {
      await response.body?.cancel();
      return "up";
    }
    if (response.status !== 503) {
      await response.body?.cancel();
      return "unknown";
    }
    // A database too busy to answer in time is not a database that is away.
    const body: unknown = await response.json().catch(() => null);
    const busy = typeof body === "object" && body !== null && "db" in body && body.db === "busy";
    return busy ? "unknown" : "down";
  };
}

/**
 * Tells a database that hangs (takes connections or queries and never answers: a dead network
 * path, a frozen server) from one that is only busy. Every health query is tracked until it
 * answers, even after its caller stopped waiting: a busy pool answers late, a hung database
 * never does. "down" once no query has answered since one started `hungAfterMs` ago (or a little
 * more: the clock starts again at the first query sent after an answer).
 */
export function createHangWatch(options: { hungAfterMs?: number; now?: () => number } = {}) {
  const { hungAfterMs = 15_000, now = () => Date.now() } = options;
  let waitingSince: number | null = null;
  return {
    /** Watches a query (a thenable is started once, here) and returns it as a promise. */
    track<T>(query: PromiseLike<T>): Promise<T> {
      waitingSince ??= now();
      const answer = Promise.resolve(query);
      answer.then(
        () => {
          waitingSince = null;
        },
        () => {},
      );
      return answer;
    },
    /** For a query that did not answer in time: "busy", or "down" when nothing answers at all. */
    verdict(): "busy" | "down" {
      return waitingSince !== null && now() - waitingSince >= hungAfterMs ? "down" : "busy";
    },
  };
}
