/** A value of PostgreSQL's COPY text format: null, text, number, boolean, date or a text array. */
export type CopyValue = string | number | boolean | null | undefined | Date | readonly string[];

const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function escapeText(text: string): string {
  return text.replace(SPECIAL, (c) => ESCAPES[c] ?? c);
}

function arrayLiteral(items: readonly string[]): string {
  const quoted = items.map((item) =>
    /^[A-Za-z0-9_]+$/.test(item) ? item : `"${item.replace(/(["\\])/g, "\\$1")}"`,
  );
  return `{${quoted.join(",")}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  return escapeText(value as string);
}

/** One line of COPY … FROM STDIN (text format), newline included. */
export function copyLine(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join("\t")}\n`;
}
