import { expect, type Page } from "@playwright/test";

export const PASSWORD = "hadina-demo";

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  if (password === PASSWORD) await expect(page.locator("[data-testid^=home-]")).toBeVisible();
}
