import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { TcpProxy } from "./tcp-proxy";

/**
 * The production build, served a second time on PostgreSQL through a TCP relay that the test cuts
 * and restores. Needs the PostgreSQL of the machine (OUTAGE_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres); skipped when it does not answer.
 */
const ADMIN_URL = process.env.OUTAGE_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.OUTAGE_PORT || Number(process.env.E2E_PORT || 3100) + 1);
const BASE = `http://localhost:${PORT}`;

const name = `hadina_outage_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
const relay = new TcpProxy(new URL(ADMIN_URL).hostname, Number(new URL(ADMIN_URL).port || 5432));
let admin: postgres.Sql | null = null;
let server: ChildProcess | null = null;
let dataDir = "";

test.describe.configure({ mode: "serial", timeout: 180_000 });

async function status(pathname: string, headers: Record<string, string> = {}) {
  try {
    const response = await fetch(BASE + pathname, { headers, redirect: "manual" });
    return { status: response.status, headers: response.headers, body: await response.text() };
  } catch {
    return { status: 0, headers: new Headers(), body: "" };
  }
}

/** Polls until `pathname` answers `expected`, and returns how long it took. */
async function waitFor(pathname: string, expected: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if ((await status(pathname)).status === expected) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${pathname} did not answer ${expected} within ${timeoutMs} ms`);
}

test.beforeAll(async () => {
  admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch {
    await admin.end({ timeout: 1 });
    admin = null;
    test.skip(true, `no PostgreSQL at ${ADMIN_URL}`);
  }
  await admin!.unsafe(`create database "${name}"`);
  await relay.start();
  const target = new URL(ADMIN_URL);
  target.hostname = "127.0.0.1";
  target.port = String(relay.port);
  target.pathname = `/${name}`;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hadina-outage-"));
  server = spawn(
    process.execPath,
    [
      path.resolve("node_modules/tsx/dist/cli.mjs"),
      "--conditions=react-server",
      "scripts/serve.ts",
      "start",
    ],
    {
      env: {
        ...process.env,
        PORT: String(PORT),
        DATABASE_URL: target.toString(),
        DATABASE_POOL_SIZE: "3",
        NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
        DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true,
    },
  );
  await waitFor("/api/health", 200, 120_000);
});

test.afterAll(async () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await relay.close();
  await admin?.unsafe(`drop database if exists "${name}" with (force)`);
  await admin?.end({ timeout: 5 });
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test("pages answer a localized 503 while the database is away, and recover by themselves", async () => {
  expect((await status("/login")).status).toBe(200);

  await relay.cut();
  const noticed = await waitFor("/api/health", 503, 15_000);
  expect(JSON.parse((await status("/api/health")).body)).toEqual({ status: "error", db: "down" });
  const gated = await waitFor("/login", 503, 15_000);
  const page = await status("/cooperatives", { "accept-language": "fr-MA,fr;q=0.9" });
  expect(page.status).toBe(503);
  expect(page.headers.get("retry-after")).toBe("10");
  expect(page.headers.get("cache-control")).toBe("no-store");
  expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  expect(page.body).toContain('<html lang="fr" dir="ltr">');
  expect(page.body).toContain("<h1>Service momentanément indisponible</h1>");
  const arabic = await status("/login", { cookie: "hadina_locale=ar" });
  expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
  expect(arabic.body).toContain("الخدمة غير متاحة مؤقتًا");

  await relay.restore();
  const recovered = await waitFor("/login", 200, 20_000);
  expect((await status("/api/health")).status).toBe(200);
  console.log(
    `outage: health 503 after ${noticed} ms, pages 503 after ${gated} ms more, ` +
      `pages back ${recovered} ms after the database returned`,
  );
});

test("a database that hangs (never answers) is down after 15 s, not busy forever", async () => {
  await waitFor("/login", 200, 20_000);
  relay.hang();
  const started = Date.now();
  try {
    let body = "";
    while (Date.now() - started < 60_000) {
      body = (await status("/api/health")).body;
      if (body.includes('"down"')) break;
      // Until then the database is only "busy": pages are not gated yet.
      expect(body).toContain('"busy"');
    }
    expect(JSON.parse(body)).toEqual({ status: "error", db: "down" });
    const noticed = Date.now() - started;
    expect(noticed).toBeGreaterThanOrEqual(15_000);
    const gated = await waitFor("/login", 503, 15_000);
    relay.resume();
    const recovered = await waitFor("/login", 200, 30_000);
    expect((await status("/api/health")).status).toBe(200);
    console.log(
      `hang: health down after ${noticed} ms, pages 503 after ${gated} ms more, ` +
        `pages back ${recovered} ms after the stall ended`,
    );
  } finally {
    relay.resume();
  }
});
