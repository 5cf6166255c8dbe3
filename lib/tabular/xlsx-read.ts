import { unzipSync } from "fflate";
import { checkRowCount, TabularError, type ParseOptions, type Table } from "./types";
import { decodeCellText, elements, firstElement } from "./xml";

const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
const MAX_CELLS = 5_000_000;
const MAX_SHEET_ROWS = 1_048_576;
const MAX_SHEET_COLUMNS = 16_384;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";

interface Relationship {
  id: string;
  type: string;
  path: string;
}

export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function unzip(bytes: Uint8Array, wanted: (name: string) => boolean) {
  const names: string[] = [];
  let total = 0;
  try {
    const entries = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNZIPPED_BYTES) {
          throw new TabularError("too_large", "The workbook is larger than 50 MB uncompressed");
        }
        const name = file.name.toLowerCase();
        names.push(name);
        return wanted(name);
      },
    });
    const decoder = new TextDecoder();
    const files = new Map<string, string>();
    for (const [name, data] of Object.entries(entries)) {
      files.set(name.toLowerCase(), decoder.decode(data));
    }
    return { files, names };
  } catch (error) {
    if (error instanceof TabularError) throw error;
    throw new TabularError("malformed", "The file is not a valid XLSX workbook");
  }
}

function resolvePart(target: string): string {
  const parts: string[] = [];
  const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  for (const part of path.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/").toLowerCase();
}

function relationships(xml: string | undefined): Relationship[] {
  return [...elements(xml ?? "", "Relationship")].map(({ attrs }) => ({
    id: attrs.Id ?? "",
    type: attrs.Type ?? "",
    path: resolvePart(attrs.Target ?? ""),
  }));
}

function firstSheetPath(workbook: string, rels: Relationship[], names: string[]) {
  const sheet = firstElement(workbook, "sheet");
  const id = Object.entries(sheet?.attrs ?? {}).find(([key]) => /^(\w+:)?id$/.test(key))?.[1];
  const rel = rels.find((r) => r.id === id && r.type.endsWith("/worksheet"));
  if (rel && names.includes(rel.path)) return rel.path;
  const fallback = names
    .map((name) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name))
    .filter((match) => match !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  return fallback[0]?.[0];
}

function richText(body: string): string {
  let text = "";
  for (const run of elements(body.replace(/<rPh\b[\s\S]*?<\/rPh>/g, ""), "t")) text += run.body;
  return decodeCellText(text);
}

function isDateFormat(id: number, code: string | undefined): boolean {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  if (code === undefined) return false;
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|[_*]./g, "").split(";")[0] ?? "";
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}

function dateStyles(styles: string): Set<number> {
  const custom = new Map<number, string>();
  for (const { attrs } of elements(styles, "numFmt")) {
    custom.set(Number(attrs.numFmtId), attrs.formatCode ?? "");
  }
  const dates = new Set<number>();
  const cellXfs = firstElement(styles, "cellXfs")?.body ?? "";
  [...elements(cellXfs, "xf")].forEach(({ attrs }, index) => {
    const id = Number(attrs.numFmtId ?? 0);
    if (isDateFormat(id, custom.get(id))) dates.add(index);
  });
  return dates;
}

function plainNumber(raw: string): string {
  const value = Number(raw);
  if (raw === "" || !Number.isFinite(value)) return raw;
  return String(Number(value.toPrecision(15)));
}

function serialToDate(serial: number, date1904: boolean): string | undefined {
  if (!(serial >= 0 && serial < 2_958_466)) return undefined;
  const days = Math.floor(serial) + (date1904 ? 1462 : serial < 61 ? 1 : 0);
  return new Date(EXCEL_EPOCH + days * DAY_MS).toISOString().slice(0, 10);
}

interface SheetContext {
  shared: string[];
  dates: Set<number>;
  date1904: boolean;
}

function cellValue(attrs: Record<string, string>, body: string, context: SheetContext): string {
  const raw = firstElement(body, "v")?.body;
  const text = raw === undefined ? "" : decodeCellText(raw);
  switch (attrs.t) {
    case "s":
      return context.shared[Number(text)] ?? "";
    case "inlineStr": {
      const inline = firstElement(body, "is");
      return inline ? richText(inline.body) : text;
    }
    case "b":
      return text === "" ? "" : text.trim() === "1" || /^true$/i.test(text) ? "TRUE" : "FALSE";
    case "d":
      return text.slice(0, 10);
    case "str":
    case "e":
      return text;
    default: {
      const number = plainNumber(text.trim());
      if (number === "" || !context.dates.has(Number(attrs.s ?? 0))) return number;
      return serialToDate(Number(number), context.date1904) ?? number;
    }
  }
}

function columnIndex(ref: string | undefined): number | undefined {
  const letters = /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(ref ?? "")?.[1];
  if (letters === undefined) return undefined;
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + letter.charCodeAt(0) - 64;
  return index - 1;
}

function readRows(sheet: string, context: SheetContext, options?: ParseOptions): Table {
  const rows: string[][] = [];
  let headerIndex = -1;
  let cells = 0;
  for (const row of elements(sheet, "row")) {
    const declared = Number(row.attrs.r) - 1;
    const index = Number.isInteger(declared) && declared >= rows.length ? declared : rows.length;
    if (index >= MAX_SHEET_ROWS) throw new TabularError("malformed", "Row number out of range");
    const values: string[] = [];
    let column = -1;
    for (const cell of elements(row.body, "c")) {
      column = columnIndex(cell.attrs.r) ?? column + 1;
      if (column >= MAX_SHEET_COLUMNS) throw new TabularError("malformed", "Column out of range");
      const value = cellValue(cell.attrs, cell.body, context);
      if (value !== "") values[column] = value;
    }
    cells += values.length;
    if (cells > MAX_CELLS) throw new TabularError("too_large", "The worksheet has too many cells");
    while (rows.length < index) rows.push([]);
    rows.push(Array.from(values, (value) => value ?? ""));
    if (values.length === 0) continue;
    if (headerIndex === -1) headerIndex = index;
    else checkRowCount(index - headerIndex, options);
  }
  if (headerIndex === -1) return { header: [], rows: [] };
  while (rows.at(-1)?.length === 0) rows.pop();
  const [header = [], ...data] = rows.slice(headerIndex);
  return { header, rows: data };
}

/**
 * Reads the first worksheet as text. Cells with a date format come back as YYYY-MM-DD, booleans
 * as "TRUE"/"FALSE", numbers as plain decimals; empty rows between data rows are kept as [].
 */
export function parseXlsx(bytes: Uint8Array, options?: ParseOptions): Table {
  if (!isXlsx(bytes)) throw new TabularError("malformed", "The file is not an XLSX workbook");
  const book = unzip(bytes, (name) => name === WORKBOOK || name === WORKBOOK_RELS);
  const workbook = book.files.get(WORKBOOK) ?? "";
  const rels = relationships(book.files.get(WORKBOOK_RELS));
  const sheetPath = firstSheetPath(workbook, rels, book.names);
  if (sheetPath === undefined) throw new TabularError("malformed", "The workbook has no worksheet");
  const partPath = (type: string, fallback: string) =>
    rels.find((rel) => rel.type.endsWith(type))?.path ?? fallback;
  const sharedPath = partPath("/sharedStrings", "xl/sharedstrings.xml");
  const stylesPath = partPath("/styles", "xl/styles.xml");
  const parts = unzip(bytes, (name) => [sheetPath, sharedPath, stylesPath].includes(name)).files;

  const context: SheetContext = {
    shared: [...elements(parts.get(sharedPath) ?? "", "si")].map((si) => richText(si.body)),
    dates: dateStyles(parts.get(stylesPath) ?? ""),
    date1904: /<workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbook),
  };
  return readRows(parts.get(sheetPath) ?? "", context, options);
}
