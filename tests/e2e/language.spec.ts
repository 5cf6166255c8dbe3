import { expect, test } from "@playwright/test";

test("/login is Arabic and right-to-left by default", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
});

test("/login follows the browser's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion");
  await context.close();
});

test("switching language persists across reloads and sign-in", async ({ page }) => {
  await page.goto("/login");
  await page.getByTestId("locale-fr").click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  await page.locator('input[name="email"]').fill("staff@hadina.test");
  await page.locator('input[name="password"]').fill("hadina-demo");
  await page.locator('button[type="submit"]').click();
  await expect(page.getByTestId("home-staff")).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  await page.getByTestId("locale-en").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.context().clearCookies({ name: "hadina_locale" });
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByTestId("locale-ar").click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
});

test("health answers ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("an unknown page answers 404 in the user's language", async ({ page }) => {
  const response = await page.goto("/login/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
});
