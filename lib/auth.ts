import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { endSessions } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { env } from "./env";
import { LOCALE_COOKIE } from "./i18n/config";
import { authenticate, SignInThrottledError } from "./sign-in";
import { throttledError, UNAVAILABLE } from "./sign-in-error";

process.env.AUTH_TRUST_HOST ??= "true";

declare module "next-auth" {
  interface Session {
    user: { id: number; role: Role; name: string; email: string; sv: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    role?: Role;
    sv?: number;
  }
}

function chosenLocale(headers: Record<string, unknown> | undefined): string | null {
  const cookie = headers?.["cookie"];
  if (typeof cookie !== "string") return null;
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`));
  return match?.[1] ?? null;
}

/**
 * The last X-Forwarded-For entry is the one the nearest proxy saw (nginx appends it, and Next
 * sets it from the socket when absent); the first one is whatever the client chose to send, and
 * would let it escape the per-address sign-in limit.
 */
function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded === "string" && forwarded.trim()) {
    return forwarded.split(",").at(-1)!.trim().slice(0, 64);
  }
  const real = headers?.["x-real-ip"];
  return typeof real === "string" ? real : null;
}

export const authOptions: AuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: Math.round(env().SESSION_MAX_AGE_HOURS * 3600) },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        let user;
        try {
          user = await authenticate(await getDb(), {
            email: credentials?.email,
            password: credentials?.password,
            ip: clientIp(request.headers),
            locale: chosenLocale(request.headers),
          });
        } catch (error) {
          // The message is what the login page receives: never a database error's text.
          if (error instanceof SignInThrottledError) {
            throw new Error(throttledError(error.retryAfterMinutes));
          }
          console.error(error);
          throw new Error(UNAVAILABLE);
        }
        if (!user) return null;
        return {
          id: String(user.id),
          name: user.name,
          email: user.email,
          role: user.role,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const signedIn = user as typeof user & { role: Role; sessionVersion: number };
        token.uid = Number(signedIn.id);
        token.role = signedIn.role;
        token.sv = signedIn.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.uid ?? 0,
        role: token.role ?? "official",
        name: token.name ?? "",
        email: token.email ?? "",
        sv: token.sv ?? 0,
      };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.uid === "number") await endSessions(await getDb(), token.uid, "sign_out");
    },
  },
};
