import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Only sends anonymous visitors of a page to /login. It is not authorization: every page, action
 * and route handler checks the session and role itself through lib/dal.ts.
 */
export async function proxy(request: NextRequest) {
  const secure =
    request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:";
  const token = await getToken({
    req: request,
    secret: process.env.NEXTAUTH_SECRET,
    secureCookie: secure,
  });
  if (token) {
    const headers = new Headers(request.headers);
    headers.set("x-pathname", request.nextUrl.pathname);
    return NextResponse.next({ request: { headers } });
  }
  const login = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") login.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: [
    "/((?!login|api/|_next/|favicon.ico|robots.txt|.*\\.(?:svg|png|jpg|ico|woff2?|css|js)$).*)",
  ],
};
