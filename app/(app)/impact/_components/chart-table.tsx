"use client";

import Link from "next/link";

/**
 * A chart's row as the page sends it: the chart draws `values`, the table shows `cells` (the
 * values formatted on the server, in the viewer's language). One array serves both, so each
 * figure crosses the network once; the table's markup is made from it here instead of coming
 * as a tree of hundreds of cells in the page's payload.
 */
export type ChartTableRow = {
  /** The category's key (`data-key`); null for "none". */
  id: string | null;
  label: string;
  href?: string;
  values: Record<string, number | null>;
  /** `values` of `columns`, formatted, in the same order. */
  cells: string[];
};

/**
 * The same figures as the chart, as a table. Styled once from its class (`.chart-table`,
 * app/globals.css), so each cell is its bare element.
 */
export function ChartTable({
  chart,
  caption,
  category,
  columns,
  rows,
  empty,
  links,
}: {
  chart: string;
  caption: string;
  /** The category column's heading. */
  category: string;
  columns: { key: string; label: string }[];
  rows: ChartTableRow[];
  /** Said in the table's one row when the dataset has none; null when it has some. */
  empty: string | null;
  /** Whether a row's category links to its `href` (not in print). */
  links: boolean;
}) {
  return (
    <div className="relative w-full overflow-x-auto">
      <table className="chart-table" data-testid={`chart-${chart}-table`}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{category}</th>
            {columns.map((column) => (
              <th key={column.key} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {empty !== null && (
            <tr>
              <td colSpan={columns.length + 1} className="text-muted-foreground">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.id ?? "none"} data-key={row.id ?? ""}>
              <th scope="row">
                {row.href && links ? (
                  <Link href={row.href} className="underline underline-offset-4">
                    {row.label}
                  </Link>
                ) : (
                  row.label
                )}
              </th>
              {columns.map((column, index) => (
                <td key={column.key} data-value={row.values[column.key] ?? ""}>
                  {row.cells[index]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
