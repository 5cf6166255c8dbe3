import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../../lib/tabular/csv";
import { signIn } from "./helpers";

// Several page loads per test, on machines shared with builds: leave room beyond the default.
test.describe.configure({ timeout: 120_000 });

/** The cooperatives on the mentor's home, in the order shown. */
async function myCooperatives(page: Page): Promise<number[]> {
  await page.goto("/");
  return page
    .getByTestId("mentor-cooperatives")
    .locator("[data-cooperative-id]")
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-cooperative-id"))));
}

async function fillSession(page: Page, notes: string) {
  const form = page.getByTestId("session-form");
  await expect(form).toHaveAttribute("data-ready", "true");
  await form.locator('input[name="duration_minutes"]').fill("75");
  await form.locator('input[name="mode"][value="field_visit"]').check();
  await form.locator('input[name="topics"][value="marketing"]').check();
  await form.locator('input[name="topics"][value="quality"]').check();
  await form.locator('input[name="attendees"]').fill("4");
  await form.locator('textarea[name="notes"]').fill(notes);
  await form.locator('textarea[name="next_steps"]').fill("Préparer le dossier ONSSA");
}

/** An export (keys, not labels) as records by column key. */
async function csv(page: Page, url: string): Promise<Record<string, string>[]> {
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  const table = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
  return table.rows.map((row) =>
    Object.fromEntries(table.header.map((key, i) => [key, String(row[i] ?? "")])),
  );
}

/** Rows of the sessions export (keys, not labels) whose notes are exactly `notes`. */
async function exportedWith(page: Page, cooperativeId: number, notes: string) {
  const response = await page.request.get(`/api/export/sessions?cooperative=${cooperativeId}`);
  expect(response.status()).toBe(200);
  const lines = (await response.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toBe(
    "id,cooperative_id,cooperative,mentor_id,mentor,held_on,duration_minutes,mode,topics,attendees,notes,next_steps,follow_up_on",
  );
  return lines.filter((line) => line.includes(notes));
}

test("a session logged with the network cut waits on the phone and is saved exactly once", async ({
  page,
  context,
}) => {
  await signIn(page, "mentor@hadina.test");
  const [cooperativeId] = await myCooperatives(page);
  expect(cooperativeId).toBeDefined();
  await page.locator(`[data-cooperative-id="${cooperativeId}"]`).getByTestId("log-session").click();
  await expect(page).toHaveURL(new RegExp(`/sessions/new\\?cooperative=${cooperativeId}$`));
  const notes = `e2e offline ${Date.now()}`;
  await fillSession(page, notes);

  await context.setOffline(true);
  await page.getByTestId("session-form").locator('button[type="submit"]').click();
  await expect(page.getByTestId("session-queued")).toBeVisible();
  const waiting = page.getByTestId("queue-waiting");
  await expect(waiting).toHaveAttribute("data-count", "1");
  await expect(waiting).toContainText("انتظار الإرسال");
  await expect(page.locator('textarea[name="notes"]')).toHaveValue("");

  await context.setOffline(false);
  await expect(page.getByTestId("queue-sent")).toBeVisible({ timeout: 30_000 });
  await expect(waiting).toHaveCount(0);

  const rows = await exportedWith(page, cooperativeId!, notes);
  expect(rows).toHaveLength(1);
  const cells = rows[0]!.split(",");
  expect(cells[5]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(cells.slice(6, 10)).toEqual(["75", "field_visit", "marketing|quality", "4"]);

  const id = cells[0]!;
  const resent = await page.request.post("/api/sessions", {
    headers: { origin: new URL(page.url()).origin },
    data: {
      id,
      cooperative_id: cooperativeId,
      held_on: cells[5],
      duration_minutes: 75,
      mode: "field_visit",
      topics: ["marketing", "quality"],
      attendees: 4,
      notes,
    },
  });
  expect(resent.status()).toBe(200);
  expect(await exportedWith(page, cooperativeId!, notes)).toHaveLength(1);

  await page.goto(`/cooperatives/${cooperativeId}`);
  await expect(page.getByTestId("section-sessions").getByText(notes)).toHaveCount(1);
});

test("the draft stays on the device while the form is filled", async ({ page }) => {
  await signIn(page, "mentor@hadina.test");
  await page.goto("/sessions/new");
  const form = page.getByTestId("session-form");
  await expect(form).toHaveAttribute("data-ready", "true");
  const [cooperativeId] = await myCooperatives(page);
  await page.goto("/sessions/new");
  await expect(form).toHaveAttribute("data-ready", "true");
  await form.locator('select[name="cooperative_id"]').selectOption(String(cooperativeId));
  await form.locator('textarea[name="notes"]').fill("brouillon à garder");
  await form.locator('input[name="topics"][value="legal"]').check();
  await page.reload();
  await expect(form).toHaveAttribute("data-ready", "true");
  await expect(form.locator('textarea[name="notes"]')).toHaveValue("brouillon à garder");
  await expect(form.locator('input[name="topics"][value="legal"]')).toBeChecked();
  await expect(form.locator('select[name="cooperative_id"]')).toHaveValue(String(cooperativeId));
  await form.getByRole("button", { name: /إفراغ/ }).click();
  await expect(form.locator('textarea[name="notes"]')).toHaveValue("");
});

test("when the sign-in has expired the queue waits, asks to sign in, then sends", async ({
  page,
  context,
}) => {
  await signIn(page, "mentor@hadina.test");
  const [cooperativeId] = await myCooperatives(page);
  await page.goto(`/sessions/new?cooperative=${cooperativeId}`);
  const notes = `e2e signed out ${Date.now()}`;
  await fillSession(page, notes);
  await context.clearCookies();
  await page.getByTestId("session-form").locator('button[type="submit"]').click();
  await expect(page.getByTestId("queue-waiting")).toHaveAttribute("data-count", "1");
  await page.getByTestId("queue-sign-in").click();
  await expect(page).toHaveURL(/\/login/);
  await page.locator('input[name="email"]').fill("mentor@hadina.test");
  await page.locator('input[name="password"]').fill("hadina-demo");
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/sessions\/new$/);
  await expect(page.getByTestId("queue-sent")).toBeVisible({ timeout: 30_000 });
  expect(await exportedWith(page, cooperativeId!, notes)).toHaveLength(1);
});

test("a mentor can neither open nor log against another mentor's cooperative", async ({ page }) => {
  await signIn(page, "mentor@hadina.test");
  const mine = await myCooperatives(page);
  const other = Array.from({ length: 120 }, (_, i) => i + 1).find((n) => !mine.includes(n))!;
  expect((await page.goto(`/sessions/new?cooperative=${other}`))?.status()).toBe(404);
  const response = await page.request.post("/api/sessions", {
    headers: { origin: new URL(page.url()).origin },
    data: {
      id: "6f0c2a52-3d4e-4c1b-9a7e-2b5d8c9e0f11",
      cooperative_id: other,
      held_on: "2026-11-20",
      duration_minutes: 60,
      mode: "phone",
      topics: ["other"],
      attendees: 1,
    },
  });
  expect(response.status()).toBe(404);
  expect((await page.goto("/mentors"))?.status()).toBe(404);
  const exported = await page.request.get(`/api/export/sessions?cooperative=${other}`);
  expect((await exported.text()).trim().split(/\r?\n/)).toHaveLength(1);
});

test("staff assign a mentor from the profile, see the load, and unassign", async ({ page }) => {
  await signIn(page, "staff@hadina.test");
  await page.goto("/mentors");
  const row = page.getByTestId("mentors").locator("tbody tr").filter({ hasText: /./ }).first();
  const mentorId = await row.getAttribute("data-mentor-id");
  await page.goto(`/mentors/${mentorId}`);
  const before = Number(
    await page.getByTestId("mentor-load").locator('[data-fact="cooperatives"] dd').innerText(),
  );
  const form = page.getByTestId("assign-form");
  const choice = await form
    .locator('select[name="cooperative_id"] option:not([value=""])')
    .first()
    .getAttribute("value");
  await page.goto(`/cooperatives/${choice}`);
  const section = page.getByTestId("section-assignments");
  await section.locator('select[name="mentor_id"]').selectOption(mentorId!);
  await section.getByTestId("assign-form").locator('button[type="submit"]').click();
  await expect(section.getByTestId("assign-saved")).toBeVisible();
  const assignment = section.locator(`[data-open="true"]`).filter({
    has: page.locator(`a[href="/mentors/${mentorId}"]`),
  });
  await expect(assignment).toHaveCount(1);
  await page.goto(`/mentors/${mentorId}`);
  await expect(page.getByTestId("mentor-load").locator('[data-fact="cooperatives"] dd')).toHaveText(
    String(before + 1),
  );
  await page.goto(`/cooperatives/${choice}`);
  await assignment.getByTestId("unassign").click();
  await expect(assignment).toHaveCount(0);
});

test("from a session, a mentor attaches a photo and reports a milestone with the session as evidence", async ({
  page,
}) => {
  await signIn(page, "mentor@hadina.test");
  const me = (await page.getByTestId("viewer").locator(".font-medium").innerText()).trim();
  const open = new Set(
    (await csv(page, "/api/export/milestones"))
      .filter((row) => ["todo", "in_progress", "blocked"].includes(row.status!))
      .map((row) => row.cooperative_id),
  );
  const cooperativeId = (await csv(page, "/api/export/sessions")).find(
    (row) => row.mentor === me && open.has(row.cooperative_id),
  )?.cooperative_id;
  expect(cooperativeId).toBeDefined();
  await page.goto(`/cooperatives/${cooperativeId}`);
  await page.getByTestId("section-sessions").getByTestId("session-edit").first().click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}\/edit$/);
  const sessionId = new URL(page.url()).pathname.split("/")[2];
  await expect(page.getByTestId("session-edit-form")).toHaveAttribute("data-ready", "true");

  const png = Buffer.from(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
      "1f15c4890000000d49444154789c6300010000050001" +
      "0d0a2db40000000049454e44ae426082",
    "hex",
  );
  // A name of this run's own: a retry uploads again to the same session.
  const photoName = `زيارة-${Date.now()}.png`;
  const upload = page.getByTestId("session-upload");
  await upload.locator('input[type="file"]').setInputFiles({
    name: photoName,
    mimeType: "image/png",
    buffer: png,
  });
  await upload.locator('button[type="submit"]').click();
  await expect(upload).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("session-files")).toContainText(photoName);

  const record = page.getByTestId("session-to-record");
  const milestoneId = await record
    .locator("[data-milestone-id]")
    .first()
    .getAttribute("data-milestone-id");
  const milestone = record.locator(`[data-milestone-id="${milestoneId}"]`);
  const form = milestone.getByTestId("record-milestone-form");
  // The upload's refresh re-renders the page and may close the panel again, even after the submit
  // button showed (a click then lands on nothing): open it, send, and look for the outcome, until
  // the form says it is saved or the milestone has left the open ones.
  const summary = milestone.locator("summary");
  const saved = async () =>
    (await milestone.count()) === 0 ||
    (await form.getAttribute("data-state", { timeout: 1_000 }).catch(() => null)) === "done";
  await expect(async () => {
    if (await saved()) return;
    const opened = await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open);
    if (!opened) await summary.click();
    await expect(form.locator('button[type="submit"]')).toBeVisible({ timeout: 2_000 });
    await expect(form.locator('textarea[name="evidence_text"]')).not.toHaveValue("");
    await form.locator('button[type="submit"]').click();
    await expect.poll(saved, { timeout: 5_000 }).toBe(true);
  }).toPass({ timeout: 45_000 });

  await page.goto(`/cooperatives/${cooperativeId}`);
  await expect(
    page.locator(`[data-testid="milestone"][data-milestone-id="${milestoneId}"]`),
  ).toHaveAttribute("data-status", "reported");
  // The photo is listed with its session, on the record and in the sessions list.
  const photo = (scope: string) =>
    page
      .getByTestId(scope)
      .locator(`[data-session-id="${sessionId}"] a[href^="/api/attachments/"]`, {
        hasText: photoName,
      });
  await expect(photo("section-sessions")).toHaveCount(1);
  await page.goto(`/sessions?cooperative=${cooperativeId}`);
  await expect(photo("session-items")).toHaveCount(1);
});
