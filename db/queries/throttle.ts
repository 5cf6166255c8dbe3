import "server-only";
import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../index";
import { loginAttempts } from "../schema";
import { writeAudit } from "./audit";

export type SignInLimits = {
  /** Failures allowed for one email within the window (since its last success). */
  perAccount: number;
  /** Failures allowed from one address within the window, across every email. */
  perAddress: number;
  windowMinutes: number;
};

export type ThrottleScope = "account" | "address";

export type SignInThrottle =
  { blocked: false } | { blocked: true; scope: ThrottleScope; retryAfterSeconds: number };

/**
 * Seconds until the `limit`-th most recent failure matching `where` leaves the window, or null
 * while fewer than `limit` failures are in it. Times are the database's, so several app instances
 * agree on them.
 */
async function secondsUntilBelowLimit(
  db: Executor,
  where: SQL | undefined,
  limit: number,
  windowMinutes: number,
): Promise<number | null> {
  const window = sql`make_interval(mins => ${windowMinutes}::int)`;
  const [row] = await db
    .select({
      wait: sql<number>`extract(epoch from ${loginAttempts.at} + ${window} - now())`.mapWith(
        Number,
      ),
    })
    .from(loginAttempts)
    .where(
      and(where, eq(loginAttempts.success, false), gt(loginAttempts.at, sql`now() - ${window}`)),
    )
    .orderBy(desc(loginAttempts.at))
    .offset(limit - 1)
    .limit(1);
  return row && row.wait > 0 ? row.wait : null;
}

/**
 * Whether a sign-in may be tried now. The account's count covers the failures since its last
 * success; the address's count covers every failure from it, so a valid account of one's own
 * cannot be used to reset it. Unknown emails are counted like known ones: the answer never tells
 * whether an account exists. Refused attempts are not failures (no password was checked), so a
 * refusal lasts until the window has passed over the failures, however often it is retried.
 */
export async function signInThrottle(
  db: Executor,
  input: { email: string; ip: string | null; limits: SignInLimits },
): Promise<SignInThrottle> {
  const { email, ip, limits } = input;
  const lastSuccess = sql`coalesce((select max(s.at) from ${loginAttempts} s where s.email = ${email} and s.success), '-infinity'::timestamptz)`;
  const account = await secondsUntilBelowLimit(
    db,
    and(eq(loginAttempts.email, email), gt(loginAttempts.at, lastSuccess)),
    limits.perAccount,
    limits.windowMinutes,
  );
  if (account !== null) return { blocked: true, scope: "account", retryAfterSeconds: account };
  if (ip === null) return { blocked: false };
  const address = await secondsUntilBelowLimit(
    db,
    eq(loginAttempts.ip, ip),
    limits.perAddress,
    limits.windowMinutes,
  );
  if (address !== null) return { blocked: true, scope: "address", retryAfterSeconds: address };
  return { blocked: false };
}

/**
 * A refused attempt goes to the audit log only: login_attempts holds the password checks that
 * the limits count, and a refusal is not one.
 */
export async function recordThrottledSignIn(
  db: Executor,
  input: {
    email: string;
    userId: number | null;
    ip: string | null;
    scope: ThrottleScope;
    retryAfterMinutes: number;
  },
): Promise<void> {
  await writeAudit(db, {
    actorId: input.userId,
    action: "sign_in_throttled",
    entity: "user",
    entityId: input.userId,
    after: {
      email: input.email,
      scope: input.scope,
      retry_after_minutes: input.retryAfterMinutes,
    },
    ip: input.ip,
  });
}

/** Sign-in attempts (email, address, time) are deleted this many days after they were made. */
export const SIGN_IN_ATTEMPTS_KEPT_DAYS = 90;

/**
 * Deletes attempts past their retention. It runs at every sign-in: it looks only at the `batch`
 * oldest rows by id (the primary key's start, so never a scan of the table) and deletes those
 * that expired, which drains old rows far faster than one sign-in adds one.
 */
export async function purgeExpiredSignInAttempts(db: Executor, batch = 100): Promise<number> {
  const oldest = db
    .select({ id: loginAttempts.id })
    .from(loginAttempts)
    .orderBy(asc(loginAttempts.id))
    .limit(batch);
  const deleted = await db
    .delete(loginAttempts)
    .where(
      and(
        inArray(loginAttempts.id, oldest),
        lt(
          loginAttempts.at,
          sql`now() - make_interval(days => ${SIGN_IN_ATTEMPTS_KEPT_DAYS}::int)`,
        ),
      ),
    )
    .returning({ id: loginAttempts.id });
  return deleted.length;
}
