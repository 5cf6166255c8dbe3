import { describe, expect, it } from "vitest";
import { parseSignInError, throttledError, UNAVAILABLE } from "@/lib/sign-in-error";

describe("the sign-in error the browser receives", () => {
  it("reads a refusal with its minutes, and nothing else as one", () => {
    expect(parseSignInError(throttledError(15))).toEqual({ kind: "throttled", minutes: 15 });
    expect(parseSignInError("throttled:1")).toEqual({ kind: "throttled", minutes: 1 });
    for (const forged of [
      "throttled:0",
      "throttled:-3",
      "throttled:2.5",
      "throttled:x",
      "throttled:99999",
    ]) {
      expect(parseSignInError(forged)).toEqual({ kind: "failed" });
    }
  });

  it("keeps the generic failure for ordinary failures and tells an outage apart", () => {
    expect(parseSignInError("CredentialsSignin")).toEqual({ kind: "failed" });
    expect(parseSignInError(null)).toEqual({ kind: "failed" });
    expect(parseSignInError(UNAVAILABLE)).toEqual({ kind: "unavailable" });
  });
});
