import "server-only";
import { z } from "zod";
import type { Database } from "@/db";
import { findUserByEmail, recordSignIn, setUserLocale, type SessionUser } from "@/db/queries/users";
import { isLocale } from "./i18n/config";
import { burnVerification, verifyPassword } from "./password";

const credentials = z.object({
  email: z.string().trim().toLowerCase().min(3).max(320),
  password: z.string().min(1).max(1024),
});

export type AuthenticatedUser = SessionUser & { sessionVersion: number };

/**
 * One answer for every failure: unknown account, wrong password, deactivated account.
 * `locale` is the language chosen on this device before signing in (the locale cookie): the
 * latest explicit choice, it becomes the account's saved language.
 */
export async function authenticate(
  db: Database,
  input: { email?: unknown; password?: unknown; ip?: string | null; locale?: string | null },
): Promise<AuthenticatedUser | null> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = input.ip ?? null;
  const user = await findUserByEmail(db, email);
  if (!user) {
    await burnVerification(password);
    await recordSignIn(db, { email, userId: null, success: false, ip });
    return null;
  }
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid || !user.active) {
    await recordSignIn(db, { email, userId: user.id, success: false, ip });
    return null;
  }
  await recordSignIn(db, { email, userId: user.id, success: true, ip });
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
