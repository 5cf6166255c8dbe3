import { afterEach, describe, expect, it, vi } from "vitest";
import { createHealthGate, healthEndpointProbe, type ProbeResult } from "@/lib/health-gate";
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
