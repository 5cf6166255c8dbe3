import type { cooperatives } from "@/db/schema";
import ar from "@/lib/i18n/messages/ar.json";
import en from "@/lib/i18n/messages/en.json";
import fr from "@/lib/i18n/messages/fr.json";
import {
  COOPERATIVE_FIELDS,
  cooperativeSchema,
  fieldErrors,
  type CooperativeErrorKey,
  type CooperativeInput,
} from "@/lib/validation/cooperative";

export type ImportField = keyof CooperativeInput;
export type ImportErrorKey = CooperativeErrorKey | "duplicateInFile";
export type RowErrors = Partial<Record<ImportField, ImportErrorKey>>;
export type RowStatus = "create" | "update" | "unchanged" | "invalid";
export type ExistingCooperative = typeof cooperatives.$inferSelect;

/** What the preview and the report show of one row of the file. */
export type RowView = {
  rowNumber: number;
  status: RowStatus;
  name: string;
  errors?: RowErrors;
  /** A live cooperative with the same name and province (no registration number match). */
  duplicateOf?: number;
  /** The cooperative this row updates, or is identical to. */
  targetId?: number;
  changes?: ImportField[];
};

/** In memory only: the validated values, and the stored record an update replaces. */
export type RowResult = RowView & { data?: CooperativeInput; before?: ExistingCooperative };

export type ImportCounts = Record<
  "rows" | "valid" | "create" | "update" | "unchanged" | "invalid" | "flagged",
  number
>;

export type ImportReport = ImportCounts & {
  created: number;
  updated: number;
  /** Rows not imported (errors) and created rows flagged as possible duplicates. */
  details: RowView[];
};

type Target = ImportField | "cohort" | "ignored";

export type HeaderMapping = {
  targets: (ImportField | "cohort" | null)[];
  /** Fields the file provides (a cohort name column provides cohort_id). */
  present: ImportField[];
  /** Export columns read but never written by an import (id, stage…). */
  ignored: string[];
  unknown: string[];
};

const CATALOGS = [ar, fr, en];
const READ_ONLY = ["id", "stage", "program", "updated_at", "archived_at", "created_at"];

/** Trimmed, lower-case, without Latin accents or Arabic diacritics, one spelling per letter. */
export function fold(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}|\u0640/gu, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[\s_]+/g, " ")
    .trim();
}

const latinDigits = (value: string) =>
  value.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));

function indexOf<T>(entries: (readonly [string | undefined, T])[]): Map<string, T> {
  const index = new Map<string, T>();
  for (const [name, value] of entries) {
    const key = fold(name ?? "");
    if (key !== "" && !index.has(key)) index.set(key, value);
  }
  return index;
}

const HEADERS = indexOf<Target>([
  ...COOPERATIVE_FIELDS.map((f) => [f, f] as const),
  ["cohort", "cohort"],
  ...READ_ONLY.map((k) => [k, "ignored"] as const),
  ...CATALOGS.flatMap((catalog) => {
    const labels: Record<string, string> = catalog.cooperatives.fields;
    return [
      [labels.cohort_number, "cohort_id"] as const,
      [labels.cohort, "cohort"] as const,
      ...COOPERATIVE_FIELDS.filter((f) => f !== "cohort_id").map((f) => [labels[f], f] as const),
      ...READ_ONLY.map((k) => [labels[k], "ignored"] as const),
    ];
  }),
]);

const choices = (namespace: "legalForm" | "sector" | "area") => {
  const index = indexOf<string>(
    Object.keys(en[namespace]).flatMap((key) =>
      [key, ...CATALOGS.map((c) => (c[namespace] as Record<string, string>)[key])].map(
        (label) => [label, key] as const,
      ),
    ),
  );
  return (cell: string) => index.get(fold(cell)) ?? cell;
};

const YES = ["true", "1", "x", "vrai", ...CATALOGS.map((c) => c.cooperatives.yes)];
const NO = ["false", "0", "faux", ...CATALOGS.map((c) => c.cooperatives.no)];
const FLAGS = indexOf<string>([
  ...YES.map((word) => [word, "true"] as const),
  ...NO.map((word) => [word, "false"] as const),
]);

/** Which field each column holds; unknown columns are reported, not fatal. */
export function mapHeader(header: string[]): HeaderMapping {
  const seen = new Set<Target>();
  const ignored: string[] = [];
  const unknown: string[] = [];
  const targets = header.map((raw) => {
    const target = HEADERS.get(fold(raw));
    if (target === "ignored") ignored.push(raw.trim());
    else if (!target || seen.has(target)) {
      if (raw.trim() !== "") unknown.push(raw.trim());
    } else {
      seen.add(target);
      return target;
    }
    return null;
  });
  const present = COOPERATIVE_FIELDS.filter(
    (f) => seen.has(f) || (f === "cohort_id" && seen.has("cohort")),
  );
  return { targets, present, ignored, unknown };
}

const PROVINCE_AFFIX = /^(prefecture|province|عماله|اقليم) (de |d'|du )?|(prefecture|province)$/;

/** Provinces by key or name in any language ("Fès" too); cohorts by id or name. */
export function referenceLookups(reference: {
  provinces: { key: string; ar: string; fr: string; en: string }[];
  cohorts: { id: number; name: string }[];
}) {
  const province = indexOf<string>(
    reference.provinces.flatMap((p) =>
      [p.key, p.ar, p.fr, p.en].flatMap((name) => [
        [name, p.key] as const,
        [fold(name).replace(PROVINCE_AFFIX, ""), p.key] as const,
      ]),
    ),
  );
  const cohortByName = indexOf<number>(reference.cohorts.map((c) => [c.name, c.id] as const));
  return { province, cohortByName, cohortIds: new Set(reference.cohorts.map((c) => c.id)) };
}

export type Lookups = ReturnType<typeof referenceLookups>;

function normaliseDate(cell: string): string {
  const value = latinDigits(cell);
  const pad = (n: string) => n.padStart(2, "0");
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s].*)?$/.exec(value);
  if (iso) return `${iso[1]}-${pad(iso[2]!)}-${pad(iso[3]!)}`;
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (dayFirst) return `${dayFirst[3]}-${pad(dayFirst[2]!)}-${pad(dayFirst[1]!)}`;
  return cell;
}

function normaliseAmount(cell: string): string {
  let value = latinDigits(cell)
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/(mad|dhs?|درهم)$/i, "");
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) value = value.replace(/,/g, "");
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(value)) value = value.replace(/\./g, "");
  return value;
}

/** Values as people write them, in the form the schema reads. */
const CONVERT: Partial<Record<ImportField, (cell: string) => string>> = {
  legal_form: choices("legalForm"),
  sector: choices("sector"),
  area: choices("area"),
  women_coop: (cell) => FLAGS.get(fold(cell)) ?? cell,
  registered_on: normaliseDate,
  founded_on: normaliseDate,
  share_capital_mad: normaliseAmount,
};

export type PreparedRow = {
  index: number;
  rowNumber: number;
  name: string;
  values: Partial<Record<ImportField, string>>;
  errors: RowErrors;
  registrationKey: string | null;
};

/** Labels and names in any language become the schema's keys; nothing is validated yet. */
export function prepareRow(
  row: string[],
  index: number,
  mapping: HeaderMapping,
  lookups: Lookups,
): PreparedRow | null {
  if (row.every((cell) => (cell ?? "").trim() === "")) return null;
  const values: Partial<Record<ImportField, string>> = {};
  const errors: RowErrors = {};
  let cohortName = "";
  const cohort = (cell: string) => {
    if (/^\d+$/.test(latinDigits(cell)) && lookups.cohortIds.has(Number(latinDigits(cell)))) {
      return latinDigits(cell);
    }
    const id = lookups.cohortByName.get(fold(cell));
    if (id === undefined) errors.cohort_id = "invalidChoice";
    return id === undefined ? "" : String(id);
  };
  mapping.targets.forEach((target, column) => {
    const cell = (row[column] ?? "").trim();
    if (target === null) return;
    if (target === "cohort") cohortName = cell;
    else if (cell === "") values[target] = "";
    else if (target === "province") {
      const key = lookups.province.get(fold(cell));
      if (key === undefined) errors.province = "invalidChoice";
      values.province = key ?? "";
    } else if (target === "cohort_id") values.cohort_id = cohort(cell);
    else values[target] = CONVERT[target]?.(cell) ?? cell;
  });
  if (!values.cohort_id && cohortName !== "") values.cohort_id = cohort(cohortName);
  else if (mapping.present.includes("cohort_id")) values.cohort_id ??= "";
  const registration = values.registration_number?.trim() ?? "";
  return {
    index,
    rowNumber: index + 2,
    name: values.name ?? "",
    values,
    errors,
    registrationKey: registration === "" ? null : registration.toLowerCase(),
  };
}

const camel = (field: ImportField) =>
  field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof ExistingCooperative;

/** A stored record as the form would submit it, to fill the columns a file does not have. */
export function existingInput(existing: ExistingCooperative): Record<ImportField, string> {
  return Object.fromEntries(
    COOPERATIVE_FIELDS.map((field) => {
      const value = existing[camel(field)];
      return [field, value === null || value === undefined ? "" : String(value)];
    }),
  ) as Record<ImportField, string>;
}

function comparable(field: ImportField, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (field === "share_capital_mad") return Number(value).toFixed(2);
  const text = String(value).trim();
  if (text === "") return null;
  return field === "email" ? text.toLowerCase() : text;
}

/** Fields (among those given) whose normalised value differs from the stored record. */
export function changedFields(
  data: CooperativeInput,
  existing: ExistingCooperative,
  fields: readonly ImportField[],
): ImportField[] {
  return fields.filter(
    (f) => comparable(f, data[f]) !== comparable(f, existing[camel(f)] as unknown),
  );
}

/** The row validated by the one cooperative schema; a matched record fills the missing columns. */
export function validateRow(
  prepared: PreparedRow,
  existing: ExistingCooperative | undefined,
): { data?: CooperativeInput; errors?: RowErrors } {
  const input = existing ? { ...existingInput(existing), ...prepared.values } : prepared.values;
  const parsed = cooperativeSchema.safeParse(input);
  const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...prepared.errors };
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { data: parsed.data };
}

/** The status of a valid row, given its registration match and same name+province records. */
export function decide(
  prepared: PreparedRow,
  data: CooperativeInput,
  match: ExistingCooperative | undefined,
  sameName: ExistingCooperative[],
  present: readonly ImportField[],
): RowResult {
  const base = { rowNumber: prepared.rowNumber, name: data.name, data };
  if (match) {
    const changes = changedFields(data, match, present);
    return changes.length === 0
      ? { ...base, status: "unchanged", targetId: match.id }
      : { ...base, status: "update", targetId: match.id, changes, before: match };
  }
  const same = sameName.find((c) => changedFields(data, c, present).length === 0);
  if (same) return { ...base, status: "unchanged", targetId: same.id };
  return { ...base, status: "create", duplicateOf: sameName[0]?.id };
}

export function countResults(results: RowView[]): ImportCounts {
  const count = (status: RowStatus) => results.filter((r) => r.status === status).length;
  return {
    rows: results.length,
    valid: results.length - count("invalid"),
    create: count("create"),
    update: count("update"),
    unchanged: count("unchanged"),
    invalid: count("invalid"),
    flagged: results.filter((r) => r.duplicateOf !== undefined).length,
  };
}

export function rowView(row: RowView): RowView {
  const { rowNumber, status, name, errors, duplicateOf, targetId, changes } = row;
  return { rowNumber, status, name, errors, duplicateOf, targetId, changes };
}

/**
 * Local registers number cooperatives per court, so one number can belong to two cooperatives
 * of different provinces: the one of the row's province is preferred. Two rows may not claim
 * the same cooperative, nor create the same number twice in one province.
 */
export function matchRegistrations(rows: PreparedRow[], found: Map<number, ExistingCooperative[]>) {
  const matches = new Map<number, ExistingCooperative>();
  const claimed = new Set<string>();
  for (const row of rows.filter((r) => r.registrationKey !== null)) {
    const candidates = found.get(row.index) ?? [];
    const match = candidates.find((c) => c.province === row.values.province) ?? candidates[0];
    const key = match ? `#${match.id}` : `${row.registrationKey}|${row.values.province}`;
    if (claimed.has(key)) row.errors.registration_number = "duplicateInFile";
    else if (match) matches.set(row.index, match);
    claimed.add(key);
  }
  return matches;
}
