import "@/lib/zod";
import { z } from "zod";
import { SESSION_MODES, SESSION_TOPICS } from "@/db/schema";
import { fieldsAre, isIsoDate, isoDate, pastDate as pastDay, text } from "@/lib/validation/common";
import { parseListFilters, type ListFilters } from "@/lib/filters";
import {
  FOLLOW_UP_MAX_DAYS,
  MAX_ATTENDEES,
  MAX_DURATION_MINUTES,
  MAX_NEXT_STEPS,
  MAX_NOTES,
  MENTOR_MAX_COOPERATIVES,
  SILENT_DAYS,
} from "@/lib/validation/session-constants";

/** Error messages are keys of the `sessions.errors` catalog namespace. */
export type SessionErrorKey =
  | "required"
  | "tooLong"
  | "invalidCharacters"
  | "invalidChoice"
  | "notANumber"
  | "notAnInteger"
  | "durationRange"
  | "attendeesRange"
  | "invalidDate"
  | "dateInFuture"
  | "topicsRequired"
  | "followUpBeforeSession"
  | "followUpTooFar"
  | "endBeforeStart"
  | "alreadyAssigned"
  | "invalidId";

const ERROR_KEYS: ReadonlySet<string> = new Set<SessionErrorKey>([
  "required",
  "tooLong",
  "invalidCharacters",
  "invalidChoice",
  "notANumber",
  "notAnInteger",
  "durationRange",
  "attendeesRange",
  "invalidDate",
  "dateInFuture",
  "topicsRequired",
  "followUpBeforeSession",
  "followUpTooFar",
  "endBeforeStart",
  "alreadyAssigned",
  "invalidId",
]);

/** Defined without zod, for client components; re-exported for server code. */
export {
  FOLLOW_UP_MAX_DAYS,
  MAX_ATTENDEES,
  MAX_DURATION_MINUTES,
  MAX_NEXT_STEPS,
  MAX_NOTES,
  MENTOR_MAX_COOPERATIVES,
  SILENT_DAYS,
};

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Form values are strings, JSON values may be numbers: both become trimmed text, blank is absent. */
function blank(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return value ?? undefined;
  const trimmed = value.trim().replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));
  return trimmed === "" ? undefined : trimmed;
}

const integer = (range: SessionErrorKey, min: number, max: number) =>
  z.preprocess(
    (v) => {
      const text = blank(v);
      return typeof text === "string" ? Number(text.replace(/\s/g, "")) : text;
    },
    z
      .number({ error: (issue) => (issue.input === undefined ? "required" : "notANumber") })
      .refine((n) => Number.isFinite(n), { error: "notANumber" })
      .refine((n) => Number.isInteger(n), { error: "notAnInteger" })
      .refine((n) => n >= min && n <= max, { error: range }),
  );

/** A day that exists (YYYY-MM-DD), from 2000 to 2100. */
const day = isoDate({ from: "2000-01-01" });

/** A past or present day (YYYY-MM-DD) in Africa/Casablanca, from 2000. */
export const pastDate = z.preprocess(blank, pastDay({ from: "2000-01-01" }));
const optionalDate = z.preprocess(blank, day.optional()).transform((v) => v ?? null);

/** Free text is kept as written (Arabic digits too): trimmed, blank is absent. */
function blankText(value: unknown): unknown {
  if (typeof value !== "string") return blank(value);
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Text the database can store (no NUL, no lone surrogate); blank is null. */
const optionalText = (max: number) =>
  z.preprocess(blankText, text(max).optional()).transform((v) => v ?? null);

export const idSchema = z.preprocess(
  blank,
  z.coerce
    .number({ error: "invalidChoice" })
    .int({ error: "invalidChoice" })
    .positive({ error: "invalidChoice" })
    .max(2_147_483_647, { error: "invalidChoice" }),
);

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The id a device made for a session (a UUID v4): a repeated submission names the same session. */
export const sessionIdSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.string({ error: "invalidId" }).regex(UUID_V4, { error: "invalidId" }),
);

const topics = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(SESSION_TOPICS, { error: "invalidChoice" }), { error: "invalidChoice" })
    .max(SESSION_TOPICS.length * 2, { error: "invalidChoice" })
    .refine((list) => list.length > 0, { error: "topicsRequired" })
    .transform((list) => SESSION_TOPICS.filter((topic) => list.includes(topic))),
);

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** One schema for the session form, its server actions and POST /api/sessions; keys are DOMAIN.md's. */
export const sessionSchema = z
  .object({
    cooperative_id: idSchema,
    held_on: pastDate,
    duration_minutes: integer("durationRange", 1, MAX_DURATION_MINUTES),
    mode: z.preprocess(
      blank,
      z.enum(SESSION_MODES, {
        error: (issue) => (issue.input === undefined ? "required" : "invalidChoice"),
      }),
    ),
    topics,
    attendees: integer("attendeesRange", 1, MAX_ATTENDEES),
    notes: optionalText(MAX_NOTES),
    next_steps: optionalText(MAX_NEXT_STEPS),
    follow_up_on: optionalDate,
  })
  .superRefine(
    (value, ctx) => {
      if (!value.follow_up_on) return;
      if (value.follow_up_on < value.held_on) {
        ctx.addIssue({ code: "custom", path: ["follow_up_on"], message: "followUpBeforeSession" });
      } else if (value.follow_up_on > addDays(value.held_on, FOLLOW_UP_MAX_DAYS)) {
        ctx.addIssue({ code: "custom", path: ["follow_up_on"], message: "followUpTooFar" });
      }
    },
    {
      // addDays needs a day that exists: an invalid held_on would throw a RangeError.
      when: ({ value }) =>
        fieldsAre(value, "string", ["held_on", "follow_up_on"]) &&
        isIsoDate((value as { held_on: string }).held_on),
    },
  );

export type SessionInput = z.infer<typeof sessionSchema>;
export type SessionField = keyof SessionInput;
export const SESSION_FIELDS = Object.keys(sessionSchema.shape) as SessionField[];
export type SessionFieldErrors = Partial<Record<SessionField | "id" | "version", SessionErrorKey>>;

export const versionSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** The first error of each field, as a catalog key. */
export function sessionFieldErrors(error: z.ZodError): SessionFieldErrors {
  const out: Record<string, SessionErrorKey> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= ERROR_KEYS.has(issue.message)
      ? (issue.message as SessionErrorKey)
      : "invalidChoice";
  }
  return out as SessionFieldErrors;
}

/** What a session form posts, as the schema reads it (topics are several values of one name). */
export function sessionValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of SESSION_FIELDS) {
    values[key] =
      key === "topics"
        ? formData.getAll(key).map(String)
        : String(formData.get(key) ?? "").slice(0, 10_000);
  }
  return values;
}

/** Assigning a mentor to a cooperative, from either side: both ids, a start and perhaps an end. */
export const assignmentSchema = z
  .object({
    mentor_id: idSchema,
    cooperative_id: idSchema,
    start_on: z.preprocess(blank, day),
    end_on: optionalDate,
  })
  .superRefine(
    (value, ctx) => {
      if (value.end_on && value.end_on < value.start_on) {
        ctx.addIssue({ code: "custom", path: ["end_on"], message: "endBeforeStart" });
      }
    },
    {
      when: ({ value }) => fieldsAre(value, "string", ["start_on", "end_on"]),
    },
  );
export type AssignmentInput = z.infer<typeof assignmentSchema>;
export const ASSIGNMENT_FIELDS = ["mentor_id", "cooperative_id", "start_on", "end_on"] as const;

/** The sessions list's filters: DOMAIN.md's names (q: the cooperative's name, cohort, from, to, page) plus mentor, cooperative, topic. */
export type SessionFilters = Pick<ListFilters, "q" | "cohortId" | "from" | "to" | "page"> & {
  mentorId?: number;
  cooperativeId?: number;
  topic?: (typeof SESSION_TOPICS)[number];
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

export function parseSessionFilters(params: Params): SessionFilters {
  const list = parseListFilters(params);
  const raw = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return (Array.isArray(value) ? value[0] : value) ?? undefined;
  };
  const id = (key: string) => {
    const parsed = idSchema.safeParse(raw(key));
    return parsed.success ? parsed.data : undefined;
  };
  const topic = z.enum(SESSION_TOPICS).safeParse(raw("topic")?.trim());
  return {
    q: list.q,
    cohortId: list.cohortId,
    from: list.from,
    to: list.to,
    page: list.page,
    mentorId: id("mentor"),
    cooperativeId: id("cooperative"),
    topic: topic.success ? topic.data : undefined,
  };
}

/** The URL query of the sessions list's filters, with overrides (undefined removes a key). */
export function sessionQuery(
  filters: SessionFilters,
  overrides: Record<string, string | number | undefined> = {},
): string {
  const entries: Record<string, string | number | undefined> = {
    q: filters.q,
    mentor: filters.mentorId,
    cooperative: filters.cooperativeId,
    cohort: filters.cohortId,
    topic: filters.topic,
    from: filters.from,
    to: filters.to,
    page: filters.page > 1 ? filters.page : undefined,
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}
