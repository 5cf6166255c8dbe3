import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("staff creates, edits, moves through stages, archives and restores a cooperative", async ({
  page,
}) => {
  await signIn(page, "staff@hadina.test");
  await page.goto("/cooperatives/new");
  const form = page.getByTestId("cooperative-form");
  await form.locator('[name="name"]').fill("تعاونية الاختبار للعسل");
  await form.locator('[name="name_latin"]').fill("Coopérative Test du miel");
  await form.locator('[name="sector"]').selectOption("agriculture");
  await form.locator('[name="province"]').selectOption("sefrou");
  await form.locator('[name="area"]').selectOption("rural");
  await form.locator('[name="members_total"]').fill("12");
  await form.locator('[name="members_women"]').fill("20");
  await form.locator('[name="phone"]').fill("+212 6 61 23 45 67");
  await form.locator('button[type="submit"]').click();
  await expect(page.locator("#members_women-error")).toBeVisible();
  await form.locator('[name="members_women"]').fill("8");
  await form.locator('button[type="submit"]').click();
  await page.waitForURL(/\/cooperatives\/\d+$/);
  const profile = page.getByTestId("cooperative-profile");
  await expect(profile.getByRole("heading", { level: 1 })).toHaveText("تعاونية الاختبار للعسل");
  await expect(profile.getByTestId("contacts")).toContainText("0661234567");
  const id = await profile.getAttribute("data-cooperative-id");

  await page.goto(`/cooperatives/${id}/edit`);
  await page.locator('[name="commune"]').fill("Imouzzer Kandar");
  await page.locator('[data-testid="cooperative-form"] button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/cooperatives/${id}$`));
  await expect(page.getByText("Imouzzer Kandar")).toBeVisible();

  await page.getByTestId("stage-form-toggle").click();
  const stageForm = page.getByTestId("stage-form");
  await stageForm.locator('[name="to"]').selectOption("selected");
  await stageForm.locator('[name="reason"]').fill("Retenue par le comité");
  await stageForm.locator('button[type="submit"]').click();
  await expect(page.getByTestId("stage")).toHaveAttribute("data-stage", "selected");
  await expect(page.getByTestId("stage-history")).toContainText("Retenue par le comité");

  await page.getByRole("button", { name: "أرشفة" }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "أرشفة" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await page.goto(`/cooperatives?q=${encodeURIComponent("الاختبار")}`);
  await expect(page.getByTestId("cooperatives-count")).toHaveAttribute("data-total", "0");
  await page.goto(`/cooperatives/${id}`);
  await page.getByRole("button", { name: "استرجاع" }).click();
  await page.goto(`/cooperatives?q=${encodeURIComponent("الإختبار")}`);
  await expect(page.getByTestId("cooperatives-count")).toHaveAttribute("data-total", "1");
});

test("the list filters, sorts and exports what it shows", async ({ page }) => {
  await signIn(page, "staff@hadina.test");
  await page.goto("/cooperatives?province=fes&sort=-members_total");
  const total = Number(await page.getByTestId("cooperatives-count").getAttribute("data-total"));
  expect(total).toBeGreaterThan(0);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "تصدير (CSV)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^cooperatives-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = Buffer.concat(await (await file.createReadStream()).toArray());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trim().split(/\r?\n/);
  expect(lines[0]).toContain("الاسم");
  expect(lines.length - 1).toBe(total);
});

test("a mentor opening another cooperative's URL gets not found", async ({ page }) => {
  await signIn(page, "mentor@hadina.test");
  const mine = await page
    .getByTestId("mentor-cooperatives")
    .locator("[data-cooperative-id]")
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-cooperative-id"))));
  expect(mine.length).toBeGreaterThan(0);
  const ok = await page.goto(`/cooperatives/${mine[0]}`);
  expect(ok?.status()).toBe(200);
  const other = Array.from({ length: 120 }, (_, i) => i + 1).find((n) => !mine.includes(n))!;
  const response = await page.goto(`/cooperatives/${other}`);
  expect(response?.status()).toBe(404);
  const exported = await page.request.get("/api/export/cooperatives");
  const rows = (await exported.text()).trim().split(/\r?\n/).length - 1;
  expect(rows).toBe(mine.length);
});

test("an official reads without contacts and cannot open the forms", async ({ page }) => {
  await signIn(page, "official@hadina.test");
  await page.goto("/cooperatives/1");
  await expect(page.getByTestId("cooperative-profile")).toBeVisible();
  await expect(page.getByTestId("contacts")).toHaveCount(0);
  expect((await page.goto("/cooperatives/new"))?.status()).toBe(404);
  expect((await page.goto("/cooperatives/1/edit"))?.status()).toBe(404);
  expect((await page.goto("/cohorts"))?.status()).toBe(404);
  expect((await page.goto("/admin/users"))?.status()).toBe(404);
});

test("staff imports a semicolon CSV with a bad row: the good rows land, the bad one is reported", async ({
  page,
}) => {
  await signIn(page, "staff@hadina.test");
  await page.goto("/cooperatives/import");
  const csv =
    "\uFEFFالاسم (كما هو مسجل);Secteur;province;area;legal_form;members_total;members_women;phone\n" +
    "تعاونية الاستيراد الأولى;Agriculture;taza;rural;cooperative;10;4;06 11 22 33 44\n" +
    "تعاونية الاستيراد الثانية;Artisanat;Préfecture de Fès;urban;تعاونية;8;2;\n" +
    "تعاونية خاطئة;agriculture;taza;rural;cooperative;5;9;123\n";
  await page.locator('input[type="file"][name="file"]').setInputFiles({
    name: "cohorte.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await page.getByTestId("import-upload").locator('button[type="submit"]').click();
  await expect(page.getByTestId("import-batch")).toBeVisible();
  const counts = page.getByTestId("import-counts");
  await expect(counts.locator('[data-count="create"]')).toHaveAttribute("data-value", "2");
  await expect(counts.locator('[data-count="invalid"]')).toHaveAttribute("data-value", "1");
  await page.getByTestId("import-actions").locator('button[type="submit"]').first().click();
  await expect(page.getByTestId("import-batch")).toHaveAttribute("data-status", "imported");
  await page.goto(`/cooperatives?q=${encodeURIComponent("الاستيراد")}`);
  await expect(page.getByTestId("cooperatives-count")).toHaveAttribute("data-total", "2");
  await page.goto(`/cooperatives?q=${encodeURIComponent("خاطئة")}`);
  await expect(page.getByTestId("cooperatives-count")).toHaveAttribute("data-total", "0");
});
