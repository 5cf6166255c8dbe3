import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import lighthouse from "lighthouse";
import { DEMO_PASSWORD } from "../../db/seed/people";
import { freePort } from "./server";
import { signIn } from "./session";
import { align } from "./stats";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.BENCH_URL ?? "http://127.0.0.1:3500" },
    roles: { type: "string", default: "staff,official,mentor" },
    runs: { type: "string", default: "1" },
    // Lighthouse's mobile default; a slower or faster machine may calibrate it (see below).
    "cpu-slowdown": { type: "string", default: "4" },
  },
});

const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--no-default-browser-check",
];

async function launchChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "hadina-lighthouse-"));
  const child: ChildProcess = spawn(
    process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    [
      ...CHROMIUM_FLAGS,
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    { stdio: "ignore" },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  };
  for (let i = 0; i < 60; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) return { port, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error("Chromium did not open its debugging port");
}

type Row = [
  page: string,
  performance: string,
  accessibility: string,
  fcp: string,
  lcp: string,
  tbt: string,
  cls: string,
];

/** One page's audit: the printed row, its performance score and the machine's CPU index. */
type Audit = { row: Row; performance: number; benchmarkIndex: number | undefined };

const cpuSlowdown = Number(values["cpu-slowdown"]);

async function audit(port: number, page: string, url: string, cookie?: string): Promise<Audit> {
  const result = await lighthouse(url, {
    port,
    logLevel: "error",
    output: "json",
    onlyCategories: ["performance", "accessibility"],
    // Merged over the mobile defaults, as the CLI's --throttling.cpuSlowdownMultiplier is.
    throttling: { cpuSlowdownMultiplier: cpuSlowdown },
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits, finalDisplayedUrl } = result.lhr;
  if (new URL(finalDisplayedUrl).pathname !== new URL(url).pathname)
    throw new Error(`${url} ended on ${finalDisplayedUrl}: the session did not hold`);
  const score = (key: string) => Math.round((categories[key]?.score ?? 0) * 100);
  const shown = (key: string) => audits[key]?.displayValue ?? "—";
  return {
    row: [
      page,
      String(score("performance")),
      String(score("accessibility")),
      shown("first-contentful-paint"),
      shown("largest-contentful-paint"),
      shown("total-blocking-time"),
      shown("cumulative-layout-shift"),
    ],
    performance: score("performance"),
    benchmarkIndex: result.lhr.environment.benchmarkIndex,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main() {
  const base = values.url.replace(/\/$/, "");
  const roles = values.roles
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  if (!(cpuSlowdown >= 1 && cpuSlowdown <= 20))
    throw new Error(`--cpu-slowdown must be from 1 to 20, not ${values["cpu-slowdown"]}`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 20)
    throw new Error(`--runs must be a whole number from 1 to 20, not ${values.runs}`);
  const chromium = await launchChromium();
  const audits: Audit[][] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const round: Audit[] = [await audit(chromium.port, "/login", `${base}/login`)];
      for (const role of roles) {
        const cookie = await signIn(base, `${role}@hadina.test`, DEMO_PASSWORD);
        round.push(await audit(chromium.port, `/ (${role})`, `${base}/`, cookie));
      }
      audits.push(round);
    }
  } finally {
    await chromium.stop();
  }
  const header: Row = ["page", "performance", "accessibility", "FCP", "LCP", "TBT", "CLS"];
  console.log(
    `\nLighthouse 12.2.3, mobile (simulated slow 4G, ${cpuSlowdown}× CPU slowdown), ${base}`,
  );
  audits.forEach((round, run) => {
    if (runs > 1) console.log(`\nRun ${run + 1} of ${runs}`);
    console.log(align([header, ...round.map((a) => a.row)]));
  });
  if (runs > 1) {
    console.log(`\nPerformance over ${runs} runs`);
    const pages = audits[0]!.map((a) => a.row[0]);
    console.log(
      align([
        ["page", "min", "median", "max"],
        ...pages.map((page, i) => {
          const scores = audits.map((round) => round[i]!.performance);
          return [
            page,
            String(Math.min(...scores)),
            String(median(scores)),
            String(Math.max(...scores)),
          ];
        }),
      ]),
    );
  }
  // The slowdown multiplies what this machine measured. Lighthouse's docs (throttling.md) put a
  // desktop at 1,000–2,000 on this index and calibrate the 4× for it: a slower or busier machine
  // reports more blocking time than a mid-tier phone would see, a faster one less.
  const indexes = audits.flat().flatMap((a) => (a.benchmarkIndex ? [a.benchmarkIndex] : []));
  if (indexes.length > 0)
    console.log(
      `\nThis machine's Lighthouse benchmark index: ${Math.round(Math.min(...indexes))}–` +
        `${Math.round(Math.max(...indexes))} (the 4× slowdown is calibrated for 1,000–2,000; ` +
        "above that it understates a mid-tier phone's blocking time, below it overstates it)",
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
