/** Rows drawn and tabled on screen; the downloads (and the printed report) have every row. */
export const SHOWN_ROWS = 15;

/** The `limit` rows largest by `key`, kept in their original order. */
export function largestRows<T extends { values: Record<string, number | null> }>(
  rows: readonly T[],
  key: string,
  limit: number,
): T[] {
  if (rows.length <= limit) return [...rows];
  const kept = new Set(
    rows
      .map((row, index) => ({ index, value: row.values[key] ?? 0 }))
      .sort((a, b) => b.value - a.value || a.index - b.index)
      .slice(0, limit)
      .map((entry) => entry.index),
  );
  return rows.filter((_, index) => kept.has(index));
}
