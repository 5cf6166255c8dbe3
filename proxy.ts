import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "@/lib/csp";
import { createHealthGate, healthEndpointProbe, type HealthGate } from "@/lib/health-gate";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/config";
import { servedOverHttps } from "@/lib/origin";
import { RETRY_AFTER_SECONDS, unavailablePage } from "@/lib/unavailable-page";

const holder = globalThis as typeof globalThis & { __hadinaHealthGate?: HealthGate };

/** Next records the origin it listens on; the health route is asked there, never via the Host. */
function healthGate(): HealthGate {
  const origin =
    process.env.__NEXT_PRIVATE_ORIGIN || `http://localhost:${process.env.PORT || 3000}`;
  holder.__hadinaHealthGate ??= createHealthGate({
    probe: healthEndpointProbe(new URL("/api/health", origin).toString()),
  });
  return holder.__hadinaHealthGate;
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function unavailable(request: NextRequest, csp: string): NextResponse {
  const locale = resolveLocale({
    cookie: request.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: request.headers.get("accept-language"),
  });
  const response = new NextResponse(unavailablePage(locale), {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "retry-after": String(RETRY_AFTER_SECONDS),
    },
  });
  return withSecurityHeaders(response, csp);
}

/**
 * Every page goes through here: it gets a Content-Security-Policy with a fresh nonce, a 503 page
 * while the database is down, and anonymous visitors are sent to /login. This is not
 * authorization: every page, action and route handler checks the session and role itself through
 * lib/dal.ts.
 */
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
  });
  if (!healthGate().up()) return unavailable(request, csp);

  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  headers.set("x-pathname", pathname);
  const next = () => withSecurityHeaders(NextResponse.next({ request: { headers } }), csp);
  // The sign-in page (and a 404 below it) and the privacy notice are the public pages.
  if (pathname.startsWith("/login") || pathname === "/privacy") return next();

  const token = await getToken({
    req: request,
    secret: process.env.NEXTAUTH_SECRET,
    secureCookie: servedOverHttps(request.headers),
  });
  if (token) return next();
  const login = new URL("/login", request.url);
  const target = pathname + search;
  if (target !== "/") login.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|robots.txt|.*\\.(?:svg|png|jpg|ico|woff2?|css|js)$).*)"],
};
