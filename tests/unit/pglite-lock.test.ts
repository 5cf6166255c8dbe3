import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseLockedError, acquireLock } from "@/db";

const dirs: string[] = [];

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hadina-lock-"));
  dirs.push(dir);
  return path.join(dir, "pglite");
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("embedded database lock", () => {
  it("is taken, written with the pid, and released", () => {
    const dir = tempDataDir();
    const release = acquireLock(dir);
    expect(fs.readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses a second process while the first is alive, with a clear message", async () => {
    const dir = tempDataDir();
    const other = spawn(process.execPath, [
      "-e",
      'process.title = "next-server"; setTimeout(() => {}, 30000)',
    ]);
    try {
      await new Promise((resolve) => other.once("spawn", resolve));
      fs.writeFileSync(`${dir}.lock`, String(other.pid));
      expect(() => acquireLock(dir)).toThrowError(DatabaseLockedError);
      expect(() => acquireLock(dir)).toThrowError(
        new RegExp(`in use by another process \\(pid ${other.pid}\\)`),
      );
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = tempDataDir();
    const dead = spawn(process.execPath, ["-e", "0"]);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.once("exit", resolve));
    fs.writeFileSync(`${dir}.lock`, String(pid));
    const release = acquireLock(dir);
    expect(fs.readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });

  it("takes over an unreadable lock", () => {
    const dir = tempDataDir();
    fs.writeFileSync(`${dir}.lock`, "garbage");
    expect(() => acquireLock(dir)()).not.toThrow();
  });
});
