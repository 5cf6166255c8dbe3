import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("staff records an award and two tranches, and a third that overshoots is refused", async ({
  page,
}) => {
  await signIn(page, "staff@hadina.test");
  await page.goto("/cooperatives");
  const firstRow = page.getByTestId("cooperatives-table").locator("tbody tr").first();
  const href = await firstRow.locator('a[href^="/cooperatives/"]').first().getAttribute("href");
  expect(href).toMatch(/^\/cooperatives\/\d+$/);
  await page.goto(href!);

  await page.getByTestId("award-form-toggle").click();
  const awardForm = page.getByTestId("award-form");
  await awardForm.locator('[name="program"]').selectOption("moazara");
  await awardForm.locator('[name="source"]').selectOption("region_council");
  await awardForm.locator('[name="kind"]').selectOption("grant");
  await awardForm.locator('[name="status"]').selectOption("approved");
  await awardForm.locator('[name="amount_mad"]').fill("100 000");
  await awardForm.locator('[name="awarded_on"]').fill("2026-11-01");
  await awardForm.locator('button[type="submit"]').click();
  const saved = awardForm.getByTestId("award-saved");
  await expect(saved).toBeVisible();
  const awardId = await saved.getAttribute("data-award-id");
  expect(awardId).toMatch(/^\d+$/);

  const award = page.locator(`[data-testid="award"][data-award-id="${awardId}"]`);
  await expect(award).toHaveAttribute("data-status", "approved");
  await expect(award).toHaveAttribute("data-remaining", "100000.00");
  const tranche = award.getByTestId("disbursement-form");

  const record = async (amount: string, date: string, reference: string) => {
    await tranche.locator('[name="amount_mad"]').fill(amount);
    await tranche.locator('[name="disbursed_on"]').fill(date);
    await tranche.locator('[name="reference"]').fill(reference);
    await tranche.locator('button[type="submit"]').click();
  };

  await record("40000", "2026-11-10", "OV-E2E-1");
  await expect(award).toHaveAttribute("data-disbursed", "40000.00");
  await expect(award).toHaveAttribute("data-status", "disbursing");

  await record("50000", "2026-11-20", "OV-E2E-2");
  await expect(award).toHaveAttribute("data-disbursed", "90000.00");
  await expect(award).toHaveAttribute("data-remaining", "10000.00");
  await expect(award.getByTestId("tranches").locator("tbody tr")).toHaveCount(2);

  await record("20000", "2026-11-25", "OV-E2E-3");
  await expect(tranche).toHaveAttribute("data-error", "exceedsAward");
  const message = tranche.locator('[id$="-amount_mad-error"]');
  await expect(message).toBeVisible();
  await expect(message).toContainText(/10[\s.,\u00a0\u202f]?000/);
  await page.reload();
  await expect(award).toHaveAttribute("data-disbursed", "90000.00");
  await expect(award).toHaveAttribute("data-status", "disbursing");
  await expect(award.getByTestId("tranches").locator("tbody tr")).toHaveCount(2);
});
