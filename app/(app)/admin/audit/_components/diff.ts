export type Change = { key: string; before: string; after: string };

const MAX_LENGTH = 80;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One value, short enough for a table cell: text as is, the rest as JSON. */
export function compactValue(value: unknown): string {
  if (value === undefined || value === null) return "∅";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

/**
 * What changed between two audit snapshots, key by key (a key present on one side only counts
 * as a change); two values that are not objects compare as a whole, under the key "".
 */
export function diffJson(before: unknown, after: unknown): Change[] {
  const empty = (value: unknown) => value === null || value === undefined;
  if ((isRecord(before) || empty(before)) && (isRecord(after) || empty(after))) {
    const left = isRecord(before) ? before : {};
    const right = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
    return keys
      .filter((key) => JSON.stringify(left[key]) !== JSON.stringify(right[key]))
      .map((key) => ({ key, before: compactValue(left[key]), after: compactValue(right[key]) }));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ key: "", before: compactValue(before), after: compactValue(after) }];
}
