import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const PERIOD = "from=2026-01-01&to=2026-11-29";
const CHARTS = [
  "quarterly",
  "provinces",
  "sectors",
  "programs",
  "sources",
  "funnel",
  "graduation",
  "milestones",
];

test("an official reads the impact dashboard: figures match the summary API, charts draw, provinces drill down", async ({
  page,
}) => {
  await signIn(page, "official@hadina.test");
  const response = await page.goto(`/impact?${PERIOD}`);
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");

  const summary = await (await page.request.get(`/api/impact/summary?${PERIOD}`)).json();
  expect(typeof summary.jobs_created).toBe("number");
  expect(summary.as_of).toBe("2026-11-29");
  const shown = await page
    .getByTestId("jobs-created")
    .locator("[data-value]")
    .getAttribute("data-value");
  expect(Number(shown)).toBe(summary.jobs_created);
  // Reporting coverage stands next to every jobs figure, so nobody reads it as final.
  await expect(page.getByTestId("jobs-created").getByTestId("reporting-coverage")).toBeVisible();

  for (const key of CHARTS) {
    const card = page.getByTestId(`chart-${key}`);
    await card.scrollIntoViewIfNeeded();
    await expect(card.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  }

  const series = await page.request.get(`/api/export/impact?${PERIOD}`);
  expect(series.status()).toBe(200);
  const header = (await series.text()).replace(/^\uFEFF/, "").split(/\r?\n/)[0];
  expect(header).toBe(
    "quarter,jobs_created,jobs_created_women,jobs_created_youth,funding_disbursed_mad,support_disbursed_mad",
  );

  const provinces = page.getByTestId("chart-provinces-table");
  await page.getByTestId("chart-provinces").locator("summary").first().click();
  // The table shows, column by column, the figures of the chart's own file, for each row.
  const file = (await (await page.request.get(`/api/impact/chart/provinces?${PERIOD}`)).text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));
  const [columns, ...records] = file;
  const tableRows = provinces.locator("tbody tr");
  expect(await tableRows.count()).toBeGreaterThan(0);
  for (const row of await tableRows.all()) {
    const key = await row.getAttribute("data-key");
    const values = records.find((r) => r[0] === key);
    expect(values, `province ${key} in the file`).toBeDefined();
    const cells = row.locator("td");
    for (const [index, column] of columns!.entries()) {
      if (index === 0) continue;
      const cell = cells.nth(index - 1);
      expect(await cell.getAttribute("data-value"), `${key} ${column}`).toBe(values![index]);
      // Counts read as written (a loss of jobs with its sign), whatever the separators.
      const shown = (await cell.innerText()).replace(/\u2212/g, "-").replace(/[^\d-]/g, "");
      if (column !== "reporting_coverage") expect(shown, `${key} ${column}`).toBe(values![index]);
    }
  }
  const link = provinces.locator('a[href^="/impact/provinces/"]').first();
  const href = await link.getAttribute("href");
  await link.click();
  await page.waitForURL((url) => url.pathname === href?.split("?")[0]);
  await expect(page.getByTestId("impact")).toBeVisible();

  const report = await page.goto(`/impact/report?${PERIOD}`);
  expect(report?.status()).toBe(200);
  await expect(page.getByTestId("report-period")).toBeVisible();
  await expect(page.getByTestId("report-computed-at")).toBeVisible();

  const unknown = await page.goto("/impact/provinces/atlantis");
  expect(unknown?.status()).toBe(404);
});

test("an official changes a filter, downloads a chart's CSV, reads it in French, and gets no session notes", async ({
  page,
}) => {
  await signIn(page, "official@hadina.test");
  await page.goto(`/impact?${PERIOD}`);
  const filters = page.getByTestId("impact-filters");
  await filters.locator('select[name="province"]').selectOption("taounate");
  await filters.locator('button[type="submit"]').click();
  await page.waitForURL(/province=taounate/);
  const summary = await (
    await page.request.get(`/api/impact/summary?${PERIOD}&province=taounate`)
  ).json();
  const shown = await page
    .getByTestId("jobs-created")
    .locator("[data-value]")
    .getAttribute("data-value");
  expect(Number(shown)).toBe(summary.jobs_created);

  const csvLink = page.getByTestId("chart-provinces").locator('a[href*="format=csv"]');
  const [file] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(file.suggestedFilename()).toMatch(/\.csv$/);

  await page.getByTestId("locale-fr").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(
    page.getByTestId("chart-quarterly").locator(".recharts-wrapper > svg.recharts-surface"),
  ).toBeVisible();

  expect((await page.request.get("/api/export/sessions")).status()).toBe(403);
  expect((await page.goto("/sessions"))?.status()).toBe(404);
  await page.getByTestId("locale-ar").click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
});
