import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PASSWORD, signIn } from "./helpers";

/** The nonce of a CSP header value, or null. */
function nonceOf(csp: string | undefined): string | null {
  return csp?.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1] ?? null;
}

/** Every Set-Cookie line of a response, by cookie name. */
function setCookies(lines: { name: string; value: string }[]): Map<string, string> {
  return new Map(
    lines
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => [h.value.slice(0, h.value.indexOf("=")), h.value]),
  );
}

/** The attributes of a Set-Cookie line without their values, except SameSite, lower-cased. */
function attributes(line: string | undefined): string[] {
  return (line ?? "")
    .split(";")
    .slice(1)
    .map((part) => part.trim().toLowerCase())
    .map((part) => (part.startsWith("samesite=") ? part : part.split("=")[0]!))
    .sort();
}

/** CSP violations and script errors seen by the page, collected from before its first script. */
async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      );
    });
  });
  page.on("console", (message) => {
    // The app has no favicon: the browser's own request for one is not the page's doing.
    if (message.type() !== "error" || message.location().url.endsWith("/favicon.ico")) return;
    problems.push(`${message.text()} (${message.location().url}) on ${page.url()}`);
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

test("pages carry a nonce-based CSP and the security headers, without X-Powered-By", async ({
  request,
}) => {
  const first = await request.get("/login");
  expect(first.status()).toBe(200);
  const headers = first.headers();
  const csp = headers["content-security-policy"];
  const nonce = nonceOf(csp);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(csp).toBe(
    `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; ` +
      "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
      "connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; " +
      "form-action 'self'",
  );
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toBe(
    "camera=(), microphone=(), geolocation=(), payment=()",
  );
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["strict-transport-security"]).toBeUndefined();

  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);

  const second = await request.get("/login");
  const again = nonceOf(second.headers()["content-security-policy"]);
  expect(again).not.toBeNull();
  expect(again).not.toBe(nonce);

  const anonymous = await request.get("/cooperatives", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(307);
  expect(anonymous.headers()["x-powered-by"]).toBeUndefined();
  const health = await request.get("/api/health");
  expect(health.headers()["x-powered-by"]).toBeUndefined();
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
});

test("HSTS is sent only when the request came over HTTPS", async ({ request }) => {
  const secure = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(secure.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  const plain = await request.get("/login", { headers: { "x-forwarded-proto": "http" } });
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
});

test("signed-in pages, charts included, render and run with no CSP violation", async ({ page }) => {
  const problems = await watchViolations(page);
  await signIn(page, "staff@hadina.test");
  for (const path of ["/cooperatives", "/funding", "/cohorts", "/account"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(nonceOf(response?.headers()["content-security-policy"]), path).not.toBeNull();
    await page.waitForLoadState("networkidle");
  }
  await page.goto("/cooperatives");
  await page.locator("tbody tr a").first().click();
  await page.waitForURL(/\/cooperatives\/\d+$/);
  await page.waitForLoadState("networkidle");
  await page.goto("/impact");
  // A chart draws when it comes near the screen.
  await page.getByTestId("chart-quarterly").scrollIntoViewIfNeeded();
  await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
  await page.getByRole("button", { name: /تسجيل الخروج/ }).click();
  await page.waitForURL(/\/login/);
  expect(problems).toEqual([]);
});

test("session cookies are httpOnly and SameSite=Lax, and Secure over HTTPS", async ({
  page,
  request,
}) => {
  await signIn(page, "official@hadina.test");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "next-auth.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
  const csrf = cookies.find((c) => c.name === "next-auth.csrf-token");
  expect(csrf).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  const https = { "x-forwarded-proto": "https" };
  const csrfResponse = await request.get("/api/auth/csrf", { headers: https });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = setCookies(csrfResponse.headersArray()).get("__Host-next-auth.csrf-token");
  expect(attributes(csrfCookie)).toEqual(["httponly", "path", "samesite=lax", "secure"]);
  const signedIn = await request.post("/api/auth/callback/credentials", {
    headers: {
      ...https,
      origin: "http://localhost:" + new URL(page.url()).port,
      cookie: csrfCookie!.split(";")[0]!,
    },
    form: { csrfToken, email: "official@hadina.test", password: PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  const sessionCookie = setCookies(signedIn.headersArray()).get("__Secure-next-auth.session-token");
  expect(attributes(sessionCookie)).toEqual([
    "expires",
    "httponly",
    "path",
    "samesite=lax",
    "secure",
  ]);
});

async function postFrom(request: APIRequestContext, path: string, origin: string | null) {
  return request.post(path, {
    headers: origin ? { origin } : {},
    multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("name\nx\n") } },
    maxRedirects: 0,
  });
}

test("mutating route handlers refuse another Origin", async ({ request, baseURL }) => {
  for (const path of ["/api/import/cooperatives", "/api/auth/signout"]) {
    for (const origin of ["https://evil.example", null]) {
      const response = await postFrom(request, path, origin);
      expect([path, origin, response.status()]).toEqual([path, origin, 403]);
      expect(await response.json()).toEqual({ error: "forbidden" });
    }
  }
  const ours = await postFrom(request, "/api/import/cooperatives", baseURL!);
  expect(ours.status()).toBe(401);
});

test("after 10 failures an account is refused with the localized wait, then the generic message stays for others", async ({
  page,
  request,
  baseURL,
}) => {
  const email = `throttled-${Date.now()}@hadina.test`;
  for (let i = 0; i < 10; i++) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    const failed = await request.post("/api/auth/callback/credentials", {
      headers: { origin: baseURL! },
      form: { csrfToken, email, password: "wrong", json: "true" },
    });
    expect(((await failed.json()) as { url: string }).url).toContain("error=CredentialsSignin");
  }
  await signIn(page, email, "anything");
  await expect(page.locator("#password-error")).toHaveText(
    "محاولات فاشلة كثيرة. حاول مرة أخرى بعد 15 دقيقة.",
  );
  expect(new URL(page.url()).pathname).toBe("/login");

  await page.context().addCookies([{ name: "hadina_locale", value: "en", url: baseURL! }]);
  await signIn(page, email, "anything");
  await expect(page.locator("#password-error")).toHaveText(
    "Too many failed attempts. Try again in 15 minutes.",
  );

  await signIn(page, "nobody-else@hadina.test", "wrong");
  await expect(page.locator("#password-error")).toHaveText(
    "Email or password incorrect, or the account is not active.",
  );
});
