import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a signed-out visitor reads the privacy notice in Arabic, then in French", async ({
  page,
}) => {
  await page.goto("/login");
  await page.locator('main a[href="/privacy"]').click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "المعطيات الشخصية وحماية الخصوصية",
  );
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(8);
  await expect(page.getByText(/90[\u200e\u200f]*\s*يومًا/)).toBeVisible();

  await page.getByTestId("locale-fr").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Données personnelles et confidentialité",
  );
  await expect(page.getByRole("heading", { name: "Vos droits" })).toBeVisible();
  await page.context().clearCookies({ name: "hadina_locale" });
});

test("an admin finds a demo person and downloads everything held about them", async ({ page }) => {
  await signIn(page, "admin@hadina.test");
  await expect(page.locator('footer a[href="/privacy"]')).toBeVisible();
  await page.locator('nav a[href="/admin/people"]').click();
  await expect(page.getByTestId("admin-people")).toBeVisible();

  await page.locator('input[name="q"]').fill("staff@hadina.test");
  await page.locator('input[name="q"]').press("Enter");
  const hit = page.getByTestId("person-hit");
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText("Khadija Bennani");
  await hit.getByRole("link").click();
  await expect(page.getByTestId("person-detail")).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("person-export").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^personal-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await download.path())!, "utf8");
  expect(text).not.toContain("$argon2");
  const document = JSON.parse(text);
  expect(document.user).toMatchObject({ email: "staff@hadina.test", name: "Khadija Bennani" });
  expect(Object.keys(document).sort()).toEqual([
    "audit_log",
    "cooperatives",
    "exported_at",
    "mentoring_sessions",
    "sign_in_attempts",
    "subject",
    "user",
  ]);

  // The erasure's confirmation step opens, and is left without erasing (other specs use her).
  await page.getByRole("link", { name: /…$/ }).click();
  await expect(page.getByTestId("erase-person")).toBeVisible();
  await expect(page.locator('input[name="confirm"]')).toHaveAttribute("required", "");
  await page.getByTestId("erase-form").getByRole("link").click();
  await expect(page.getByTestId("person-detail")).toBeVisible();
});

test("an admin corrects then erases the contact of a cooperative made here, from the keyboard", async ({
  page,
}) => {
  await signIn(page, "admin@hadina.test");
  await page.goto("/cooperatives/new");
  const form = page.getByTestId("cooperative-form");
  await form.locator('[name="name"]').fill("تعاونية اختبار المحو");
  await form.locator('[name="sector"]').selectOption("agriculture");
  await form.locator('[name="province"]').selectOption("taza");
  await form.locator('[name="area"]').selectOption("rural");
  await form.locator('[name="contact_name"]').fill("Zineb Effacement");
  await form.locator('[name="phone"]').fill("+212 7 00 11 22 33");
  await form.locator('[name="email"]').fill("zineb.effacement@example.ma");
  await form.locator('button[type="submit"]').click();
  await page.waitForURL(/\/cooperatives\/\d+$/);

  await page.goto("/admin/people?q=zineb.effacement");
  const hit = page.getByTestId("person-hit");
  await expect(hit).toHaveCount(1);
  await hit.getByRole("link").click();
  const correction = page.locator("[data-testid^=correct-]");
  await correction.locator('[name="phone"]').fill("07 00 11 22 44");
  await correction.locator('button[type="submit"]').click();
  await expect(correction.getByRole("status")).not.toBeEmpty();
  await page.reload();
  await expect(page.locator("[data-testid^=correct-] [name=phone]")).toHaveValue("0700112244");

  await page.getByRole("link", { name: /…$/ }).click();
  await expect(page.getByTestId("erase-person")).toBeVisible();
  await page.locator('input[name="confirm"]').focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/admin\/people\?erased=1$/);
  await expect(page.getByTestId("erased")).toBeVisible();

  await page.goto("/admin/people?q=zineb.effacement");
  await expect(page.getByTestId("person-hit")).toHaveCount(0);
  await page.goto("/admin/people?q=0700112244");
  await expect(page.getByTestId("person-hit")).toHaveCount(0);
});
