/**
 * Who a request says it came from. Route handlers get no Origin check from Next (server actions
 * do): a handler that changes something calls isSameOrigin first and answers 403 when it fails.
 */

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * The Origin header must name the host the request was sent to (Host, or X-Forwarded-Host behind
 * a reverse proxy), or the public NEXTAUTH_URL. Browsers send Origin with every POST, PUT, PATCH
 * and DELETE, and a page on another site can set none of these headers; a request without Origin
 * is refused too, so scripts calling these handlers must send it.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = hostOf(request.headers.get("origin"));
  if (!origin) return false;
  const allowed = [
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(),
    request.headers.get("host") ?? hostOf(request.url),
    hostOf(process.env.NEXTAUTH_URL),
  ];
  return allowed.includes(origin);
}

export function crossOriginRefused(): Response {
  return Response.json({ error: "forbidden" }, { status: 403 });
}

/**
 * Whether the browser reached us over HTTPS, as next-auth decides it for its cookies: from
 * NEXTAUTH_URL when set, else from X-Forwarded-Proto (which Next sets to http for plain
 * connections).
 */
export function servedOverHttps(headers: Headers): boolean {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) return configured.startsWith("https://");
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}
