import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { auditParamsSchema } from "@/app/(app)/admin/audit/params";
import { createUserSchema } from "@/app/(app)/admin/users/schema";
import { parseListFilters } from "@/lib/filters";
import { cohortSchema, programSchema } from "@/lib/validation/cohort";
import { isIsoDate, isStorableText } from "@/lib/validation/common";
import { cooperativeSchema } from "@/lib/validation/cooperative";
import { eventSchema, participationSchema, removeParticipationSchema } from "@/lib/validation/fair";
import {
  awardSchema,
  awardStatusSchema,
  disbursementSchema,
  releaseSchema,
} from "@/lib/validation/funding";
import { jobsSnapshotSchema } from "@/lib/validation/jobs";
import {
  customMilestoneSchema,
  milestoneUpdateSchema,
  sendBackSchema,
  templateSchema,
  verifySchema,
} from "@/lib/validation/milestone";
import { assignmentSchema, sessionSchema } from "@/lib/validation/session";

type Case = {
  name: string;
  schema: z.ZodType;
  valid: Record<string, string>;
  /** A date field, given 2026-02-30 and 2024-02-29. */
  date?: string;
  /** A text field, given a NUL character. */
  text?: string;
  /** Id fields, each left out in turn. */
  ids?: string[];
};

const CASES: Case[] = [
  {
    name: "cooperativeSchema",
    schema: cooperativeSchema,
    valid: {
      name: "تعاونية الأمل",
      legal_form: "cooperative",
      sector: "agriculture",
      province: "fes",
      area: "rural",
      members_total: "12",
      members_women: "7",
      members_youth: "3",
      registered_on: "2025-01-15",
    },
    date: "registered_on",
    text: "name",
  },
  {
    name: "jobsSnapshotSchema",
    schema: jobsSnapshotSchema,
    valid: {
      kind: "periodic",
      as_of: "2025-06-30",
      jobs_total: "5",
      jobs_women: "2",
      jobs_youth: "1",
      source: "Déclaration de la présidente",
    },
    date: "as_of",
    text: "source",
  },
  {
    name: "cohortSchema",
    schema: cohortSchema,
    valid: {
      name: "Cohorte 2025",
      program_id: "1",
      start_on: "2025-01-01",
      end_on: "2025-12-31",
      capacity: "20",
      status: "active",
    },
    date: "start_on",
    text: "name",
  },
  {
    name: "programSchema",
    schema: programSchema,
    valid: { key: "moazara", name_ar: "مؤازرة", name_fr: "Moazara", name_en: "Moazara" },
    text: "description",
  },
  {
    name: "eventSchema",
    schema: eventSchema,
    valid: {
      name: "Salon régional",
      kind: "regional_fair",
      starts_on: "2025-05-01",
      ends_on: "2025-05-03",
    },
    date: "starts_on",
    text: "location",
  },
  {
    name: "participationSchema",
    schema: participationSchema,
    valid: { event_id: "1", cooperative_id: "2", sales_mad: "1200" },
    text: "notes",
    ids: ["event_id"],
  },
  {
    name: "removeParticipationSchema",
    schema: removeParticipationSchema,
    valid: { id: "3" },
    ids: ["id"],
  },
  {
    name: "awardSchema",
    schema: awardSchema,
    valid: {
      cooperative_id: "1",
      source: "region_council",
      kind: "grant",
      amount_mad: "40000",
      awarded_on: "2025-03-01",
      status: "approved",
    },
    date: "awarded_on",
    text: "notes",
    ids: ["cooperative_id"],
  },
  {
    name: "disbursementSchema",
    schema: disbursementSchema,
    valid: { award_id: "1", status: "disbursed", disbursed_on: "2025-04-01", amount_mad: "10000" },
    date: "disbursed_on",
    text: "reference",
    ids: ["award_id"],
  },
  {
    name: "releaseSchema",
    schema: releaseSchema,
    valid: { id: "1", disbursed_on: "2025-04-01" },
    date: "disbursed_on",
    text: "reference",
    ids: ["id"],
  },
  {
    name: "awardStatusSchema",
    schema: awardStatusSchema,
    valid: { award_id: "1", status: "approved" },
    ids: ["award_id"],
  },
  {
    name: "milestoneUpdateSchema",
    schema: milestoneUpdateSchema,
    valid: { status: "in_progress", completed_on: "2025-01-10" },
    date: "completed_on",
    text: "evidence_text",
  },
  {
    name: "verifySchema",
    schema: verifySchema,
    valid: { completed_on: "2025-01-10" },
    date: "completed_on",
  },
  {
    name: "sendBackSchema",
    schema: sendBackSchema,
    valid: { comment: "Joindre la facture" },
    text: "comment",
  },
  {
    name: "customMilestoneSchema",
    schema: customMilestoneSchema,
    valid: { title: "Étiquetage", stage: "incubation", due_on: "2026-06-01" },
    date: "due_on",
    text: "title",
  },
  {
    name: "templateSchema",
    schema: templateSchema,
    valid: {
      key: "labelling",
      stage: "incubation",
      sort_order: "1",
      due_offset_days: "30",
      label_ar: "التوسيم",
      label_fr: "Étiquetage",
      label_en: "Labelling",
      active: "on",
    },
    text: "label_fr",
  },
  {
    name: "sessionSchema",
    schema: sessionSchema,
    valid: {
      cooperative_id: "1",
      held_on: "2025-03-10",
      duration_minutes: "90",
      mode: "in_person",
      topics: "governance",
      attendees: "6",
      notes: "Revue des comptes",
    },
    date: "held_on",
    text: "notes",
    ids: ["cooperative_id"],
  },
  {
    name: "assignmentSchema",
    schema: assignmentSchema,
    valid: { mentor_id: "1", cooperative_id: "2", start_on: "2025-01-01", end_on: "2025-12-31" },
    date: "start_on",
    ids: ["mentor_id", "cooperative_id"],
  },
  {
    name: "createUserSchema",
    schema: createUserSchema,
    valid: { name: "Amina", email: "amina@example.ma", role: "staff", locale: "fr" },
    text: "name",
  },
];

/** Each issue as [field, message]. */
function issues(schema: z.ZodType, input: unknown): [string, string][] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join("."), i.message]);
}

describe.each(CASES)("$name", ({ schema, valid, date, text, ids }) => {
  it("accepts the valid record", () => {
    expect(issues(schema, valid)).toEqual([]);
  });

  it("answers null with an error, without throwing", () => {
    const result = schema.safeParse(null);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.code, i.path])).toEqual([["invalid_type", []]]);
  });

  if (date) {
    it(`refuses 2026-02-30 as ${date}`, () => {
      expect(issues(schema, { ...valid, [date]: "2026-02-30" })).toEqual([[date, "invalidDate"]]);
    });

    it(`accepts 2024-02-29 as ${date}`, () => {
      const result = schema.safeParse({ ...valid, [date]: "2024-02-29" });
      expect(result.success).toBe(true);
      expect((result.data as Record<string, unknown>)[date]).toBe("2024-02-29");
    });
  }

  if (text) {
    it(`refuses a NUL character in ${text}`, () => {
      expect(issues(schema, { ...valid, [text]: "a\u0000b" })).toEqual([
        [text, "invalidCharacters"],
      ]);
    });
  }

  for (const id of ids ?? []) {
    it(`refuses a missing ${id} with a message key`, () => {
      const rest = Object.fromEntries(Object.entries(valid).filter(([key]) => key !== id));
      expect(issues(schema, rest)).toEqual([[id, "invalidChoice"]]);
    });
  }
});

describe("the session schema's follow-up check", () => {
  const valid = CASES.find((c) => c.name === "sessionSchema")!.valid;

  it("refuses an impossible follow-up date and checks a real one against the session", () => {
    expect(issues(sessionSchema, { ...valid, follow_up_on: "2026-02-30" })).toEqual([
      ["follow_up_on", "invalidDate"],
    ]);
    expect(issues(sessionSchema, { ...valid, follow_up_on: "2025-03-09" })).toEqual([
      ["follow_up_on", "followUpBeforeSession"],
    ]);
    expect(issues(sessionSchema, { ...valid, follow_up_on: "2026-03-12" })).toEqual([
      ["follow_up_on", "followUpTooFar"],
    ]);
  });

  it("answers an impossible session date with a follow-up by errors, without throwing", () => {
    expect(issues(sessionSchema, { ...valid, held_on: "2026-02-30", follow_up_on: "x" })).toEqual([
      ["held_on", "invalidDate"],
      ["follow_up_on", "invalidDate"],
    ]);
  });
});

describe("the shared checks", () => {
  it.each([
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["2026-12-31", true],
    ["0099-01-01", true],
    ["2026-02-30", false],
    ["2025-02-29", false],
    ["1900-02-29", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["0000-01-01", false],
    ["2026-1-1", false],
    ["+012026-01-01", false],
  ])("reads %s as a day that exists: %s", (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each([
    ["تعاونية", true],
    ["a\u0000b", false],
    ["\uD800", false],
    ["x\uDC00", false],
    ["\uD83D\uDE00", true],
  ])("knows whether PostgreSQL can store %j: %s", (value, expected) => {
    expect(isStorableText(value)).toBe(expected);
  });

  it("ignores impossible dates and NUL in list filters, as it does any malformed value", () => {
    const filters = parseListFilters({ from: "2026-02-30", to: "2024-02-29", q: "a\u0000b" });
    expect([filters.from, filters.to, filters.q]).toEqual([undefined, "2024-02-29", undefined]);
  });

  it("ignores impossible dates and NUL in the audit log's filters", () => {
    const params = auditParamsSchema.parse({ from: "2025-02-29", entity: "a\u0000b" });
    expect([params.from, params.entity]).toEqual([undefined, undefined]);
  });
});
