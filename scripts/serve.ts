import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { prepareDatabase } from "../db/bootstrap";
import { dataDir } from "../db/index";
import { todayIso } from "../lib/dates";
import { EnvError, parseEnv } from "../lib/env";
import { SERVER_NODE_FLAGS } from "./server-node-flags";

const mode = process.argv[2];
if (mode !== "start" && mode !== "dev" && mode !== "demo") {
  console.error("usage: tsx scripts/serve.ts start|dev|demo");
  process.exit(2);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function localSecret(dir: string): string {
  const file = path.join(dir, "nextauth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  console.log(`Generated a session secret in ${file}.`);
  return secret;
}

const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
];

function newestChange(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .reduce(
      (latest, child) => Math.max(latest, newestChange(path.join(entry, child))),
      stat.mtimeMs,
    );
}

function needsBuild(): boolean {
  const buildId = path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  return SOURCES.some((entry) => newestChange(entry) > built);
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

function runNext(args: string[], env: NodeJS.ProcessEnv): never | void {
  const result = spawnSync(process.execPath, [nextBin, ...args], { stdio: "inherit", env });
  if (result.status !== 0) fail(`next ${args[0]} failed.`);
}

async function main() {
  let config;
  try {
    config = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
  const secret = config.NEXTAUTH_SECRET ?? localSecret(dataDir());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXTAUTH_SECRET: secret,
    AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? "true",
    NEXT_TELEMETRY_DISABLED: "1",
    TZ: "Africa/Casablanca",
    DATA_DIR: dataDir(),
  };
  process.env.NEXTAUTH_SECRET = secret;

  if (mode === "demo" && needsBuild()) {
    console.log("Building the app (first start only, about a minute)…");
    runNext(["build"], { ...env, NODE_ENV: "production" });
  }

  await prepareDatabase({
    seedDemo: config.SEED_DEMO ? "if-empty" : "if-embedded",
    today: config.DEMO_TODAY ?? todayIso(),
  });

  const port = String(config.PORT);
  const args = mode === "dev" ? ["dev", "-p", port] : ["start", "-p", port];
  const flags = mode === "dev" ? [] : SERVER_NODE_FLAGS;
  const child = spawn(process.execPath, [...flags, nextBin, ...args], { stdio: "inherit", env });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
