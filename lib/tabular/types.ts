export type Cell = string | number | boolean | null | undefined | Date;

export interface Table {
  header: string[];
  rows: string[][];
}

export type TabularErrorCode = "empty" | "malformed" | "too_large" | "unsupported";

export class TabularError extends Error {
  override name = "TabularError";

  constructor(
    readonly code: TabularErrorCode,
    message: string = code,
  ) {
    super(message);
  }
}

export interface ParseOptions {
  /** Most data rows (header excluded) accepted; more throws TabularError "too_large". */
  maxRows?: number;
}

export function checkRowCount(count: number, options: ParseOptions | undefined): void {
  const max = options?.maxRows;
  if (max !== undefined && count > max) {
    throw new TabularError("too_large", `More than ${max} rows`);
  }
}
