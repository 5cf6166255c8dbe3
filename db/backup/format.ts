import type { AppliedMigration, SequenceState } from "./catalog";

/**
 * A backup is gzip'd JSON lines:
 *   {"format":"hadina-backup","version":1,...}            the header: schema version, tables, sequences
 *   {"table":"users","columns":["id","email",...]}        then, per table, its columns
 *   ["1","admin@hadina.test",...]                          one line per row
 *   {"end":"users","rows":4}                               and its row count
 *   {"complete":true,"tables":18,"rows":5120}              the last line: a file cut short lacks it
 * Every value is PostgreSQL's own text form of it (bytea in hex, timestamps in UTC ISO, numeric
 * digits as stored, arrays as array literals) or null, so it reads back to the same bytes.
 */
export const BACKUP_FORMAT = "hadina-backup";
export const BACKUP_VERSION = 1;
export const BACKUP_EXTENSION = "jsonl.gz";

export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  created_at: string;
  driver: string;
  migrations: AppliedMigration[];
  tables: string[];
  sequences: SequenceState[];
};

export type TableStart = { table: string; columns: string[] };
export type TableEnd = { end: string; rows: number };
export type BackupEnd = { complete: true; tables: number; rows: number };

export class BackupFileError extends Error {
  override name = "BackupFileError";
}

export function backupFilename(day: string): string {
  return `hadina-backup-${day}.${BACKUP_EXTENSION}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

export function parseLine(line: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupFileError(
      `Line ${number} of the backup is not valid JSON: the file is damaged.`,
    );
  }
}

export function parseHeader(value: unknown): BackupHeader {
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) {
    throw new BackupFileError("This file is not a Hadina backup (no backup header on line 1).");
  }
  if (value.version !== BACKUP_VERSION) {
    throw new BackupFileError(
      `This backup has format version ${String(value.version)}; this version of Hadina reads version ${BACKUP_VERSION}.`,
    );
  }
  const migrations = value.migrations;
  const sequences = value.sequences;
  const valid =
    Array.isArray(migrations) &&
    migrations.every(
      (m) => isRecord(m) && typeof m.hash === "string" && typeof m.created_at === "number",
    ) &&
    isStringArray(value.tables) &&
    Array.isArray(sequences) &&
    sequences.every(
      (s) =>
        isRecord(s) &&
        typeof s.name === "string" &&
        typeof s.last_value === "string" &&
        /^-?\d+$/.test(s.last_value) &&
        typeof s.is_called === "boolean",
    );
  if (!valid) throw new BackupFileError("The backup header is incomplete: the file is damaged.");
  return value as BackupHeader;
}

export function isTableStart(value: unknown): value is TableStart {
  return isRecord(value) && typeof value.table === "string" && isStringArray(value.columns);
}

export function isTableEnd(value: unknown): value is TableEnd {
  return isRecord(value) && typeof value.end === "string" && typeof value.rows === "number";
}

export function isBackupEnd(value: unknown): value is BackupEnd {
  return (
    isRecord(value) &&
    value.complete === true &&
    typeof value.tables === "number" &&
    typeof value.rows === "number"
  );
}

export function isRow(value: unknown, width: number): value is (string | null)[] {
  return (
    Array.isArray(value) &&
    value.length === width &&
    value.every((item) => item === null || typeof item === "string")
  );
}
