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

async function audit(port: number, page: string, url: string, cookie?: string): Promise<Row> {
  const result = await lighthouse(url, {
    port,
    logLevel: "error",
    output: "json",
    onlyCategories: ["performance", "accessibility"],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits, finalDisplayedUrl } = result.lhr;
  if (new URL(finalDisplayedUrl).pathname !== new URL(url).pathname)
    throw new Error(`${url} ended on ${finalDisplayedUrl}: the session did not hold`);
  const score = (key: string) => String(Math.round((categories[key]?.score ?? 0) * 100));
  const shown = (key: string) => audits[key]?.displayValue ?? "—";
  return [
    page,
    score("performance"),
    score("accessibility"),
    shown("first-contentful-paint"),
    shown("largest-contentful-paint"),
    shown("total-blocking-time"),
    shown("cumulative-layout-shift"),
  ];
}

async function main() {
  const base = values.url.replace(/\/$/, "");
  const roles = values.roles
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const chromium = await launchChromium();
  const rows: Row[] = [];
  try {
    rows.push(await audit(chromium.port, "/login", `${base}/login`));
    for (const role of roles) {
      const cookie = await signIn(base, `${role}@hadina.test`, DEMO_PASSWORD);
      rows.push(await audit(chromium.port, `/ (${role})`, `${base}/`, cookie));
    }
  } finally {
    await chromium.stop();
  }
  console.log(`\nLighthouse 12.2.3, mobile (simulated slow 4G, 4× CPU slowdown), ${base}`);
  console.log(
    align([["page", "performance", "accessibility", "FCP", "LCP", "TBT", "CLS"], ...rows]),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
