import { getDb } from "@/db";
import { addMilestoneAttachment, type UploadResult } from "@/db/queries/attachments";
import { MAX_ATTACHMENT_BYTES } from "@/lib/attachments";
import { authorize, cooperativeAccess } from "@/lib/dal";
import { errorResponse } from "@/lib/errors";
import { readBody, wantsPage } from "@/lib/upload";
import { isSameOrigin } from "@/lib/origin";

export const dynamic = "force-dynamic";

/** The multipart envelope around the file (boundaries, part headers, a filename, the form's ids). */
const MAX_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

type Failure = Exclude<UploadResult, { ok: true }>["reason"] | "no_file" | "bad_request";

const STATUS: Record<Failure, number> = {
  bad_request: 400,
  no_file: 400,
  empty: 400,
  forbidden: 403,
  not_found: 404,
  locked: 409,
  too_large: 413,
  unsupported: 415,
};

/**
 * Uploads one photo or PDF as evidence of a milestone (through a route handler: server actions
 * take 1 MB at most). JSON for scripts; the plain HTML form goes back to the cooperative's page,
 * named by `?cooperative=id`, with the outcome in its query (`upload=ok` or the error).
 */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const raw = (await context.params).id;
  const milestoneId = /^\d{1,9}$/.test(raw) ? Number(raw) : null;
  /** The page to go back to, in the query so that even a refused body can go back there. */
  const back = new URL(request.url).searchParams.get("cooperative") ?? "";
  let cooperativeId = /^\d{1,9}$/.test(back) ? Number(back) : null;
  const answer = (outcome: "ok" | Failure, status: number, body: object) => {
    if (wantsPage(request) && cooperativeId !== null && milestoneId !== null) {
      const page = `/cooperatives/${cooperativeId}?upload=${outcome}&milestone=${milestoneId}#milestone-${milestoneId}`;
      return Response.redirect(new URL(page, request.url), 303);
    }
    return Response.json(body, { status });
  };
  const failure = (reason: Failure) => answer(reason, STATUS[reason], { error: reason });
  try {
    if (!isSameOrigin(request)) return failure("forbidden");
    if (milestoneId === null) return failure("bad_request");
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
    const result = await addMilestoneAttachment(
      await getDb(),
      { id: viewer.id, role: viewer.role },
      {
        access: cooperativeAccess(viewer),
        milestoneId,
        filename: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      },
    );
    if (!result.ok) return failure(result.reason);
    cooperativeId = result.cooperativeId;
    return answer("ok", 201, { id: result.id });
  } catch (error) {
    return errorResponse(error);
  }
}
