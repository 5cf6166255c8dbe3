import { zipSync } from "fflate";
import type { Cell } from "./types";
import { escapeCellText, escapeXml } from "./xml";

export { isXlsx, parseXlsx } from "./xlsx-read";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SPREADSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

const STYLE_HEADER = 1;
const STYLE_DATE = 2;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const CONTENT_TYPES = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="${SPREADSHEET_CT}.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${SPREADSHEET_CT}.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="${SPREADSHEET_CT}.styles+xml"/></Types>`;

const ROOT_RELS = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${DOC_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${DOC_REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="${DOC_REL_NS}/styles" Target="styles.xml"/></Relationships>`;

const FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>';
const STYLES = `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>\
<fonts count="2"><font>${FONT}</font><font><b/>${FONT}</font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function dateSerial(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return undefined;
  if (date.getUTCDate() !== day) return undefined;
  const serial = (date.getTime() - EXCEL_EPOCH) / DAY_MS;
  return serial >= 61 ? serial : undefined;
}

function cellText(value: Cell): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  return value === null || value === undefined ? "" : String(value);
}

function cellXml(ref: string, value: Cell, style: number, dateColumn: boolean): string {
  const s = style ? ` s="${style}"` : "";
  if (typeof value === "number") {
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : "";
  }
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = cellText(value);
  if (text === "") return "";
  const serial = dateColumn ? dateSerial(text) : undefined;
  if (serial !== undefined) return `<c r="${ref}" s="${STYLE_DATE}"><v>${serial}</v></c>`;
  const escaped = escapeCellText(text);
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escaped}</t></is></c>`;
}

function columnsXml(header: string[], rows: Cell[][]): string {
  const widths: number[] = [];
  for (const row of [header, ...rows]) {
    row.forEach((value, index) => {
      const length = Math.max(
        ...cellText(value)
          .split("\n")
          .map((line) => line.length),
      );
      widths[index] = Math.max(widths[index] ?? 8, Math.min(length + 2, 60));
    });
  }
  if (widths.length === 0) return "";
  const cols = widths.map(
    (width, index) =>
      `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`,
  );
  return `<cols>${cols.join("")}</cols>`;
}

function sheetName(name: string): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s']+|[\s']+$/g, "")
    .slice(0, 31)
    .trim();
  return clean || "Sheet1";
}

/**
 * A one-sheet workbook: bold frozen header, typed cells (numbers, booleans, inline text), and
 * YYYY-MM-DD strings in `dateColumns` (zero-based) written as real dates. Date objects are
 * written as ISO 8601 text, like the CSV.
 */
export function toXlsx(
  sheetTitle: string,
  header: string[],
  rows: Cell[][],
  options: { rtl?: boolean; dateColumns?: number[] } = {},
): Uint8Array {
  const dateColumns = new Set(options.dateColumns ?? []);
  const rowXml = (row: Cell[], index: number, isHeader: boolean) => {
    const cells = row.map((value, column) => {
      const ref = `${columnName(column)}${index + 1}`;
      return cellXml(ref, value, isHeader ? STYLE_HEADER : 0, !isHeader && dateColumns.has(column));
    });
    return `<row r="${index + 1}">${cells.join("")}</row>`;
  };
  const sheetRows = [rowXml(header, 0, true), ...rows.map((row, i) => rowXml(row, i + 1, false))];
  const rtl = options.rtl ? ' rightToLeft="1"' : "";
  const sheet = `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${DOC_REL_NS}">\
<sheetViews><sheetView workbookViewId="0"${rtl}>\
<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
<sheetFormatPr defaultRowHeight="15"/>${columnsXml(header, rows)}\
<sheetData>${sheetRows.join("")}</sheetData></worksheet>`;
  const workbook = `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${DOC_REL_NS}">\
<bookViews><workbookView/></bookViews><sheets>\
<sheet name="${escapeXml(sheetName(sheetTitle))}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

  const encoder = new TextEncoder();
  return zipSync({
    "[Content_Types].xml": encoder.encode(CONTENT_TYPES),
    "_rels/.rels": encoder.encode(ROOT_RELS),
    "xl/workbook.xml": encoder.encode(workbook),
    "xl/_rels/workbook.xml.rels": encoder.encode(WORKBOOK_RELS),
    "xl/styles.xml": encoder.encode(STYLES),
    "xl/worksheets/sheet1.xml": encoder.encode(sheet),
  });
}
