import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("environment", () => {
  it("has sensible defaults for the embedded database", () => {
    const env = parseEnv({});
    expect(env.DATA_DIR).toBe(".data");
    expect(env.PORT).toBe(3000);
    expect(env.SEED_DEMO).toBe(false);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_PREPARE).toBe("on");
  });

  it("refuses PostgreSQL without a session secret, saying what to set", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://u@localhost/db" })).toThrowError(EnvError);
    expect(() => parseEnv({ DATABASE_URL: "postgres://u@localhost/db" })).toThrowError(
      /NEXTAUTH_SECRET/,
    );
    const ok = parseEnv({
      DATABASE_URL: "postgres://u@localhost/db",
      NEXTAUTH_SECRET: "x".repeat(32),
    });
    expect(ok.DATABASE_URL).toBe("postgres://u@localhost/db");
  });

  it("rejects malformed values", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrowError(/PORT/);
    expect(() => parseEnv({ DEMO_TODAY: "29/11/2026" })).toThrowError(/DEMO_TODAY/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrowError(/DATABASE_URL/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrowError(/32/);
    expect(() => parseEnv({ DATABASE_PREPARE: "no" })).toThrowError(/DATABASE_PREPARE/);
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SEED_DEMO: "1" }).SEED_DEMO).toBe(true);
  });
});
