import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import {
  BackupFileError,
  isBackupEnd,
  isRow,
  isTableEnd,
  isTableStart,
  parseHeader,
  parseLine,
  type BackupHeader,
} from "./format";

type Line = { text: string; number: number };

/** The decompressed file, line by line; a damaged or cut gzip stream fails as a BackupFileError. */
async function* readLines(file: Readable): AsyncGenerator<Line> {
  const gunzip = createGunzip();
  const feeding = pipeline(file, gunzip);
  feeding.catch(() => {});
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let number = 0;
  try {
    for await (const chunk of gunzip) {
      const parts = (rest + decoder.write(chunk as Buffer)).split("\n");
      rest = parts.pop()!;
      for (const text of parts) yield { text, number: ++number };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (code.startsWith("Z_") || /unexpected end of file/i.test(String(error))) {
      throw new BackupFileError(
        `The backup file is damaged or incomplete (${(error as Error).message}).`,
      );
    }
    throw error;
  } finally {
    file.destroy();
    gunzip.destroy();
  }
  rest += decoder.end();
  if (rest) yield { text: rest, number: ++number };
}

/** What to do with one table's rows; `columns` as the backup lists them. */
export type Section = { add(row: string): Promise<void>; finish(): Promise<void> };
export type OpenSection = (table: string, columns: string[]) => Section;

export type BackupReader = {
  header: BackupHeader;
  /** Walks every table section to the last line, checking counts and order; returns the row total. */
  sections(open: OpenSection): Promise<number>;
  /** Reads what is left of the file, to the gzip checksum: throws a BackupFileError if damaged. */
  drain(): Promise<void>;
  close(): Promise<void>;
};

/** Opens a backup and reads its header; the sections are read on demand, once. */
export async function openBackup(file: Readable): Promise<BackupReader> {
  const lines = readLines(file);
  const close = async () => {
    await lines.return(undefined);
  };
  try {
    const first = await lines.next();
    if (first.done) throw new BackupFileError("The backup file is empty.");
    const header = parseHeader(parseLine(first.value.text, 1));
    const drain = async () => {
      while (!(await lines.next()).done) {
        // nothing to keep: only the decompression's own checks matter here
      }
    };
    return { header, sections: (open) => walk(lines, header, open), drain, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function walk(
  lines: AsyncGenerator<Line>,
  header: BackupHeader,
  open: OpenSection,
): Promise<number> {
  let current: { table: string; width: number; rows: number; section: Section } | null = null;
  let index = 0;
  let total = 0;
  for (;;) {
    const next = await lines.next();
    if (next.done) {
      throw new BackupFileError("The backup file ends before its last line: it is incomplete.");
    }
    const { text, number } = next.value;
    const value = parseLine(text, number);
    if (current) {
      if (isRow(value, current.width)) {
        current.rows += 1;
        await current.section.add(text);
        continue;
      }
      if (!isTableEnd(value) || value.end !== current.table || value.rows !== current.rows) {
        throw new BackupFileError(
          `Line ${number} does not fit table ${current.table} (${current.rows} rows read): the file is damaged.`,
        );
      }
      await current.section.finish();
      total += current.rows;
      current = null;
    } else if (isTableStart(value) && value.table === header.tables[index]) {
      const section = open(value.table, value.columns);
      current = { table: value.table, width: value.columns.length, rows: 0, section };
      index += 1;
    } else if (isBackupEnd(value) && index === header.tables.length) {
      if (value.tables !== index || value.rows !== total) {
        throw new BackupFileError(
          "The backup's totals do not match its rows: the file is damaged.",
        );
      }
      break;
    } else {
      throw new BackupFileError(`Line ${number} is out of place: the file is damaged.`);
    }
  }
  const after = await lines.next();
  if (!after.done && (after.value.text !== "" || !(await lines.next()).done)) {
    throw new BackupFileError("The backup file goes on after its last line: the file is damaged.");
  }
  return total;
}

/** Reads a whole backup without a database: is it complete and well formed, and what does it hold. */
export async function inspectBackup(
  file: Readable,
): Promise<{ header: BackupHeader; tables: number; rows: number }> {
  const reader = await openBackup(file);
  try {
    const ignore: Section = { add: async () => {}, finish: async () => {} };
    const rows = await reader.sections(() => ignore);
    return { header: reader.header, tables: reader.header.tables.length, rows };
  } finally {
    await reader.close();
  }
}
