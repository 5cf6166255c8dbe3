import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cooperativeSchema } from "@/lib/validation/cooperative";
import { HOSTILE_STRINGS, hostileString, hostileValue } from "../helpers/hostile";

/**
 * Every zod schema of the app, found in the code (a new one is covered without touching this
 * file): lib/validation/** and the schema.ts beside server actions.
 */
const modules = import.meta.glob<Record<string, unknown>>(
  ["../../lib/validation/**/*.ts", "../../app/**/schema.ts"],
  { eager: true },
);
const schemas = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
    .map(([name, schema]) => ({ name: `${file.replace(/^(\.\.\/)+/, "")} ${name}`, schema })),
);

function keysOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodPipe) return keysOf(schema.in as z.ZodType);
  return [];
}

/** Every string and number a successful parse produced, with its path. */
function leaves(value: unknown, path = ""): { path: string; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [{ path, value }];
}

const DATE_KEY = /(_on|_from|_to|^from|^to|date)$/;

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Problems a value accepted by a schema would cause once written: PostgreSQL refuses them. */
function unstorable(output: unknown): string[] {
  return leaves(output).flatMap(({ path, value }) => {
    if (typeof value === "number" && !Number.isFinite(value)) return [`${path}: ${value}`];
    if (typeof value !== "string") return [];
    if (value.includes("\u0000")) return [`${path}: NUL character`];
    if (!value.isWellFormed()) return [`${path}: lone surrogate`];
    const date = /^\d{4}-\d{2}-\d{2}$/.test(value) && DATE_KEY.test(path);
    return date && !isCalendarDate(value) ? [`${path}: no such date ${value}`] : [];
  });
}

const RUNS = 300;
/** Fixed, so a run can be repeated; FC_SEED=<n> explores other inputs. */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261129) });

/**
 * Properties that fail today, each for a bug found by this file and reported in issue #7: the
 * test passes while the bug is there and fails once it is fixed, to be taken off this list.
 */
const KNOWN: Record<string, string> = {};

function check(property: string, schema: string) {
  return KNOWN[`${property} ${schema}`] ? it.fails : it;
}

describe("every zod schema under hostile input", () => {
  it("finds the schemas", () => {
    expect(schemas.length).toBeGreaterThanOrEqual(20);
    expect(schemas.map((s) => s.name)).toContain("lib/validation/cooperative.ts cooperativeSchema");
  });

  for (const { name, schema } of schemas) {
    const keys = keysOf(schema);
    const record = <T>(value: fc.Arbitrary<T>) =>
      fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] });

    check("throws", name)(`${name} never throws, whatever it is given`, () => {
      const input = keys.length ? fc.oneof(record(hostileValue), hostileValue) : hostileValue;
      fc.assert(
        fc.property(input, (value) => {
          schema.safeParse(value);
        }),
        { numRuns: RUNS },
      );
    });

    if (!keys.length) continue;

    check("keys", name)(`${name} refuses a bad form field with a message key`, () => {
      fc.assert(
        fc.property(record(fc.option(hostileString, { nil: undefined })), (value) => {
          const result = schema.safeParse(value);
          if (result.success) return;
          for (const issue of result.error.issues.filter((i) => i.path.length > 0)) {
            expect(issue.message, JSON.stringify(issue)).toMatch(/^[a-z][A-Za-z]*$/);
          }
        }),
        { numRuns: RUNS },
      );
    });

    check("storable", name)(`${name} lets through only what the database can store`, () => {
      fc.assert(
        fc.property(record(hostileString), (value) => {
          const result = schema.safeParse(value);
          if (result.success) expect(unstorable(result.data)).toEqual([]);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

const VALID_COOPERATIVE = {
  name: "تعاونية الأمل",
  legal_form: "cooperative",
  sector: "agriculture",
  province: "fes",
  area: "rural",
  women_coop: "on",
  members_total: "12",
  members_women: "7",
  members_youth: "3",
};

describe("the cooperative schema, one hostile field at a time", () => {
  it("accepts the valid base record", () => {
    expect(cooperativeSchema.safeParse(VALID_COOPERATIVE).success).toBe(true);
  });

  it.each(["members_total", "members_women", "members_youth"])(
    "refuses NaN, infinite, negative, fractional and enormous %s with its own error",
    (field) => {
      const bad = fc.oneof(
        fc.constantFrom(NaN, Infinity, -Infinity, -1, 0.5, 1e308, 1_000_001),
        fc.constantFrom("NaN", "Infinity", "1e309", "-3", "2.5", "abc", "1000001"),
        fc.double({ min: -1e300, max: -Number.MIN_VALUE }),
        fc.integer({ min: 1_000_001 }),
      );
      fc.assert(
        fc.property(bad, (value) => {
          const result = cooperativeSchema.safeParse({ ...VALID_COOPERATIVE, [field]: value });
          expect(result.success).toBe(false);
          const first = result.error!.issues.find((i) => i.path[0] === field);
          expect(first?.message).toMatch(/^(notANumber|notAnInteger|negative|tooLarge)$/);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it.each(["registered_on", "founded_on"])(
    "refuses dates out of range or in the future for %s",
    (field) => {
      const bad = fc.oneof(
        fc.constantFrom("1899-12-31", "0000-01-01", "9999-12-31", "2026-13-01", "26-01-01"),
        fc.integer({ min: 1, max: 1899 }).map((y) => `${String(y).padStart(4, "0")}-06-15`),
        fc.integer({ min: 2200, max: 9999 }).map((y) => `${y}-01-01`),
      );
      fc.assert(
        fc.property(bad, (value) => {
          const result = cooperativeSchema.safeParse({ ...VALID_COOPERATIVE, [field]: value });
          expect(result.success).toBe(false);
          const first = result.error!.issues.find((i) => i.path[0] === field);
          expect(first?.message).toMatch(/^(invalidDate|dateInFuture)$/);
        }),
        { numRuns: RUNS },
      );
    },
  );

  check("storable", "cooperative")(
    "lets through, one hostile field at a time, only what the database can store",
    () => {
      const fields = Object.keys(cooperativeSchema.shape);
      fc.assert(
        fc.property(fc.constantFrom(...fields), hostileString, (field, value) => {
          const result = cooperativeSchema.safeParse({ ...VALID_COOPERATIVE, [field]: value });
          if (result.success) expect(unstorable(result.data)).toEqual([]);
        }),
        { numRuns: 1000 },
      );
    },
  );

  it("keeps hostile text as text: HTML, SQL and direction overrides are data, not code", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.trim() && s.length <= 200)),
        (name) => {
          const result = cooperativeSchema.safeParse({ ...VALID_COOPERATIVE, name });
          if (result.success) expect(result.data.name).toBe(name.trim());
        },
      ),
      { numRuns: 100 },
    );
  });
});
