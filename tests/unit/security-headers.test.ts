import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, createNonce } from "@/lib/csp";
import { isSameOrigin, servedOverHttps } from "@/lib/origin";

describe("Content-Security-Policy", () => {
  it("allows scripts by nonce only, and eval in development only", () => {
    expect(contentSecurityPolicy("abc", { development: false })).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'",
    );
    expect(contentSecurityPolicy("abc", { development: true })).toContain(
      "script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval';",
    );
  });

  it("makes a new 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

function post(headers: Record<string, string>, url = "http://localhost:3000/api/x") {
  return new Request(url, { method: "POST", headers });
}

describe("Origin check of mutating route handlers", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("accepts the host the request was sent to, directly or behind a proxy", () => {
    expect(isSameOrigin(post({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(
      true,
    );
    expect(
      isSameOrigin(
        post({
          origin: "https://hadina.example.ma",
          host: "127.0.0.1:3000",
          "x-forwarded-host": "hadina.example.ma",
        }),
      ),
    ).toBe(true);
    vi.stubEnv("NEXTAUTH_URL", "https://hadina.example.ma");
    expect(isSameOrigin(post({ origin: "https://hadina.example.ma", host: "10.0.0.5" }))).toBe(
      true,
    );
  });

  it("refuses another site, a missing or malformed Origin", () => {
    expect(isSameOrigin(post({ origin: "https://evil.example", host: "localhost:3000" }))).toBe(
      false,
    );
    expect(isSameOrigin(post({ origin: "http://localhost:3001", host: "localhost:3000" }))).toBe(
      false,
    );
    expect(isSameOrigin(post({ host: "localhost:3000" }))).toBe(false);
    expect(isSameOrigin(post({ origin: "null", host: "localhost:3000" }))).toBe(false);
  });
});

describe("HTTPS detection for cookies", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("follows NEXTAUTH_URL when set, else X-Forwarded-Proto", () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    expect(servedOverHttps(new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(servedOverHttps(new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(servedOverHttps(new Headers())).toBe(false);
    vi.stubEnv("NEXTAUTH_URL", "https://hadina.example.ma");
    expect(servedOverHttps(new Headers())).toBe(true);
  });
});
