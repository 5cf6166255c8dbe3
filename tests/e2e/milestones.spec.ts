import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

function csvIds(text: string): number[] {
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => Number(line.split(",")[0]));
}

test("a mentor reports a milestone with evidence, staff verifies it", async ({ browser }) => {
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, "mentor@hadina.test");
  const mine = csvIds(await (await mentor.request.get("/api/export/cooperatives")).text());
  expect(mine.length).toBeGreaterThan(0);

  // The first assigned cooperative with a milestone still open.
  let cooperativeId = 0;
  let milestoneId = 0;
  for (const id of mine) {
    await mentor.goto(`/cooperatives/${id}`);
    const open = mentor.locator(
      '[data-testid="milestone"][data-status="todo"], [data-testid="milestone"][data-status="in_progress"]',
    );
    if ((await open.count()) > 0) {
      cooperativeId = id;
      milestoneId = Number(await open.first().getAttribute("data-milestone-id"));
      break;
    }
  }
  expect(milestoneId).toBeGreaterThan(0);

  const item = mentor.locator(`#milestone-${milestoneId}`);
  // A milestone's forms load when its control is opened.
  await item.getByTestId("milestone-toggle").click();
  const report = item.getByTestId("milestone-report-form");
  await report.locator('select[name="status"]').selectOption("reported");
  await report.locator('textarea[name="evidence_text"]').fill("Récépissé déposé le 20/11");
  await report.locator('button[type="submit"]').click();
  await expect(mentor.locator(`#milestone-${milestoneId}`)).toHaveAttribute(
    "data-status",
    "reported",
  );
  await mentor.reload();
  await expect(mentor.locator(`#milestone-${milestoneId}`)).toHaveAttribute(
    "data-status",
    "reported",
  );
  await expect(mentor.locator(`#milestone-${milestoneId}`)).toContainText(
    "Récépissé déposé le 20/11",
  );
  // Opened, it stays open across a reload (its address names it). A mentor cannot verify: the
  // staff-only form is not offered, the mentor's own ones are.
  await expect(item.getByTestId("milestone-toggle")).toHaveAttribute("aria-expanded", "true");
  await expect(item.getByTestId("milestone-report-form")).toBeVisible();
  await expect(item.getByTestId("milestone-upload")).toBeVisible();
  await expect(
    mentor.locator(`#milestone-${milestoneId}`).getByTestId("milestone-verify-form"),
  ).toHaveCount(0);
  // A photo from the phone: the page refreshes to list it, and the forms stay open.
  const upload = item.getByTestId("milestone-upload");
  await upload.locator('input[type="file"]').setInputFiles({
    name: "récépissé.png",
    mimeType: "image/png",
    buffer: Buffer.from(
      "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
        "1f15c4890000000d49444154789c6300010000050001" +
        "0d0a2db40000000049454e44ae426082",
      "hex",
    ),
  });
  await upload.locator('button[type="submit"]').click();
  await expect(upload).toHaveAttribute("data-state", "ok");
  // (other specs may have attached files to this milestone before: look for this one by name)
  await expect(
    item.locator('a[href^="/api/attachments/"]', { hasText: "récépissé.png" }),
  ).toBeVisible();
  await expect(item.getByTestId("milestone-toggle")).toHaveAttribute("aria-expanded", "true");
  await expect(upload).toBeVisible();
  await mentorContext.close();

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "staff@hadina.test");
  const awaiting = await staff.request.get("/api/export/milestones?awaiting=true");
  expect(csvIds(await awaiting.text())).toContain(milestoneId);

  await staff.goto(`/cooperatives/${cooperativeId}`);
  const row = staff.locator(`#milestone-${milestoneId}`);
  await row.getByTestId("milestone-toggle").click();
  await row.locator("summary").first().click();
  const verify = row.getByTestId("milestone-verify-form");
  await verify.locator('button[type="submit"]').click();
  await expect(staff.locator(`#milestone-${milestoneId}`)).toHaveAttribute("data-status", "done");
  await staff.reload();
  await expect(staff.locator(`#milestone-${milestoneId}`)).toHaveAttribute("data-status", "done");
  const after = await staff.request.get("/api/export/milestones?awaiting=true");
  expect(csvIds(await after.text())).not.toContain(milestoneId);
  await staffContext.close();
});
