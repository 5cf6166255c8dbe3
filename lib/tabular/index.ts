import { decodeText, parseCsv } from "./csv";
import { TabularError, type ParseOptions, type Table } from "./types";
import { isXlsx, parseXlsx } from "./xlsx";

export { decodeText, parseCsv, toCsv } from "./csv";
export { isXlsx, parseXlsx, toXlsx } from "./xlsx";
export { TabularError } from "./types";
export type { Cell, ParseOptions, Table, TabularErrorCode } from "./types";

export const TABULAR_CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Reads an uploaded XLSX (detected by its zip signature) or CSV file. Legacy .xls and
 * OpenDocument files are refused as "unsupported"; a file without a header row as "empty".
 */
export function readTable(bytes: Uint8Array, filename: string, options?: ParseOptions): Table {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const legacy = OLE_SIGNATURE.every((byte, index) => bytes[index] === byte);
  if (legacy || extension === "ods" || (extension === "xls" && !isXlsx(bytes))) {
    throw new TabularError("unsupported", "Save the file as .xlsx or .csv");
  }
  if (extension === "xlsx" && !isXlsx(bytes)) {
    throw new TabularError("malformed", "The file is not a valid XLSX workbook");
  }
  const table = isXlsx(bytes) ? parseXlsx(bytes, options) : parseCsv(decodeText(bytes), options);
  if (table.header.every((name) => name === "")) {
    throw new TabularError("empty", "The file has no header row");
  }
  return table;
}
