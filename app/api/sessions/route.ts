import { revalidatePath } from "next/cache";
import { logSession } from "@/app/(app)/sessions/log";
import { authorize } from "@/lib/dal";
import { ForbiddenError, NotFoundError, UnauthorizedError, errorResponse } from "@/lib/errors";
import { readBody } from "@/lib/upload";
import { isSameOrigin } from "@/lib/origin";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 64 * 1024;

async function readJson(request: Request): Promise<Record<string, unknown> | null> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) return null;
  const bytes = await readBody(request, MAX_BODY_BYTES);
  if (!bytes) return null;
  try {
    const body: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return body && typeof body === "object" && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * A session sent by a device, often from its queue after the connection came back: the form's
 * fields under their DOMAIN.md keys, plus `id` (made on the device) and `user_id` (who filled it,
 * so a queue never sends one person's sessions under another's sign-in). The same id sent twice
 * by its mentor answers 200 with the session already saved; a new one 201. 401 tells the queue
 * to wait for a sign-in. Route handlers get no Origin check from Next: a cross-site post is
 * refused here.
 */
export async function POST(request: Request) {
  try {
    if (!isSameOrigin(request)) throw new ForbiddenError();
    const body = await readJson(request);
    if (!body) return Response.json({ error: "bad_request" }, { status: 400 });
    const viewer = await authorize();
    if (body.user_id !== undefined && body.user_id !== viewer.id) throw new UnauthorizedError();
    const outcome = await logSession(viewer, body);
    switch (outcome.status) {
      case "forbidden":
        throw new ForbiddenError();
      case "not_found":
        throw new NotFoundError();
      case "conflict":
        return Response.json({ error: "conflict" }, { status: 409 });
      case "invalid":
        return Response.json({ error: "invalid", errors: outcome.errors }, { status: 400 });
    }
    revalidatePath("/sessions");
    revalidatePath(`/cooperatives/${outcome.cooperativeId}`);
    revalidatePath("/");
    return Response.json(
      { id: outcome.id, cooperative_id: outcome.cooperativeId, created: outcome.created },
      { status: outcome.created ? 201 : 200 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
