import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, describe, expect, it } from "vitest";

/*
 * The embedded database survives the server being killed (SIGKILL) in the middle of writes: a
 * child process opens a data directory through the app's own path (db/index.ts: the lock file,
 * then PGlite), migrates, and commits transactions of two audit entries in a loop, printing each
 * one's key only once its commit has returned. It is killed at a random moment, then started
 * again on the same directory, several times: each start must take over the dead process's
 * lock, open the database, and find every acknowledged transaction, each one whole.
 */

const CHILD = path.resolve("tests/unit/pglite-sigkill-child.ts");
const KILLS = 5;
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "hadina-sigkill-"));
const dataRoot = path.join(temp, "data");
const lockFile = path.join(dataRoot, "pglite.lock");

afterAll(() => {
  fs.rmSync(temp, { recursive: true, force: true });
});

type Message = { pid?: number; present?: Record<string, number>; ack?: string; error?: string };

class Child {
  readonly process: ChildProcess;
  readonly messages: Message[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly closed: Promise<void>;
  private stderr = "";
  private waiters: (() => void)[] = [];

  constructor(run: number, verifyOnly = false) {
    this.process = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", CHILD],
      {
        cwd: process.cwd(),
        env: {
          ...process.env,
          DATABASE_URL: "",
          DATA_DIR: dataRoot,
          SIGKILL_RUN: String(run),
          SIGKILL_VERIFY_ONLY: verifyOnly ? "1" : "",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.process.stderr!.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    const lines = readline.createInterface({ input: this.process.stdout! });
    lines.on("line", (line) => {
      try {
        this.messages.push(JSON.parse(line) as Message);
      } catch {
        this.messages.push({ error: `unexpected output: ${line}` });
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => lines.once("close", resolve));
    this.exited = new Promise((resolve) =>
      this.process.once("exit", (code, signal) => {
        for (const wake of this.waiters.splice(0)) wake();
        resolve({ code, signal });
      }),
    );
  }

  get acks(): string[] {
    return this.messages.flatMap((m) => (m.ack ? [m.ack] : []));
  }

  /** Waits until `done` holds (or the process has exited, or 30 s have passed). */
  async until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!done()) {
      const error = this.messages.find((m) => m.error);
      if (error) throw new Error(`child failed: ${error.error}\n${this.stderr}`);
      if (
        this.process.exitCode !== null ||
        this.process.signalCode !== null ||
        Date.now() > deadline
      ) {
        throw new Error(`child stopped or timed out waiting for ${what}\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first message: the child's pid and what the database holds (run key: rows). */
  async hello(): Promise<Required<Pick<Message, "pid" | "present">>> {
    await this.until(() => this.messages.some((m) => m.present), "the database to open");
    const hello = this.messages.find((m) => m.present)!;
    return { pid: hello.pid!, present: hello.present! };
  }
}

/** Every acknowledged transaction is there, and no transaction is there in part. */
function checkPresent(present: Record<string, number>, acked: Set<string>, after: string) {
  const missing = [...acked].filter((key) => present[key] === undefined);
  expect(missing, `acknowledged writes lost ${after}`).toEqual([]);
  const partial = Object.entries(present).filter(([, rows]) => rows !== 2);
  expect(partial, `transactions found in part ${after}`).toEqual([]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const random = (below: number) => Math.floor(Math.random() * below);

describe("the embedded database killed with SIGKILL during writes", () => {
  it(`takes over the stale lock, opens, and keeps every acknowledged write (${KILLS} kills)`, async () => {
    const acked = new Set<string>();
    const history: string[] = [];
    for (let run = 1; run <= KILLS; run++) {
      const after = `after ${history.join(", ") || "nothing"}`;
      if (run > 1) {
        // The killed process's lock is still there, naming a process that no longer exists.
        expect(fs.readFileSync(lockFile, "utf8")).toMatch(/^\d+$/);
      }
      const child = new Child(run);
      try {
        const { pid, present } = await child.hello();
        expect(fs.readFileSync(lockFile, "utf8"), "the lock was taken over").toBe(String(pid));
        checkPresent(present, acked, after);
        const target = 5 + random(60);
        await child.until(() => child.acks.length >= target, `${target} acknowledged writes`);
        await sleep(random(40));
      } finally {
        child.process.kill("SIGKILL");
      }
      expect((await child.exited).signal).toBe("SIGKILL");
      await child.closed;
      for (const key of child.acks) acked.add(key);
      history.push(`kill ${run} after ${child.acks.length} acks`);
      expect(fs.readFileSync(lockFile, "utf8")).toBe(String(child.process.pid));
    }

    const last = new Child(0, true);
    const { pid, present } = await last.hello();
    expect(pid).toBe(last.process.pid);
    checkPresent(present, acked, `after ${history.join(", ")}`);
    expect(Object.keys(present).length).toBeGreaterThanOrEqual(acked.size);
    expect((await last.exited).code).toBe(0);
    expect(fs.existsSync(lockFile), "a clean close releases the lock").toBe(false);
    expect(acked.size).toBeGreaterThanOrEqual(KILLS * 5);
  }, 90_000);
});
