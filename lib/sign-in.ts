import "server-only";
import "@/lib/zod";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db";
import {
  recordThrottledSignIn,
  signInThrottle,
  type SignInLimits,
  type ThrottleScope,
} from "@/db/queries/throttle";
import { findUserByEmail, recordSignIn, setUserLocale, type SessionUser } from "@/db/queries/users";
import { env } from "./env";
import { isLocale } from "./i18n/config";
import { burnVerification, verifyPassword } from "./password";
import { isStorableText } from "./validation/common";

const credentials = z.object({
  email: z.string().trim().toLowerCase().min(3).max(320).refine(isStorableText),
  password: z.string().min(1).max(1024),
});

export type AuthenticatedUser = SessionUser & { sessionVersion: number };

/** Too many failures: refused without checking the password, whatever it is. */
export class SignInThrottledError extends Error {
  override name = "SignInThrottledError";
  constructor(
    readonly scope: ThrottleScope,
    readonly retryAfterMinutes: number,
  ) {
    super(`sign-in refused for ${retryAfterMinutes} min (${scope})`);
  }
}

export function signInLimits(): SignInLimits {
  const config = env();
  return {
    perAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perAddress: config.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: config.LOGIN_WINDOW_MINUTES,
  };
}

/**
 * One answer for every failure: unknown account, wrong password, deactivated account.
 * Past the limits of failures it throws SignInThrottledError, for known and unknown emails alike.
 * `locale` is the language chosen on this device before signing in (the locale cookie): the
 * latest explicit choice, it becomes the account's saved language.
 */
export async function authenticate(
  db: Database,
  input: { email?: unknown; password?: unknown; ip?: string | null; locale?: string | null },
  limits: SignInLimits = signInLimits(),
): Promise<AuthenticatedUser | null> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = input.ip ?? null;
  // Check, verify and record under one lock per email, in one transaction: two attempts at once
  // one failure short of the limit would otherwise both be let through. A refusal is recorded
  // inside and thrown outside, so the rollback of a throw cannot take its record with it.
  const outcome = await db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in:${email.trim().toLowerCase()}`}, 0))`,
    );
    const throttle = await signInThrottle(tx, { email, ip, limits });
    const user = await findUserByEmail(tx, email);
    if (throttle.blocked) {
      const retryAfterMinutes = Math.max(1, Math.ceil(throttle.retryAfterSeconds / 60));
      await recordThrottledSignIn(tx, {
        email,
        userId: user?.id ?? null,
        ip,
        scope: throttle.scope,
        retryAfterMinutes,
      });
      return { kind: "throttled", scope: throttle.scope, retryAfterMinutes } as const;
    }
    if (!user) {
      await burnVerification(password);
      await recordSignIn(tx, { email, userId: null, success: false, ip });
      return { kind: "failed" } as const;
    }
    const valid = await verifyPassword(user.passwordHash, password);
    if (!valid || !user.active) {
      await recordSignIn(tx, { email, userId: user.id, success: false, ip });
      return { kind: "failed" } as const;
    }
    await recordSignIn(tx, { email, userId: user.id, success: true, ip });
    return { kind: "signed-in", user } as const;
  });
  if (outcome.kind === "throttled")
    throw new SignInThrottledError(outcome.scope, outcome.retryAfterMinutes);
  if (outcome.kind === "failed") return null;
  const { user } = outcome;
  const chosen = isLocale(input.locale) ? input.locale : null;
  if (chosen && chosen !== user.locale) await setUserLocale(db, user.id, chosen);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: chosen ?? user.locale,
    mustChangePassword: user.mustChangePassword,
    sessionVersion: user.sessionVersion,
  };
}
