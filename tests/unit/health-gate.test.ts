import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { useConnection, type Database } from "@/db";
import {
  createHangWatch,
  createHealthGate,
  healthEndpointProbe,
  type ProbeResult,
} from "@/lib/health-gate";
import { unavailablePage } from "@/lib/unavailable-page";

/** A probe answered by hand, counting its calls. */
function manualProbe() {
  const pending: ((result: ProbeResult) => void)[] = [];
  const probe = vi.fn(() => new Promise<ProbeResult>((resolve) => pending.push(resolve)));
  return { probe, answer: (result: ProbeResult) => pending.shift()!(result) };
}

async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe("the database health gate of proxy.ts", () => {
  it("never makes a request wait: it answers the last state and probes in the background", async () => {
    let clock = 0;
    const { probe, answer } = manualProbe();
    const gate = createHealthGate({ probe, upForMs: 5000, downForMs: 2000, now: () => clock });
    expect(gate.up()).toBe(true);
    expect(gate.up()).toBe(true);
    expect(probe).toHaveBeenCalledTimes(1);
    answer("down");
    await settle();
    expect(gate.up()).toBe(false);
    expect(probe).toHaveBeenCalledTimes(1);
    clock = 1999;
    expect(gate.up()).toBe(false);
    expect(probe).toHaveBeenCalledTimes(1);
    clock = 2000;
    expect(gate.up()).toBe(false);
    expect(probe).toHaveBeenCalledTimes(2);
    answer("up");
    await settle();
    expect(gate.up()).toBe(true);
    clock = 6999;
    gate.up();
    expect(probe).toHaveBeenCalledTimes(2);
    clock = 7000;
    gate.up();
    expect(probe).toHaveBeenCalledTimes(3);
  });

  it("keeps the last state when a probe cannot tell, or throws", async () => {
    let clock = 0;
    let next: () => Promise<ProbeResult> = async () => "down";
    const gate = createHealthGate({ probe: () => next(), now: () => clock });
    await gate.refresh();
    expect(gate.up()).toBe(false);
    next = async () => "unknown";
    clock = 10_000;
    await gate.refresh();
    expect(gate.up()).toBe(false);
    next = async () => {
      throw new Error("ECONNRESET");
    };
    await gate.refresh();
    expect(gate.up()).toBe(false);
    next = async () => "up";
    await gate.refresh();
    expect(gate.up()).toBe(true);
  });
});

describe("the health endpoint probe", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads 200 as up, 503 down as down, 503 busy and anything else as unknown", async () => {
    const answers: [number, string][] = [
      [200, '{"status":"ok","db":"ok"}'],
      [503, '{"status":"error","db":"down"}'],
      [503, '{"status":"error","db":"busy"}'],
      [503, "not json"],
      [500, "{}"],
      [404, "{}"],
    ];
    const fetch = vi.fn(async () => {
      const [status, body] = answers.shift()!;
      return new Response(body, { status });
    });
    vi.stubGlobal("fetch", fetch);
    const probe = healthEndpointProbe("http://localhost:3000/api/health");
    const results: string[] = [];
    for (let i = 0; i < 6; i++) results.push(await probe());
    expect(results).toEqual(["up", "down", "unknown", "down", "unknown", "unknown"]);
    expect(fetch).toHaveBeenCalledWith(
      "http://localhost:3000/api/health",
      expect.objectContaining({ cache: "no-store" }),
    );
  });
});

describe("a database that hangs is down, one that is busy is not", () => {
  const never = () => new Promise<never>(() => {});
  function later(): { promise: Promise<void>; answer: () => void; fail: () => void } {
    let answer = () => {};
    let fail = () => {};
    const promise = new Promise<void>((resolve, reject) => {
      answer = resolve;
      fail = () => reject(new Error("connection reset"));
    });
    return { promise, answer, fail };
  }

  it("is down once no query has answered since one started 15 s ago, and recovers", async () => {
    let clock = 0;
    const watch = createHangWatch({ hungAfterMs: 15_000, now: () => clock });
    void watch.track(never());
    clock = 3000;
    expect(watch.verdict()).toBe("busy");
    for (clock = 5000; clock < 15_000; clock += 5000) void watch.track(never());
    clock = 14_999;
    expect(watch.verdict()).toBe("busy");
    clock = 15_000;
    expect(watch.verdict()).toBe("down");
    const back = later();
    void watch.track(back.promise);
    clock = 18_000;
    expect(watch.verdict()).toBe("down");
    back.answer();
    await settle();
    expect(watch.verdict()).toBe("busy");
    clock = 20_000;
    void watch.track(never());
    clock = 34_999;
    expect(watch.verdict()).toBe("busy");
    clock = 35_000;
    expect(watch.verdict()).toBe("down");
  });

  it("stays busy while queries answer late, and a failure is no answer", async () => {
    let clock = 0;
    const watch = createHangWatch({ hungAfterMs: 15_000, now: () => clock });
    const queries: ReturnType<typeof later>[] = [];
    for (clock = 0; clock <= 60_000; clock += 1000) {
      if (clock % 5000 === 0) {
        const query = later();
        queries.push(query);
        void watch.track(query.promise);
      }
      // Each query answers 6 s after it was sent: slow, never in time, but answered.
      if (clock % 5000 === 1000 && clock > 5000) queries.shift()!.answer();
      await settle();
      expect(watch.verdict(), `at ${clock} ms`).toBe("busy");
    }
    const failing = later();
    for (const query of queries) query.answer();
    await settle();
    void watch.track(failing.promise.catch(() => {}).then(never));
    failing.fail();
    await settle();
    clock += 15_000;
    expect(watch.verdict()).toBe("down");
  });

  it("starts a lazy query (a drizzle query runs on each then) exactly once", async () => {
    const watch = createHangWatch();
    let runs = 0;
    const lazy: PromiseLike<number> = {
      then(onfulfilled, onrejected) {
        runs += 1;
        return Promise.resolve(1).then(onfulfilled, onrejected);
      },
    };
    const answer = watch.track(lazy);
    expect(await Promise.race([answer, never()])).toBe(1);
    expect(runs).toBe(1);
  });

  it("makes GET /api/health answer busy, then down after 15 s without an answer, then ok", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      let execute: () => Promise<unknown> = never;
      useConnection(
        { execute: () => execute() } as unknown as Database,
        "postgres",
        async () => {},
      );
      const ask = async () => {
        const response = GET();
        await vi.advanceTimersByTimeAsync(3000);
        return { status: (await response).status, body: await (await response).json() };
      };
      const results: string[] = [];
      for (let i = 0; i < 5; i++) {
        results.push((await ask()).body.db);
        await vi.advanceTimersByTimeAsync(1000);
      }
      // Asked at 0, 4, 8, 12 and 16 s, each answered 3 s later: down from 15 s after the first.
      expect(results).toEqual(["busy", "busy", "busy", "down", "down"]);
      execute = async () => [{ "?column?": 1 }];
      expect(await ask()).toEqual({ status: 200, body: { status: "ok", db: "ok" } });
      execute = never;
      expect(await ask()).toEqual({ status: 503, body: { status: "error", db: "busy" } });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("the service unavailable page", () => {
  it("speaks the visitor's language and direction, and reloads itself", () => {
    const ar = unavailablePage("ar");
    expect(ar).toContain('<html lang="ar" dir="rtl">');
    expect(ar).toContain("<title>الخدمة غير متاحة مؤقتًا</title>");
    expect(ar).toContain('<meta http-equiv="refresh" content="10">');
    expect(ar).not.toContain("<script");
    expect(unavailablePage("fr")).toContain("<h1>Service momentanément indisponible</h1>");
    expect(unavailablePage("fr")).toContain("Rien n&#39;a été perdu.");
    expect(unavailablePage("en")).toContain('<html lang="en" dir="ltr">');
  });
});
