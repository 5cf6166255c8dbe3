import { getDb } from "@/db";
import { classifyRows, saveBatch } from "@/db/queries/imports";
import { authorize } from "@/lib/dal";
import { mapHeader } from "@/lib/import/cooperatives";
import { errorResponse } from "@/lib/errors";
import { isSameOrigin } from "@/lib/origin";
import { isXlsx, readTable, TabularError, type Table } from "@/lib/tabular";

export const dynamic = "force-dynamic";

const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The multipart envelope around the file (boundaries, part headers, a filename). */
const MAX_BODY_BYTES = MAX_FILE_BYTES + 64 * 1024;
const MAX_ROWS = 20_000;
const PREVIEW_PATH = "/cooperatives/import";

type UploadError =
  "malformed" | "empty" | "unsupported" | "too_large" | "no_name_column" | "no_file" | "forbidden";

/** A browser posting the plain HTML form (no JavaScript) is sent back to the page. */
function wantsPage(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("text/html");
}

function failure(request: Request, error: UploadError, status: number): Response {
  if (wantsPage(request)) {
    return Response.redirect(new URL(`${PREVIEW_PATH}?error=${error}`, request.url), 303);
  }
  return Response.json({ error }, { status });
}

/** The body, read no further than the limit (a missing or false Content-Length is no help). */
async function readBody(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}

/** Text files with NUL bytes or mostly control characters are not CSV, whatever their name. */
function looksBinary(bytes: Uint8Array): boolean {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (isXlsx(bytes) || utf16) return false;
  const head = bytes.subarray(0, 4096);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  }
  return control > head.length / 10;
}

function isEmptyRow(row: string[]): boolean {
  return row.every((cell) => (cell ?? "").trim() === "");
}

/** PostgreSQL text and jsonb hold neither NUL characters nor lone surrogates. */
function storable(row: string[]): string[] {
  return Array.from(row, (cell) => (cell ?? "").replace(/\u0000/g, "").toWellFormed());
}

export async function POST(request: Request) {
  try {
    if (!isSameOrigin(request)) return failure(request, "forbidden", 403);
    const viewer = await authorize("admin", "staff");
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
      return failure(request, "too_large", 413);
    }
    const body = await readBody(request);
    if (body === null) return failure(request, "too_large", 413);
    let file: FormDataEntryValue | null = null;
    try {
      const contentType = request.headers.get("content-type") ?? "";
      const form = await new Response(body, {
        headers: { "content-type": contentType },
      }).formData();
      file = form.get("file");
    } catch {
      return failure(request, "no_file", 400);
    }
    if (!(file instanceof File) || file.name === "") return failure(request, "no_file", 400);
    if (file.size > MAX_FILE_BYTES) return failure(request, "too_large", 413);
    if (file.size === 0) return failure(request, "empty", 400);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let table: Table;
    try {
      table = readTable(bytes, file.name, { maxRows: MAX_ROWS });
    } catch (error) {
      if (!(error instanceof TabularError)) return failure(request, "malformed", 400);
      return failure(request, error.code, error.code === "too_large" ? 413 : 400);
    }
    if (looksBinary(bytes)) return failure(request, "malformed", 400);
    if (table.rows.every(isEmptyRow)) return failure(request, "empty", 400);
    if (!mapHeader(table.header).present.includes("name")) {
      return failure(request, "no_name_column", 400);
    }
    const header = storable(table.header);
    const rows = table.rows.map(storable);
    const db = await getDb();
    const { mapping, counts } = await classifyRows(db, { header, rows });
    const batchId = await saveBatch(db, {
      actorId: viewer.id,
      filename: storable([file.name]).join(""),
      header,
      rows,
    });
    const location = `${PREVIEW_PATH}?batch=${batchId}`;
    if (wantsPage(request)) return Response.redirect(new URL(location, request.url), 303);
    return Response.json(
      {
        batchId,
        location,
        ...counts,
        unknownColumns: mapping.unknown,
        ignoredColumns: mapping.ignored,
      },
      { status: 201 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
