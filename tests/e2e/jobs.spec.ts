import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/** The last day of the last complete quarter, in Casablanca (what the staff home chases). */
function lastQuarterEnd(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Casablanca" }).format(
    new Date(),
  );
  const [year, month] = today.split("-").map(Number) as [number, number];
  const endMonth = Math.floor((month - 1) / 3) * 3; // 1-based; 0 is last year's December
  return endMonth === 0
    ? `${year - 1}-12-31`
    : new Date(Date.UTC(year, endMonth, 0)).toISOString().slice(0, 10);
}

test("staff follow a missing jobs report from the home to the open form, and the cooperative leaves the list", async ({
  page,
}) => {
  await signIn(page, "staff@hadina.test");
  const card = page.getByTestId("missing-jobs-reports");
  const before = Number(await card.getAttribute("data-count"));
  expect(before).toBeGreaterThan(0);
  const first = card.locator("li[data-cooperative-id]").first();
  const cooperativeId = await first.getAttribute("data-cooperative-id");
  await first.getByRole("link").click();

  // The profile opens with the report form already open, scrolled to it.
  await expect(page).toHaveURL(
    new RegExp(`/cooperatives/${cooperativeId}\\?open=jobs#jobs-report$`),
  );
  const form = page.getByTestId("jobs-form");
  await expect(form).toBeVisible();
  await form.locator('input[name="as_of"]').fill(lastQuarterEnd());
  for (const [name, value] of [
    ["jobs_total", "6"],
    ["jobs_women", "3"],
    ["jobs_youth", "2"],
    ["members_total", "9"],
  ] as const) {
    await form.locator(`input[name="${name}"]`).fill(value);
  }
  await form.locator('input[name="source"]').fill("زيارة ميدانية");
  await form.locator('button[type="submit"]').click();
  await expect(form.getByTestId("jobs-saved")).toBeVisible();

  await page.goto("/");
  await expect(card).toHaveAttribute("data-count", String(before - 1));
  await expect(card.locator(`li[data-cooperative-id="${cooperativeId}"]`)).toHaveCount(0);
});
