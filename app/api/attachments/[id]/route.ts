import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { findAttachment } from "@/db/queries/attachments";
import { contentDisposition } from "@/lib/attachments";
import {
  authorize,
  canSeeArchived,
  canSeeEvidence,
  cooperativeAccess,
  cooperativeScope,
} from "@/lib/dal";
import { ForbiddenError, NotFoundError, errorResponse } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * An evidence file, for whoever may see its cooperative's evidence: admin and staff, a mentor for
 * assigned cooperatives (others: not found); never officials, as evidence can hold personal data.
 * Always a download (never shown inline), and never sniffed into another type.
 */
export async function GET(_request: NextRequest, context: { params: Promise<{ id: string }> }) {
  try {
    const raw = (await context.params).id;
    if (!/^\d{1,9}$/.test(raw)) return Response.json({ error: "bad_request" }, { status: 400 });
    const viewer = await authorize();
    const access = canSeeArchived(viewer) ? cooperativeAccess(viewer) : cooperativeScope(viewer);
    const file = await findAttachment(await getDb(), { access, id: Number(raw) });
    if (!file) throw new NotFoundError();
    if (!canSeeEvidence(viewer.role)) throw new ForbiddenError();
    return new Response(new Uint8Array(file.data), {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.data.byteLength),
        "content-disposition": contentDisposition(file.filename),
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
