import "server-only";
import { getDb } from "@/db";
import { createSession } from "@/db/queries/sessions";
import { canLogSessions, cooperativeAccess, type Viewer } from "@/lib/dal";
import {
  sessionFieldErrors,
  sessionIdSchema,
  sessionSchema,
  type SessionFieldErrors,
} from "@/lib/validation/session";

export type LogOutcome =
  | { status: "saved"; id: string; created: boolean; cooperativeId: number }
  | { status: "invalid"; errors: SessionFieldErrors }
  | { status: "forbidden" | "not_found" | "conflict" };

/**
 * Logging a session, the same for the form's server action and POST /api/sessions: the role,
 * the device's id, the fields, then the cooperative within the viewer's access (others: not found).
 */
export async function logSession(
  viewer: Viewer,
  raw: Record<string, unknown>,
): Promise<LogOutcome> {
  if (!canLogSessions(viewer.role)) return { status: "forbidden" };
  const id = sessionIdSchema.safeParse(raw.id);
  const parsed = sessionSchema.safeParse(raw);
  if (!id.success || !parsed.success) {
    const errors = parsed.success ? {} : sessionFieldErrors(parsed.error);
    return { status: "invalid", errors: id.success ? errors : { ...errors, id: "invalidId" } };
  }
  const result = await createSession(await getDb(), viewer.id, {
    access: cooperativeAccess(viewer),
    id: id.data,
    input: parsed.data,
  });
  if (!result.ok) return { status: result.reason };
  return { status: "saved", ...result };
}
