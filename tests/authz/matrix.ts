/**
 * The permission matrix of ../shared/DOMAIN.md ("Roles and what each may do"), written out for
 * every entry point of the app: each page (app/**\/page.tsx), each method of each route handler
 * (app/**\/route.ts) and each server action (every exported async function of a "use server"
 * module). The expectations come from DOMAIN.md (and README.md's "who" column where DOMAIN.md
 * names no page), never from what the code happens to do.
 *
 * Two tests read this table: tests/e2e/authorization.spec.ts (pages and route handlers over HTTP
 * against the production build) and tests/actions/authorization.test.ts (server actions on a real
 * database). Both discover the entry points from the file system (discoverEntryPoints below): an
 * entry point without a row fails them, and so does a row without an entry point.
 *
 * Columns: who asks. `mentorAssigned` asks about a cooperative (or its milestone, session,
 * attachment, fair) the mentor is assigned to, `mentorOther` about one they are not assigned to;
 * for an entry point that names no cooperative both columns ask the same thing.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const WHO = [
  "anonymous",
  "admin",
  "staff",
  "mentorAssigned",
  "mentorOther",
  "official",
] as const;
export type Who = (typeof WHO)[number];

/**
 * Pages: "ok" 200; "notFound" 404 (a page a role may not see answers like a record it may not
 * see); "login" a redirect to /login; "home" a redirect to / (the sign-in page, signed in).
 */
export type PageOutcome = "ok" | "notFound" | "login" | "home";

/**
 * Route handlers: "ok" a 2xx; "allowed" not refused (neither 401, 403 nor 404: a mutating handler
 * is only probed, so a 400 on an empty body is the expected answer); or the refusal's status.
 */
export type RouteOutcome = "ok" | "allowed" | 401 | 403 | 404;

/**
 * Server actions: "ok" got past authorization (a success, a validation error or a conflict);
 * "forbidden" the action's own refusal (`{ status: "forbidden" }`, or a silent no-op for actions
 * returning nothing); "notFound" a record out of scope (`{ status: "not_found" }` or notFound());
 * "refused" either of those two (for planned actions whose code is not known yet); "login" the
 * redirect to /login.
 */
export type ActionOutcome = "ok" | "forbidden" | "notFound" | "refused" | "login";

export type Row<T> = Record<Who, T>;

/** A row by role; `mentor` fills both mentor columns. */
function row<T>(values: {
  anonymous: T;
  admin: T;
  staff: T;
  mentor?: T;
  mentorAssigned?: T;
  mentorOther?: T;
  official: T;
}): Row<T> {
  const mentorAssigned = values.mentorAssigned ?? values.mentor;
  const mentorOther = values.mentorOther ?? values.mentor;
  if (mentorAssigned === undefined || mentorOther === undefined) {
    throw new Error("a row needs both mentor columns");
  }
  return {
    anonymous: values.anonymous,
    admin: values.admin,
    staff: values.staff,
    mentorAssigned,
    mentorOther,
    official: values.official,
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

/** Every signed-in role; anonymous visitors go to the sign-in page. */
const signedInPage = row<PageOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "ok",
  mentor: "ok",
  official: "ok",
});
/** "manage users and roles, view the audit log": admin only. */
const adminPage = row<PageOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "notFound",
  mentor: "notFound",
  official: "notFound",
});
/** Programmes, cohorts, creating and editing cooperatives, assigning mentors: admin and staff. */
const managerPage = row<PageOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "ok",
  mentor: "notFound",
  official: "notFound",
});
/** A cooperative's record (or what belongs to it): all, a mentor the assigned ones only. */
const cooperativeRecordPage = row<PageOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "ok",
  mentorAssigned: "ok",
  mentorOther: "notFound",
  official: "ok",
});
/** Mentoring sessions and milestones lists: not for officials (no notes, no evidence). */
const mentoringPage = row<PageOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "ok",
  mentor: "ok",
  official: "notFound",
});
/** Logging or editing a session of a cooperative: a mentor for an assigned one (own sessions). */
const sessionOfCooperativePage = row<PageOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "ok",
  mentorAssigned: "ok",
  mentorOther: "notFound",
  official: "notFound",
});
const publicPage = row<PageOutcome>({
  anonymous: "ok",
  admin: "ok",
  staff: "ok",
  mentor: "ok",
  official: "ok",
});

/** Keyed by the route pattern (route groups left out), as DOMAIN.md writes the paths. */
export const PAGES: Record<string, Row<PageOutcome>> = {
  "/": signedInPage,
  "/login": row<PageOutcome>({
    anonymous: "ok",
    admin: "home",
    staff: "home",
    mentor: "home",
    official: "home",
  }),
  "/account": signedInPage,
  "/admin/users": adminPage,
  "/admin/audit": adminPage,
  "/admin/backup": adminPage,
  "/admin/people": adminPage,
  "/admin/people/erase": adminPage,
  "/privacy": publicPage,
  "/cohorts": managerPage,
  "/cohorts/new": managerPage,
  "/cohorts/programs": managerPage,
  "/cohorts/[id]": managerPage,
  "/cohorts/[id]/edit": managerPage,
  "/cooperatives": signedInPage,
  "/cooperatives/new": managerPage,
  "/cooperatives/import": managerPage,
  "/cooperatives/[id]": cooperativeRecordPage,
  "/cooperatives/[id]/edit": managerPage,
  "/fairs": signedInPage,
  "/fairs/[id]": cooperativeRecordPage,
  "/funding": signedInPage,
  "/impact": signedInPage,
  "/impact/provinces/[key]": signedInPage,
  "/impact/report": signedInPage,
  "/mentors": managerPage,
  "/mentors/[id]": managerPage,
  "/milestones": mentoringPage,
  "/milestones/templates": managerPage,
  "/sessions": mentoringPage,
  "/sessions/new": sessionOfCooperativePage,
  "/sessions/[id]/edit": sessionOfCooperativePage,
};

// ---------------------------------------------------------------------------------------------
// Route handlers

const everyone = row<RouteOutcome>({
  anonymous: "ok",
  admin: "ok",
  staff: "ok",
  mentor: "ok",
  official: "ok",
});
/** Reads every role may make (a mentor's answer is scoped to assigned cooperatives). */
const signedInRead = row<RouteOutcome>({
  anonymous: 401,
  admin: "ok",
  staff: "ok",
  mentor: "ok",
  official: "ok",
});
const adminRead = row<RouteOutcome>({
  anonymous: 401,
  admin: "ok",
  staff: 403,
  mentor: 403,
  official: 403,
});

/** Keyed by "METHOD pattern". */
export const ROUTES: Record<string, Row<RouteOutcome>> = {
  "GET /api/health": everyone,
  // backups and personal data: admin only
  "GET /api/admin/backup": adminRead,
  "GET /api/admin/people/export": adminRead,
  "GET /api/auth/[...nextauth]": everyone,
  "POST /api/auth/[...nextauth]": everyone,
  // "exports: cooperatives, milestones, funding, jobs": all (mentors: assigned; officials without contacts)
  "GET /api/export/cooperatives": signedInRead,
  "GET /api/export/milestones": signedInRead,
  "GET /api/export/funding": signedInRead,
  "GET /api/export/disbursements": signedInRead,
  "GET /api/export/jobs": signedInRead,
  // "impact charts and summary": all (mentors: assigned)
  "GET /api/export/impact": signedInRead,
  "GET /api/impact/summary": signedInRead,
  "GET /api/impact/chart/[chart]": signedInRead,
  // "exports: sessions": officials refused (403)
  "GET /api/export/sessions": row<RouteOutcome>({
    anonymous: 401,
    admin: "ok",
    staff: "ok",
    mentor: "ok",
    official: 403,
  }),
  // evidence can hold personal data: admin, staff, the assigned mentor; officials never
  "GET /api/attachments/[id]": row<RouteOutcome>({
    anonymous: 401,
    admin: "ok",
    staff: "ok",
    mentorAssigned: "ok",
    mentorOther: 404,
    official: 403,
  }),
  // "create ... cooperatives": admin and staff
  "POST /api/import/cooperatives": row<RouteOutcome>({
    anonymous: 401,
    admin: "allowed",
    staff: "allowed",
    mentor: 403,
    official: 403,
  }),
  // "update milestones": status and evidence, a mentor on assigned cooperatives only
  "POST /api/milestones/[id]/attachments": row<RouteOutcome>({
    anonymous: 401,
    admin: "allowed",
    staff: "allowed",
    mentorAssigned: "allowed",
    mentorOther: 404,
    official: 403,
  }),
  // "log and edit mentoring sessions": a mentor their own sessions at assigned cooperatives
  "POST /api/sessions/[id]/attachments": row<RouteOutcome>({
    anonymous: 401,
    admin: "allowed",
    staff: "allowed",
    mentorAssigned: "allowed",
    mentorOther: 404,
    official: 403,
  }),
  "POST /api/sessions": row<RouteOutcome>({
    anonymous: 401,
    admin: "allowed",
    staff: "allowed",
    mentorAssigned: "allowed",
    mentorOther: 404,
    official: 403,
  }),
};

// ---------------------------------------------------------------------------------------------
// Server actions

const signedInAction = row<ActionOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "ok",
  mentor: "ok",
  official: "ok",
});
/** requireRole("admin"): other roles get notFound(), like the admin pages. */
const adminAction = row<ActionOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "notFound",
  mentor: "notFound",
  official: "notFound",
});
/** Admin and staff only; mentors and officials are refused whatever the cooperative. */
const managerAction = row<ActionOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "ok",
  mentor: "forbidden",
  official: "forbidden",
});
/** Admin and staff any cooperative, a mentor an assigned one (others: not found), officials never. */
const assignedMentorAction = row<ActionOutcome>({
  anonymous: "login",
  admin: "ok",
  staff: "ok",
  mentorAssigned: "ok",
  mentorOther: "notFound",
  official: "forbidden",
});

/** Keyed by "module path#export" (the path relative to the project root). */
export const ACTIONS: Record<string, Row<ActionOutcome>> = {
  // own password and language: everyone signed in; the language also before signing in
  "app/(app)/account/actions.ts#changePasswordAction": signedInAction,
  "lib/i18n/actions.ts#changeLocale": row<ActionOutcome>({
    anonymous: "ok",
    admin: "ok",
    staff: "ok",
    mentor: "ok",
    official: "ok",
  }),
  // manage users and roles
  "app/(app)/admin/users/actions.ts#createUserAction": adminAction,
  "app/(app)/admin/users/actions.ts#changeRoleAction": adminAction,
  "app/(app)/admin/users/actions.ts#setActiveAction": adminAction,
  "app/(app)/admin/users/actions.ts#resetPasswordAction": adminAction,
  // personal data (law 09-08): correct or erase a person's contact
  "app/(app)/admin/people/actions.ts#correctContactAction": adminAction,
  "app/(app)/admin/people/actions.ts#erasePersonAction": adminAction,
  // manage programmes and cohorts
  "app/(app)/cohorts/actions.ts#saveCohortAction": managerAction,
  "app/(app)/cohorts/actions.ts#enrolAction": managerAction,
  "app/(app)/cohorts/actions.ts#removeAction": managerAction,
  "app/(app)/cohorts/actions.ts#saveProgramAction": managerAction,
  // create, edit, archive cooperatives; change stage (and importing them)
  "app/(app)/cooperatives/actions.ts#saveCooperative": managerAction,
  "app/(app)/cooperatives/actions.ts#changeStageAction": managerAction,
  "app/(app)/cooperatives/actions.ts#archiveAction": managerAction,
  "app/(app)/cooperatives/import/actions.ts#confirmImport": managerAction,
  "app/(app)/cooperatives/import/actions.ts#discardImport": managerAction,
  // fairs are part of a cooperative's record: recorded by admin and staff
  "app/(app)/fairs/actions.ts#saveEventAction": managerAction,
  "app/(app)/fairs/actions.ts#addParticipationAction": managerAction,
  "app/(app)/fairs/actions.ts#removeParticipationAction": managerAction,
  // record funding awards and disbursements
  "app/(app)/funding/actions.ts#createAwardAction": managerAction,
  "app/(app)/funding/actions.ts#updateAwardStatusAction": managerAction,
  "app/(app)/funding/actions.ts#recordDisbursementAction": managerAction,
  "app/(app)/funding/actions.ts#releaseDisbursementAction": managerAction,
  // assign mentors
  "app/(app)/mentors/actions.ts#assignMentorAction": managerAction,
  "app/(app)/mentors/actions.ts#endAssignmentAction": managerAction,
  // milestone templates, verifying, sending back, custom milestones: staff's side of milestones
  "app/(app)/milestones/actions.ts#saveTemplateAction": managerAction,
  "app/(app)/cooperatives/milestones-actions.ts#verifyMilestoneAction": managerAction,
  "app/(app)/cooperatives/milestones-actions.ts#sendBackMilestoneAction": managerAction,
  "app/(app)/cooperatives/milestones-actions.ts#addMilestoneAction": managerAction,
  "app/(app)/cooperatives/milestones-actions.ts#deleteMilestoneAction": managerAction,
  // update milestones (a mentor: status and evidence, assigned only)
  "app/(app)/cooperatives/milestones-actions.ts#updateMilestoneAction": assignedMentorAction,
  // submit jobs snapshots (a mentor: assigned only)
  "app/(app)/cooperatives/jobs-actions.ts#submitJobsSnapshot": assignedMentorAction,
  // log and edit mentoring sessions (a mentor: own sessions, assigned cooperatives)
  "app/(app)/sessions/actions.ts#createSessionAction": assignedMentorAction,
  "app/(app)/sessions/actions.ts#updateSessionAction": assignedMentorAction,
};

// ---------------------------------------------------------------------------------------------
// PLANNED: rows for entry points being written on another branch. They are checked like the
// others once the file exists; until then the "row without an entry point" check skips them.
// Move them into the tables above when the entry point lands. An action key `file#*` stands for every export of that module.

export const PLANNED: {
  pages: Record<string, Row<PageOutcome>>;
  routes: Record<string, Row<RouteOutcome>>;
  actions: Record<string, Row<ActionOutcome>>;
} = {
  pages: {},
  routes: {},
  actions: {},
};

// ---------------------------------------------------------------------------------------------
// Discovery

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      out.push(...walk(full));
    } else out.push(full);
  }
  return out;
}

function relative(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join("/");
}

/** "app/(app)/cooperatives/[id]/page.tsx" → "/cooperatives/[id]" (route groups left out). */
export function routePattern(file: string): string {
  const segments = relative(file)
    .split("/")
    .slice(1, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith("@"));
  return `/${segments.join("/")}`;
}

/** The HTTP methods a route module exports (functions, consts or `export { x as GET }`). */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(
    /export\s+(?:async\s+)?(?:function\s+|const\s+|let\s+)([A-Z]+)\b/g,
  )) {
    found.add(match[1]!);
  }
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) found.add(name);
    }
  }
  return [...found].filter((name) => (HTTP_METHODS as readonly string[]).includes(name)).sort();
}

/** A module whose first statement is the "use server" directive (comments before it allowed). */
export function isServerActionModule(source: string): boolean {
  const code = source.replace(/^(?:\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, "");
  return /^["']use server["']/.test(code);
}

/** The exported async functions of a "use server" module (every one is a public endpoint). */
export function exportedActions(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/export\s+async\s+function\s*\*?\s*(\w+)/g)) {
    names.add(match[1]!);
  }
  for (const match of source.matchAll(/export\s+(?:const|let)\s+(\w+)\s*=\s*async\b/g)) {
    names.add(match[1]!);
  }
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name && name !== "type" && !name.startsWith("type ")) names.add(name);
    }
  }
  if (/export\s+default\b/.test(source)) names.add("default");
  return [...names].sort();
}

export type EntryPoints = {
  pages: string[];
  routes: string[];
  actions: string[];
  /** Modules with "use server", by path, for the action test to import. */
  actionModules: string[];
};

/** Reads app/ (and lib/, components/ for "use server" modules) as they are on disk now. */
export function discoverEntryPoints(): EntryPoints {
  const appFiles = walk(path.join(ROOT, "app"));
  const pages = appFiles
    .filter((f) => /^page\.(tsx|ts|jsx|js|mdx)$/.test(path.basename(f)))
    .map(routePattern);
  const routes = appFiles
    .filter((f) => /^route\.(ts|js)$/.test(path.basename(f)))
    .flatMap((f) =>
      exportedMethods(fs.readFileSync(f, "utf8")).map((m) => `${m} ${routePattern(f)}`),
    );
  const sources = [
    ...appFiles,
    ...walk(path.join(ROOT, "lib")),
    ...walk(path.join(ROOT, "components")),
  ].filter((f) => /\.(ts|tsx|js|jsx)$/.test(f) && !/\.d\.ts$/.test(f));
  const actionModules: string[] = [];
  const actions: string[] = [];
  for (const file of sources) {
    const source = fs.readFileSync(file, "utf8");
    if (!isServerActionModule(source)) continue;
    actionModules.push(relative(file));
    for (const name of exportedActions(source)) actions.push(`${relative(file)}#${name}`);
  }
  return {
    pages: pages.sort(),
    routes: routes.sort(),
    actions: actions.sort(),
    actionModules: actionModules.sort(),
  };
}

/** The planned action rows that apply to an action key (exact key or its module's `#*`). */
export function plannedAction(key: string): Row<ActionOutcome> | undefined {
  const file = key.slice(0, key.indexOf("#"));
  return PLANNED.actions[key] ?? PLANNED.actions[`${file}#*`];
}

/** Whether a planned row's entry point exists yet (a planned `file#*` row: whether the file does). */
function plannedExists(kind: "pages" | "routes" | "actions", key: string, found: EntryPoints) {
  if (kind === "pages") return found.pages.includes(key);
  if (kind === "routes") return found.routes.includes(key);
  if (key.endsWith("#*")) return fs.existsSync(path.join(ROOT, key.slice(0, -2)));
  return found.actions.includes(key);
}

/**
 * The differences between the table and the code: entry points without a row, rows without an
 * entry point (planned rows only once their file exists), and a planned `file#*` row whose
 * module exports nothing. Empty when they agree.
 */
export function tableMismatches(found: EntryPoints = discoverEntryPoints()): string[] {
  const problems: string[] = [];
  const tables = { pages: PAGES, routes: ROUTES, actions: ACTIONS } as const;
  for (const kind of ["pages", "routes", "actions"] as const) {
    const rows = tables[kind];
    const planned = PLANNED[kind];
    for (const key of found[kind]) {
      const covered =
        key in rows || key in planned || (kind === "actions" && plannedAction(key) !== undefined);
      if (!covered) problems.push(`${kind}: ${key} has no row in tests/authz/matrix.ts`);
    }
    for (const key of Object.keys(rows)) {
      if (!found[kind].includes(key)) problems.push(`${kind}: row ${key} matches no entry point`);
    }
    for (const key of Object.keys(planned)) {
      if (key in rows) problems.push(`${kind}: ${key} is both planned and in the table`);
      if (!plannedExists(kind, key, found)) continue;
      if (kind === "actions" && key.endsWith("#*")) {
        const prefix = key.slice(0, -1);
        if (!found.actions.some((a) => a.startsWith(prefix))) {
          problems.push(`${kind}: planned ${key} exists but exports no action`);
        }
      } else if (!found[kind].includes(key)) {
        problems.push(`${kind}: planned row ${key} matches no entry point`);
      }
    }
  }
  return problems;
}

/** The expected row of a discovered entry point, planned rows included. */
export function expectedPage(key: string): Row<PageOutcome> | undefined {
  return PAGES[key] ?? PLANNED.pages[key];
}
export function expectedRoute(key: string): Row<RouteOutcome> | undefined {
  return ROUTES[key] ?? PLANNED.routes[key];
}
export function expectedAction(key: string): Row<ActionOutcome> | undefined {
  return ACTIONS[key] ?? plannedAction(key);
}
