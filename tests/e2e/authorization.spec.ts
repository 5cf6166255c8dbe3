import { expect, request, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import {
  WHO,
  discoverEntryPoints,
  expectedPage,
  expectedRoute,
  tableMismatches,
  type PageOutcome,
  type RouteOutcome,
  type Who,
} from "../authz/matrix";
import { strFromU8, unzipSync } from "fflate";
import { PASSWORD } from "./helpers";

/**
 * The permission matrix (tests/authz/matrix.ts, from DOMAIN.md) over real HTTP: every page and
 * every route handler method found in app/, for anonymous, admin, staff, the mentor on an assigned
 * and on a not-assigned cooperative, and an official. Mutating handlers are only probed (an empty
 * or out-of-scope request): the demo data stays as the other specs expect it, except for two
 * evidence files uploaded by staff so that GET /api/attachments/[id] has something to serve.
 */

type Role = "admin" | "staff" | "mentor" | "official";
const ROLE_OF: Record<Exclude<Who, "anonymous">, Role> = {
  admin: "admin",
  staff: "staff",
  mentorAssigned: "mentor",
  mentorOther: "mentor",
  official: "official",
};

/** A 1×1 PNG: the smallest file the upload handlers accept (the type is read from the bytes). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** RFC 4180 CSV (UTF-8 with BOM) into records keyed by the header. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...records] = rows;
  return records
    .filter((r) => r.length > 1)
    .map((r) => Object.fromEntries(header!.map((key, i) => [key, r[i] ?? ""])));
}

/** Everything a case needs to build its URL: ids the mentor may see (A) and may not (B). */
type Scope = {
  cooperative: number;
  milestone: number;
  /** A session at the cooperative; at A one the mentor logged. */
  session: string;
  attachment: number;
  fair: number;
};
type Fixtures = {
  baseURL: string;
  mentorId: number;
  cohort: number;
  A: Scope;
  B: Scope;
  /** A's phone and email, which officials must never receive. */
  contacts: string[];
};

const contexts = new Map<Who, APIRequestContext>();
let fixtures: Fixtures;

async function signedIn(baseURL: string, role: Role | null): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL, maxRedirects: 0 });
  if (!role) return context;
  const csrf = await context.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    headers: { origin: baseURL },
    form: {
      csrfToken,
      email: `${role}@hadina.test`,
      password: PASSWORD,
      callbackUrl: `${baseURL}/`,
      json: "true",
    },
  });
  const cookies = (await context.storageState()).cookies.map((c) => c.name);
  expect(
    cookies.some((name) => name.includes("session-token")),
    `sign-in as ${role}: HTTP ${response.status()}`,
  ).toBe(true);
  return context;
}

async function csv(context: APIRequestContext, path: string): Promise<Record<string, string>[]> {
  const response = await context.get(path);
  expect(response.status(), path).toBe(200);
  return parseCsv(await response.text());
}

async function fairIds(context: APIRequestContext): Promise<number[]> {
  const html = await (await context.get("/fairs")).text();
  return [...new Set([...html.matchAll(/href="\/fairs\/(\d+)"/g)].map((m) => Number(m[1])))];
}

async function upload(context: APIRequestContext, milestone: number): Promise<number> {
  const response = await context.post(`/api/milestones/${milestone}/attachments`, {
    headers: { origin: fixtures.baseURL, accept: "application/json" },
    multipart: { file: { name: "authz.png", mimeType: "image/png", buffer: PNG } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** Finds, in the demo data, an assigned cooperative A and a not-assigned B with what hangs off them. */
async function findFixtures(baseURL: string): Promise<Fixtures> {
  const staff = contexts.get("staff")!;
  const mentor = contexts.get("mentorAssigned")!;
  const session = (await (await mentor.get("/api/auth/session")).json()) as {
    user: { id: number };
  };
  const mentorId = session.user.id;
  const assigned = new Set((await csv(mentor, "/api/export/cooperatives")).map((r) => r.id!));
  const all = await csv(staff, "/api/export/cooperatives");
  const milestones = await csv(staff, "/api/export/milestones");
  const sessions = await csv(staff, "/api/export/sessions");
  const open = (coop: string) =>
    milestones.find(
      (m) => m.cooperative_id === coop && m.status !== "done" && m.status !== "waived",
    );
  const pick = (mine: boolean) =>
    all.find(
      (c) =>
        assigned.has(c.id!) === mine &&
        c.phone !== "" &&
        c.email !== "" &&
        open(c.id!) !== undefined &&
        sessions.some(
          (s) => s.cooperative_id === c.id && (!mine || s.mentor_id === String(mentorId)),
        ),
    );
  const a = pick(true);
  const b = pick(false);
  expect(a, "an assigned cooperative with a milestone and an own session").toBeDefined();
  expect(b, "a not-assigned cooperative with a milestone and a session").toBeDefined();
  const staffFairs = await fairIds(staff);
  const mentorFairs = await fairIds(mentor);
  const fairA = mentorFairs[0];
  const fairB = staffFairs.find((id) => !mentorFairs.includes(id));
  expect(fairA, "a fair the mentor's cooperatives took part in").toBeDefined();
  expect(fairB, "a fair without the mentor's cooperatives").toBeDefined();
  const cohort = Number(all.find((c) => c.cohort_id !== "")!.cohort_id);
  fixtures = { baseURL, mentorId, cohort, contacts: [a!.phone!, a!.email!] } as Fixtures;
  const scope = async (coop: Record<string, string>, mine: boolean, fair: number) => {
    const milestone = Number(open(coop.id!)!.id);
    return {
      cooperative: Number(coop.id),
      milestone,
      session: sessions.find(
        (s) => s.cooperative_id === coop.id && (!mine || s.mentor_id === String(mentorId)),
      )!.id!,
      attachment: await upload(staff, milestone),
      fair,
    };
  };
  fixtures.A = await scope(a!, true, fairA!);
  fixtures.B = await scope(b!, false, fairB!);
  return fixtures;
}

/** The scope a column asks about: the not-assigned cooperative for mentorOther, A otherwise. */
function scopeOf(who: Who): Scope {
  return who === "mentorOther" ? fixtures.B : fixtures.A;
}

/** The concrete URL of a page pattern for one column. */
function pageUrl(pattern: string, who: Who): string {
  const s = scopeOf(who);
  const concrete: Record<string, string> = {
    "/admin/people/erase": `/admin/people/erase?cooperative=${fixtures.A.cooperative}`,
    "/cohorts/[id]": `/cohorts/${fixtures.cohort}`,
    "/cohorts/[id]/edit": `/cohorts/${fixtures.cohort}/edit`,
    "/cooperatives/[id]": `/cooperatives/${s.cooperative}`,
    "/cooperatives/[id]/edit": `/cooperatives/${s.cooperative}/edit`,
    "/fairs/[id]": `/fairs/${s.fair}`,
    "/impact/provinces/[key]": "/impact/provinces/fes",
    "/mentors/[id]": `/mentors/${fixtures.mentorId}`,
    "/sessions/new": `/sessions/new?cooperative=${s.cooperative}`,
    "/sessions/[id]/edit": `/sessions/${s.session}/edit`,
  };
  if (concrete[pattern]) return concrete[pattern];
  if (pattern.includes("[")) throw new Error(`no concrete URL for page ${pattern}: add one`);
  return pattern;
}

type Probe = { path: string; method: "GET" | "POST"; body?: object; file?: boolean };

/** The concrete request of a route handler for one column (mutations: probes that write nothing). */
function routeProbe(key: string, who: Who): Probe {
  const s = scopeOf(who);
  const [method, pattern] = key.split(" ") as ["GET" | "POST", string];
  const other = who === "mentorOther";
  /** A session a mentor could log: valid, so that only the cooperative's scope can refuse it. */
  const validSession = {
    id: crypto.randomUUID(),
    cooperative_id: s.cooperative,
    held_on: "2026-11-20",
    duration_minutes: 60,
    mode: "in_person",
    topics: ["marketing"],
    attendees: 3,
  };
  const probes: Record<string, Probe> = {
    "GET /api/admin/people/export": {
      method,
      path: `/api/admin/people/export?cooperative=${fixtures.A.cooperative}`,
    },
    "GET /api/auth/[...nextauth]": { method, path: "/api/auth/csrf" },
    "POST /api/auth/[...nextauth]": { method, path: "/api/auth/_log", body: {} },
    "GET /api/attachments/[id]": { method, path: `/api/attachments/${s.attachment}` },
    "GET /api/impact/chart/[chart]": { method, path: "/api/impact/chart/provinces" },
    "POST /api/import/cooperatives": { method, path: pattern },
    // out of scope, a valid file reaches the scope check; in scope, no file: 400, nothing written
    "POST /api/milestones/[id]/attachments": {
      method,
      path: `/api/milestones/${s.milestone}/attachments`,
      file: other,
    },
    "POST /api/sessions/[id]/attachments": {
      method,
      path: `/api/sessions/${s.session}/attachments`,
      file: other,
    },
    // out of scope, a valid session; in scope an empty one: 400 (or 401/403 for who may not)
    "POST /api/sessions": { method, path: pattern, body: other ? validSession : {} },
  };
  if (probes[key]) return probes[key];
  if (pattern.includes("[")) throw new Error(`no concrete request for ${key}: add one`);
  return { method, path: pattern };
}

function pageOutcome(response: APIResponse): PageOutcome | string {
  const status = response.status();
  if (status === 200) return "ok";
  if (status === 404) return "notFound";
  if (status >= 300 && status < 400) {
    const location = new URL(response.headers()["location"] ?? "", fixtures.baseURL);
    if (location.pathname === "/login") return "login";
    if (location.pathname === "/") return "home";
    return `redirect ${location.pathname}`;
  }
  return `HTTP ${status}`;
}

function routeOutcome(response: APIResponse, expected: RouteOutcome): RouteOutcome | string {
  const status = response.status();
  if (status === 401 || status === 403 || status === 404) return status;
  if (expected === "allowed") return status < 500 ? "allowed" : `HTTP ${status}`;
  return status >= 200 && status < 300 ? "ok" : `HTTP ${status}`;
}

async function send(context: APIRequestContext, probe: Probe): Promise<APIResponse> {
  if (probe.method === "GET") return context.get(probe.path);
  const headers = { origin: fixtures.baseURL, accept: "application/json" };
  if (probe.file) {
    return context.post(probe.path, {
      headers,
      multipart: { file: { name: "authz.png", mimeType: "image/png", buffer: PNG } },
    });
  }
  if (probe.body) return context.post(probe.path, { headers, data: probe.body });
  return context.post(probe.path, { headers });
}

test.beforeAll(async ({ baseURL }) => {
  const base = baseURL!;
  contexts.set("anonymous", await signedIn(base, null));
  for (const who of WHO) {
    if (who === "anonymous") continue;
    // both mentor columns are the same signed-in mentor
    const role = ROLE_OF[who];
    const same = [...contexts.entries()].find(([w]) => w !== "anonymous" && ROLE_OF[w] === role);
    contexts.set(who, same ? same[1] : await signedIn(base, role));
  }
  await findFixtures(base);
});

test.afterAll(async () => {
  for (const context of new Set(contexts.values())) await context.dispose();
});

test("the matrix has a row for every page and route handler, and no row without one", () => {
  const problems = tableMismatches().filter((p) => !p.startsWith("actions:"));
  expect(problems).toEqual([]);
});

test("every page answers each role as the matrix says", async () => {
  test.setTimeout(180_000);
  const { pages } = discoverEntryPoints();
  const mismatches: string[] = [];
  let cases = 0;
  for (const pattern of pages) {
    const row = expectedPage(pattern);
    if (!row) continue; // reported by the table test
    for (const who of WHO) {
      const url = pageUrl(pattern, who);
      const outcome = pageOutcome(await contexts.get(who)!.get(url));
      cases++;
      if (outcome !== row[who]) mismatches.push(`${who} GET ${url}: ${outcome}, want ${row[who]}`);
    }
  }
  console.log(`authorization: ${pages.length} pages, ${cases} page cases`);
  expect(mismatches).toEqual([]);
  expect(cases).toBeGreaterThanOrEqual(pages.length * WHO.length);
});

test("every route handler method answers each role as the matrix says", async () => {
  test.setTimeout(120_000);
  const { routes } = discoverEntryPoints();
  const mismatches: string[] = [];
  let cases = 0;
  for (const key of routes) {
    const row = expectedRoute(key);
    if (!row) continue;
    for (const who of WHO) {
      const probe = routeProbe(key, who);
      const response = await send(contexts.get(who)!, probe);
      const outcome = routeOutcome(response, row[who]);
      cases++;
      if (outcome !== row[who]) {
        mismatches.push(
          `${who} ${probe.method} ${probe.path}: ${outcome}, want ${row[who]} (${(await response.text()).slice(0, 120)})`,
        );
      }
    }
  }
  console.log(`authorization: ${routes.length} route methods, ${cases} route cases`);
  expect(mismatches).toEqual([]);
});

test("officials never receive a cooperative's contacts, in its page or in the export", async () => {
  const official = contexts.get("official")!;
  const staff = contexts.get("staff")!;
  const page = `/cooperatives/${fixtures.A.cooperative}`;
  // staff see them: the check below could fail
  const staffHtml = await (await staff.get(page)).text();
  for (const value of fixtures.contacts) expect(staffHtml).toContain(value);
  const response = await official.get(page);
  expect(response.status()).toBe(200);
  const html = await response.text();
  for (const value of fixtures.contacts) expect(html).not.toContain(value);
  expect(html).not.toContain('data-testid="contacts"');

  for (const format of ["csv", "xlsx"]) {
    const staffExport = await staff.get(`/api/export/cooperatives?format=${format}`);
    const officialExport = await official.get(`/api/export/cooperatives?format=${format}`);
    expect(officialExport.status()).toBe(200);
    if (format === "xlsx") {
      const xml = (body: Buffer) =>
        Object.values(unzipSync(new Uint8Array(body)))
          .map((bytes) => strFromU8(bytes))
          .join("\n");
      expect(xml(await staffExport.body())).toContain(fixtures.contacts[1]!);
      const officialXml = xml(await officialExport.body());
      expect(officialXml).toContain(`${fixtures.A.cooperative}`);
      for (const value of fixtures.contacts) expect(officialXml).not.toContain(value);
      continue;
    }
    const staffRows = parseCsv(await staffExport.text());
    const text = await officialExport.text();
    const officialRows = parseCsv(text);
    expect(Object.keys(staffRows[0]!)).toEqual(expect.arrayContaining(["phone", "email"]));
    expect(officialRows.length).toBe(staffRows.length);
    expect(Object.keys(officialRows[0]!)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(phone|email|contact_name|address)$/)]),
    );
    for (const value of fixtures.contacts) expect(text).not.toContain(value);
  }
});

test("a mentor gets 404, not 403, for a cooperative they are not assigned to", async () => {
  const mentor = contexts.get("mentorOther")!;
  const other = await mentor.get(`/cooperatives/${fixtures.B.cooperative}`);
  expect(other.status()).toBe(404);
  const mine = await mentor.get(`/cooperatives/${fixtures.A.cooperative}`);
  expect(mine.status()).toBe(200);
  // and the same for what hangs off it
  expect((await mentor.get(`/api/attachments/${fixtures.B.attachment}`)).status()).toBe(404);
  expect((await mentor.get(`/sessions/${fixtures.B.session}/edit`)).status()).toBe(404);
});
