import "server-only";
import { todayIso } from "./dates";
import { TABULAR_CONTENT_TYPES, toCsv, toXlsx, type Cell } from "./tabular";

export type ExportColumn<Row> = {
  key: string;
  value: (row: Row) => Cell;
  date?: boolean;
  /** Money in MAD: two decimals in CSV, a number cell in XLSX. */
  money?: boolean;
  /** How the value reads for people (labels=1): enumeration keys become labels. */
  label?: (row: Row) => Cell;
};

export function exportFormat(params: URLSearchParams): "csv" | "xlsx" | null {
  const format = params.get("format") ?? "csv";
  return format === "csv" || format === "xlsx" ? format : null;
}

/** The file of DOMAIN.md "Files and JSON": every row, keys or labels, CSV (BOM, neutralised) or typed XLSX. */
export function exportResponse<Row>(params: {
  dataset: string;
  format: "csv" | "xlsx";
  columns: ExportColumn<Row>[];
  rows: Row[];
  headerLabel?: (key: string) => string;
  rtl?: boolean;
}): Response {
  const { columns, rows, headerLabel } = params;
  const header = columns.map((c) => (headerLabel ? headerLabel(c.key) : c.key));
  const csv = params.format === "csv";
  const cell = (c: ExportColumn<Row>, row: Row): Cell => {
    const value = headerLabel && c.label ? c.label(row) : c.value(row);
    return csv && c.money && typeof value === "number" ? value.toFixed(2) : value;
  };
  const body = rows.map((row) => columns.map((c) => cell(c, row)));
  const filename = `${params.dataset}-${todayIso()}.${params.format}`;
  const headers = {
    "content-type": TABULAR_CONTENT_TYPES[params.format],
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  };
  if (csv) return new Response(toCsv(header, body), { headers });
  const dateColumns = columns.flatMap((c, index) => (c.date ? [index] : []));
  const bytes = toXlsx(params.dataset, header, body, { rtl: params.rtl, dateColumns });
  return new Response(Buffer.from(bytes), { headers });
}
