import { expect, test, type Page } from "@playwright/test";

const PASSWORD = "hadina-demo";
const ACCOUNTS = [
  { email: "admin@hadina.test", role: "admin" },
  { email: "staff@hadina.test", role: "staff" },
  { email: "mentor@hadina.test", role: "mentor" },
  { email: "official@hadina.test", role: "official" },
] as const;

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

test("an anonymous visitor is sent to /login", async ({ page }) => {
  const response = await page.goto("/");
  expect(new URL(page.url()).pathname).toBe("/login");
  expect(response?.status()).toBe(200);
  await page.goto("/cooperatives?province=fes");
  const url = new URL(page.url());
  expect(url.pathname).toBe("/login");
  expect(url.searchParams.get("callbackUrl")).toBe("/cooperatives?province=fes");
});

for (const account of ACCOUNTS) {
  test(`${account.role} signs in and lands on their home`, async ({ page }) => {
    await signIn(page, account.email);
    await expect(page.getByTestId(`home-${account.role}`)).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(page.getByTestId("viewer-role")).toHaveAttribute("data-role", account.role);
  });
}

test("home pages show figures from the database", async ({ page }) => {
  await signIn(page, "staff@hadina.test");
  const incubation = page.locator(
    '[data-testid="cooperatives-by-stage"] [data-stage="incubation"]',
  );
  await expect(incubation).toContainText(/\d/);
  await expect(page.getByTestId("cooperatives-by-cohort").locator("tbody tr")).not.toHaveCount(0);
});

test("a mentor sees some cooperatives, an official sees jobs and money", async ({ browser }) => {
  const mentor = await browser.newPage();
  await signIn(mentor, "mentor@hadina.test");
  const rows = mentor.getByTestId("mentor-cooperatives").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(0);
  const official = await browser.newPage();
  await signIn(official, "official@hadina.test");
  await expect(official.getByTestId("jobs-created")).toBeVisible();
  await expect(official.getByTestId("funding-disbursed")).toContainText(/\d/);
});

test("a wrong password gets one message and no session", async ({ page }) => {
  // The form's own alert (Next also renders an empty route announcer with role=alert).
  const message = page.locator("#password-error");
  await signIn(page, "staff@hadina.test", "not-the-password");
  await expect(message).toBeVisible();
  const wrongPassword = await message.textContent();
  expect(new URL(page.url()).pathname).toBe("/login");
  await signIn(page, "nobody@hadina.test", "not-the-password");
  await expect(message).toBeVisible();
  expect(await message.textContent()).toBe(wrongPassword);
});

test("sign-out ends the session", async ({ page }) => {
  await signIn(page, "admin@hadina.test");
  await expect(page.getByTestId("home-admin")).toBeVisible();
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: /تسجيل الخروج|Sign out|Se déconnecter/ }).click();
  await page.waitForURL(/\/login/);
  await page.context().addCookies(cookies);
  await page.goto("/");
  expect(new URL(page.url()).pathname).toBe("/login");
});
