import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { SERVER_NODE_FLAGS } from "../server-node-flags";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

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

/** Where `--snapshot` copies the app to build it; `.next-*` keeps it out of git, tsc and eslint. */
export const SNAPSHOT_DIR = ".next-bench-src";
const COPIED = [
  ...SOURCES.filter((entry) => entry !== "package-lock.json"),
  "scripts",
  "tsconfig.json",
  "postcss.config.mjs",
  "package.json",
];

/**
 * Builds into `distDir` when it has no build yet, or the sources changed since (or when forced).
 * With `snapshot`, the app's sources (no tests) are first copied into SNAPSHOT_DIR and built and
 * served there: edits made in the checkout while the benchmark runs, or half-finished work
 * elsewhere in the tree, then change nothing. Returns the directory to serve from.
 */
export function ensureBuild(options: {
  distDir: string;
  force: boolean;
  /** Serve the existing build even if the sources changed since. */
  reuse: boolean;
  snapshot: boolean;
  /** Where the snapshot goes (default SNAPSHOT_DIR): a tool of its own keeps its own copy. */
  snapshotDir?: string;
}): string {
  const dir = options.snapshot ? path.resolve(options.snapshotDir ?? SNAPSHOT_DIR) : process.cwd();
  const buildId = path.join(dir, options.distDir, "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const current = options.reuse || !SOURCES.some((entry) => newestChange(entry) > built);
  if (!options.force && built > 0 && current) return dir;
  if (options.snapshot) {
    for (const entry of COPIED) {
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
      if (fs.existsSync(entry))
        fs.cpSync(entry, path.join(dir, entry), { recursive: true, preserveTimestamps: true });
    }
  }
  console.log(`Building ${path.relative(process.cwd(), dir) || "."} into ${options.distDir}…`);
  // The build needs no database; with DATABASE_URL set, the app's configuration check would
  // also demand NEXTAUTH_SECRET while collecting page data.
  const env = { ...process.env, DATABASE_URL: undefined };
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: dir,
    stdio: "inherit",
    env: {
      ...env,
      NEXT_DIST_DIR: options.distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
  });
  if (result.status !== 0) throw new Error("next build failed");
  return dir;
}

/** A port the system says is free now, outside the ranges the team's servers use. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export type Server = { url: string; pid: number | undefined; stop: () => Promise<void> };

async function waitUntilHealthy(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server at ${url} did not answer /api/health within ${timeoutMs / 1000} s`);
}

/**
 * `next start` of the build in `distDir` against `databaseUrl` (or, without one, the embedded
 * database in `dataDir`), in a process group of its own.
 */
export async function startServer(options: {
  databaseUrl: string | undefined;
  /** The embedded database's DATA_DIR, used when there is no databaseUrl. */
  dataDir?: string;
  distDir: string;
  cwd: string;
  /** Default: a free port. */
  port?: number;
}): Promise<Server> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [...SERVER_NODE_FLAGS, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
      NEXT_DIST_DIR: options.distDir,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? crypto.randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      TZ: "Africa/Casablanca",
      PORT: String(port),
    },
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilHealthy(url, child, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, stop };
}
