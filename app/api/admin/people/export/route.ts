import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { PeopleError } from "@/db/queries/people";
import { exportPerson } from "@/db/queries/people-export";
import { todayIso } from "@/lib/dates";
import { authorize } from "@/lib/dal";
import { errorResponse } from "@/lib/errors";
import { personSelectorSchema, selectorInput } from "@/lib/validation/people";

export const dynamic = "force-dynamic";

/**
 * Everything held about one person (`user` and repeated `cooperative` ids), as a JSON download
 * for their right of access; admins only, and the export is audited. The role is checked before
 * the parameters are read, so nobody else learns anything from the answer.
 */
export async function GET(request: NextRequest) {
  try {
    const viewer = await authorize("admin");
    const parsed = personSelectorSchema.safeParse(selectorInput(request.nextUrl.searchParams));
    if (!parsed.success) return Response.json({ error: "bad_request" }, { status: 400 });
    const document = await exportPerson(await getDb(), {
      actorId: viewer.id,
      selector: parsed.data,
    });
    return new Response(`${JSON.stringify(document, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="personal-data-${todayIso()}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof PeopleError && error.code === "notFound") {
      return Response.json({ error: "not_found" }, { status: 404 });
    }
    return errorResponse(error);
  }
}
