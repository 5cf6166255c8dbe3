import { checkRowCount, TabularError, type Cell, type ParseOptions, type Table } from "./types";

const NEEDS_APOSTROPHE = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

function csvCell(value: Cell): string {
  let text: string;
  if (value === null || value === undefined) return "";
  if (typeof value === "number") text = Number.isFinite(value) ? String(value) : "";
  else if (typeof value === "boolean") text = value ? "true" : "false";
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? "" : value.toISOString();
  else text = NEEDS_APOSTROPHE.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * UTF-8 with BOM, comma-separated, CRLF, RFC 4180 quoting. Text starting with = + - @ tab or CR
 * gets a leading apostrophe (formula injection); parseCsv removes it again.
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join("")}`;
}

function detectSeparator(input: string): string {
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let inQuotes = false;
  let seen = false;
  for (const ch of input) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === "\n" || ch === "\r") {
      if (seen) break;
      continue;
    } else if (ch === ",") comma++;
    else if (ch === ";") semicolon++;
    else if (ch === "\t") tab++;
    if (ch !== " " && ch !== "\t") seen = true;
  }
  if (semicolon > comma && semicolon >= tab) return ";";
  if (tab > comma && tab > semicolon) return "\t";
  return ",";
}

function lineOf(input: string, index: number): number {
  return input.slice(0, index).split(/\r\n|\r|\n/).length;
}

/** Separator (comma, semicolon or tab) detected from the header line; fully empty lines skipped. */
export function parseCsv(text: string, options?: ParseOptions): Table {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = detectSeparator(input);
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;

  const endField = () => {
    const value = quoted ? field : field.trim();
    record.push(NEUTRALISED.test(value) ? value.slice(1) : value);
    field = "";
    quoted = false;
  };
  const endRecord = () => {
    endField();
    if (record.some((cell) => cell !== "")) {
      records.push(record);
      checkRowCount(records.length - 1, options);
    }
    record = [];
  };

  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '"' && !quoted && field.trim() === "") {
      const start = i;
      field = "";
      quoted = true;
      i++;
      for (;;) {
        const close = input.indexOf('"', i);
        if (close === -1) {
          throw new TabularError("malformed", `Unterminated quote on line ${lineOf(input, start)}`);
        }
        field += input.slice(i, close);
        i = close + 1;
        if (input[i] !== '"') break;
        field += '"';
        i++;
      }
    } else if (ch === separator) {
      endField();
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && input[i + 1] === "\n" ? 2 : 1;
    } else {
      if (!(quoted && (ch === " " || ch === "\t"))) field += ch;
      i++;
    }
  }
  if (field !== "" || quoted || record.length > 0) endRecord();

  const [header = [], ...rows] = records;
  return { header, rows };
}

const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  bytes.forEach((byte, index) => {
    units[index] = byte >= 0x80 && byte < 0xa0 ? (CP1252_HIGH[byte - 0x80] ?? byte) : byte;
  });
  return new TextDecoder("utf-16le").decode(units);
}

/** UTF-8 (BOM optional), UTF-16 with a BOM, else windows-1252 (older Excel "CSV" exports). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
