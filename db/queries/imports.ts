import "server-only";
import { and, asc, eq, getTableColumns, isNull, sql, type SQL } from "drizzle-orm";
import {
  decide,
  mapHeader,
  prepareRow,
  referenceLookups,
  validateRow,
  countResults,
  matchRegistrations,
  rowView,
  type ExistingCooperative,
  type HeaderMapping,
  type ImportCounts,
  type ImportReport,
  type ImportField,
  type PreparedRow,
  type RowResult,
} from "@/lib/import/cooperatives";
import { COOPERATIVE_FIELDS, toColumns } from "@/lib/validation/cooperative";
import { rowsOf, type Database, type Executor } from "../index";
import { cooperatives, importBatches } from "../schema";
import { cohortOptions, provinceOptions } from "./cooperative-record";

export const IMPORT_ENTITY = "cooperatives";
const CHUNK = 500;
const COLUMNS = getTableColumns(cooperatives);
const camel = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const columnType = (field: string) => COLUMNS[camel(field) as keyof typeof COLUMNS].getSQLType();

export type Classification = { mapping: HeaderMapping; results: RowResult[]; counts: ImportCounts };

export type ImportBatch = typeof importBatches.$inferSelect & {
  header: string[];
  rows: string[][];
  report: ImportReport | null;
};

export async function saveBatch(
  db: Executor,
  params: { actorId: number; filename: string; header: string[]; rows: string[][] },
): Promise<number> {
  const [row] = await db
    .insert(importBatches)
    .values({
      entity: IMPORT_ENTITY,
      filename: params.filename.slice(0, 255),
      header: params.header,
      rows: params.rows,
      rowCount: params.rows.length,
      createdBy: params.actorId,
    })
    .returning({ id: importBatches.id });
  if (!row) throw new Error("insert returned nothing");
  return row.id;
}

/** Any admin or staff member may preview and confirm a batch (the caller checks the role). */
export async function getBatch(db: Executor, id: number): Promise<ImportBatch | null> {
  const [row] = await db
    .select()
    .from(importBatches)
    .where(and(eq(importBatches.id, id), eq(importBatches.entity, IMPORT_ENTITY)));
  return (row as ImportBatch | undefined) ?? null;
}

/** A JSON table joined in SQL, so that a whole file is matched in one statement. */
function recordset(rows: object[], columns: string): SQL {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(columns)})`;
}

/** Live cooperatives joined to the file's rows (`x.i` is the row's index): one statement. */
async function joined(db: Executor, records: object[], columns: string, on: SQL, lock = false) {
  const found = new Map<number, ExistingCooperative[]>();
  if (records.length === 0) return found;
  const query = db
    .select({ i: sql<number>`x.i`, coop: COLUMNS })
    .from(cooperatives)
    .innerJoin(recordset(records, columns), on)
    .where(isNull(cooperatives.archivedAt))
    .orderBy(asc(cooperatives.id));
  for (const { i, coop } of await (lock ? query.for("update", { of: cooperatives }) : query)) {
    found.set(i, [...(found.get(i) ?? []), coop]);
  }
  return found;
}

/**
 * Every row of a file against the registry: labels mapped, the cooperative schema applied, one
 * query for registration numbers and one for same name and province (never a query per row).
 */
export async function classifyRows(
  db: Executor,
  table: { header: string[]; rows: string[][] },
  options: { lock?: boolean } = {},
): Promise<Classification> {
  const mapping = mapHeader(table.header);
  const [provinceRows, cohortRows] = await Promise.all([provinceOptions(db), cohortOptions(db)]);
  const lookups = referenceLookups({ provinces: provinceRows, cohorts: cohortRows });
  const prepared = table.rows
    .map((row, index) => prepareRow(row, index, mapping, lookups))
    .filter((row): row is PreparedRow => row !== null);

  const found = await joined(
    db,
    prepared.flatMap((r) => (r.registrationKey ? [{ i: r.index, reg: r.registrationKey }] : [])),
    "i int, reg text",
    sql`lower(btrim(${cooperatives.registrationNumber})) = x.reg`,
    options.lock,
  );
  const matches = matchRegistrations(prepared, found);
  const validated = prepared.map((row) => ({ row, ...validateRow(row, matches.get(row.index)) }));
  const sameName = await joined(
    db,
    validated.flatMap(({ row, data }) =>
      data && !matches.has(row.index) ? [{ i: row.index, n: data.name, p: data.province }] : [],
    ),
    "i int, n text, p text",
    sql`${cooperatives.province} = x.p and hadina_fold(btrim(${cooperatives.name})) = hadina_fold(btrim(x.n))`,
  );
  const results = validated.map(({ row, data, errors }): RowResult => {
    if (!data) return { rowNumber: row.rowNumber, status: "invalid", name: row.name, errors };
    const match = matches.get(row.index);
    return decide(row, data, match, sameName.get(row.index) ?? [], mapping.present);
  });
  return { mapping, results, counts: countResults(results) };
}

function snapshot(row: Partial<ExistingCooperative>): Partial<ExistingCooperative> {
  const copy = { ...row };
  delete copy.searchText;
  delete copy.createdAt;
  delete copy.updatedAt;
  return copy;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Many rows in one statement per chunk, each chunk one JSON parameter (fast on PGlite too). */
async function insertJson(tx: Executor, table: string, columns: string[], records: object[]) {
  const ids: number[] = [];
  const names = sql.raw(columns.map((column) => column.split(" ")[0]).join(", "));
  for (const chunk of chunks(records)) {
    const result = await tx.execute(
      sql`insert into ${sql.raw(table)} (${names}) select ${names} from ${recordset(chunk, columns.join(", "))} returning id`,
    );
    ids.push(...rowsOf<{ id: number }>(result).map((row) => Number(row.id)));
  }
  return ids;
}

type Audit = Record<string, unknown>;
const AUDIT_COLUMNS = [
  "actor_id int",
  "action text",
  "entity text",
  "entity_id text",
  "before jsonb",
];

async function createAll(tx: Executor, actorId: number, rows: RowResult[], today: string) {
  const records = rows.map((r) => ({ ...r.data, stage: "applicant", created_by: actorId }));
  const columns = [...COOPERATIVE_FIELDS, "stage", "created_by"].map(
    (f) => `${f} ${columnType(f)}`,
  );
  const ids = await insertJson(tx, "cooperatives", columns, records);
  await insertJson(
    tx,
    "stage_changes",
    ["cooperative_id int", "to_stage stage", "changed_on date", "changed_by int"],
    ids.map((id) => ({
      cooperative_id: id,
      to_stage: "applicant",
      changed_on: today,
      changed_by: actorId,
    })),
  );
  const audits = ids.map((id, index): Audit => ({
    actor_id: actorId,
    action: "create",
    entity: "cooperative",
    entity_id: String(id),
    after: {
      id,
      ...toColumns(rows[index]!.data!),
      stage: "applicant",
      archivedAt: null,
      version: 1,
      createdBy: actorId,
    },
  }));
  return { ids, audits };
}

/** Only the columns the file has are written; the version is bumped as a form save does. */
async function updateAll(tx: Executor, actorId: number, rows: RowResult[], fields: ImportField[]) {
  const audits: Audit[] = [];
  if (rows.length === 0 || fields.length === 0) return audits;
  const before = new Map(rows.map((r) => [r.targetId, r.before]));
  const types = ["id int", ...fields.map((f) => `${f} ${columnType(f)}`)].join(", ");
  const set = Object.fromEntries(fields.map((f) => [camel(f), sql.raw(`x.${f}`)]));
  for (const chunk of chunks(rows)) {
    const records = chunk.map((r) => ({
      id: r.targetId,
      ...Object.fromEntries(fields.map((f) => [f, r.data![f]])),
    }));
    const updated = await tx
      .update(cooperatives)
      .set({ ...set, version: sql`${cooperatives.version} + 1`, updatedAt: sql`now()` })
      .where(sql`${cooperatives.id} = x.id`)
      .from(recordset(records, types))
      .returning(COLUMNS);
    for (const row of updated) {
      const previous = before.get(row.id);
      audits.push({
        actor_id: actorId,
        action: "update",
        entity: "cooperative",
        entity_id: String(row.id),
        ...(previous ? { before: snapshot(previous) } : {}),
        after: snapshot(row),
      });
    }
  }
  return audits;
}

export type ApplyResult =
  { status: "applied" | "already"; report: ImportReport } | { status: "not_found" | "discarded" };

/**
 * Imports every valid row of a previewed batch in one transaction: creations and their
 * 'applicant' stage, updates, one audit entry per changed cooperative and one for the batch
 * (none when nothing changed). A batch is applied once.
 */
export async function applyBatch(
  db: Database,
  actorId: number,
  params: { id: number; today: string },
): Promise<ApplyResult> {
  return db.transaction(async (tx) => {
    const [batch] = (await tx
      .select()
      .from(importBatches)
      .where(and(eq(importBatches.id, params.id), eq(importBatches.entity, IMPORT_ENTITY)))
      .for("update")) as ImportBatch[];
    if (!batch) return { status: "not_found" } as const;
    if (batch.status === "discarded") return { status: "discarded" } as const;
    if (batch.status === "imported") {
      return { status: "already", report: batch.report as ImportReport } as const;
    }
    const { mapping, results, counts } = await classifyRows(tx, batch, { lock: true });
    const toCreate = results.filter((r) => r.status === "create" && r.data);
    const toUpdate = results.filter((r) => r.status === "update" && r.data);
    const created = await createAll(tx, actorId, toCreate, params.today);
    const createdIds = new Map(toCreate.map((r, index) => [r.rowNumber, created.ids[index]]));
    const audits = [
      ...created.audits,
      ...(await updateAll(tx, actorId, toUpdate, mapping.present)),
    ];
    const report: ImportReport = {
      ...counts,
      created: toCreate.length,
      updated: toUpdate.length,
      details: results
        .filter((r) => r.status === "invalid" || r.duplicateOf !== undefined)
        .map((r) => ({ ...rowView(r), targetId: r.targetId ?? createdIds.get(r.rowNumber) })),
    };
    if (audits.length > 0) {
      audits.push({
        actor_id: actorId,
        action: "import",
        entity: "import_batch",
        entity_id: String(batch.id),
        after: {
          filename: batch.filename,
          ...counts,
          created: toCreate.length,
          updated: toUpdate.length,
        },
      });
      await insertJson(tx, "audit_log", [...AUDIT_COLUMNS, "after jsonb"], audits);
    }
    await tx
      .update(importBatches)
      .set({ status: "imported", report, rows: [], completedAt: sql`now()` })
      .where(eq(importBatches.id, batch.id));
    return { status: "applied", report } as const;
  });
}

/** Discarding drops the file's rows; the batch stays as a record that it was not imported. */
export async function discardBatch(db: Executor, id: number): Promise<boolean> {
  const rows = await db
    .update(importBatches)
    .set({ status: "discarded", rows: [], completedAt: sql`now()` })
    .where(
      and(
        eq(importBatches.id, id),
        eq(importBatches.entity, IMPORT_ENTITY),
        eq(importBatches.status, "previewed"),
      ),
    )
    .returning({ id: importBatches.id });
  return rows.length > 0;
}
