import { getDb } from "@/db";
import { addSessionAttachment, type SessionUploadResult } from "@/db/queries/session-attachments";
import { MAX_ATTACHMENT_BYTES } from "@/lib/attachments";
import { authorize, cooperativeAccess, sessionEditScope } from "@/lib/dal";
import { errorResponse } from "@/lib/errors";
import { readBody, wantsPage } from "@/lib/upload";
import { isSameOrigin } from "@/lib/origin";
import { sessionIdSchema } from "@/lib/validation/session";

export const dynamic = "force-dynamic";

/** The multipart envelope around the file (boundaries, part headers, a filename). */
const MAX_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

type Failure =
  Exclude<SessionUploadResult, { ok: true }>["reason"] | "no_file" | "bad_request" | "forbidden";

const STATUS: Record<Failure, number> = {
  bad_request: 400,
  no_file: 400,
  empty: 400,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  unsupported: 415,
};

/**
 * A photo or PDF of a mentoring session (as for milestone evidence), added by whoever may edit
 * the session. JSON for scripts and the enhanced form; the plain HTML form goes back to the
 * session's edit page with the outcome in its query.
 */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const id = sessionIdSchema.safeParse((await context.params).id);
  const answer = (outcome: "ok" | Failure, status: number, body: object) => {
    if (wantsPage(request) && id.success) {
      return Response.redirect(
        new URL(`/sessions/${id.data}/edit?upload=${outcome}#photos`, request.url),
        303,
      );
    }
    return Response.json(body, { status });
  };
  const failure = (reason: Failure) => answer(reason, STATUS[reason], { error: reason });
  try {
    if (!isSameOrigin(request)) return failure("forbidden");
    if (!id.success) return failure("bad_request");
    const viewer = await authorize("admin", "staff", "mentor");
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === null) return failure("too_large");
    let form: FormData;
    try {
      const contentType = request.headers.get("content-type") ?? "";
      form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      return failure("no_file");
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.name === "") return failure("no_file");
    if (file.size > MAX_ATTACHMENT_BYTES) return failure("too_large");
    const result = await addSessionAttachment(await getDb(), viewer.id, {
      access: cooperativeAccess(viewer),
      editable: sessionEditScope(viewer),
      sessionId: id.data,
      filename: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    if (!result.ok) return failure(result.reason);
    return answer("ok", 201, { id: result.id });
  } catch (error) {
    return errorResponse(error);
  }
}
