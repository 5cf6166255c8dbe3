import fc from "fast-check";

/**
 * Hostile input shared by the property tests: the zod schemas (tests/unit/validation-properties
 * .test.ts) and the server actions (tests/actions/hostile-actions.test.ts).
 */

export const HOSTILE_STRINGS = [
  "",
  "   ",
  "\t\r\n",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'; drop table users; --",
  "1 OR 1=1",
  "\u202Eevil\u202C",
  "\u2066\u2067\u2068\u2069",
  "\u200f\u200e\u061c",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDC00x",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1",
  "-0",
  "0x1F",
  "1_000",
  "٣٤",
  "۷",
  "9".repeat(400),
  "2025-02-29",
  "2026-02-30",
  "2026-04-31",
  "0000-01-01",
  "9999-12-31",
  "1899-12-31",
  "2026-13-01",
  "+012026-01-01",
  "2026-1-1",
  "true",
  "on",
  "null",
  "__proto__",
  "constructor",
  "x".repeat(100_000),
];

export const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
export const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
);
export const hostileNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -1, 0.5),
  fc.double(),
  fc.integer(),
);
/** What a form (strings) or a JSON body (any JSON value) can carry. */
export const hostileValue = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constantFrom(null, undefined, [], {}, ["a", "b"], { toString: 1 }, { valueOf: "x" }),
  fc.jsonValue({ maxDepth: 2 }),
);
