import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { authorize, metricScope } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { errorResponse } from "@/lib/errors";
import { impactFilters, impactSummary, parseImpactQuery, summaryJson } from "@/lib/metrics";

export const dynamic = "force-dynamic";

/**
 * The impact dashboard's headline figures as JSON (DOMAIN.md "Metrics"), with the dashboard's
 * filters; every role reads them, a mentor for assigned cooperatives only.
 */
export async function GET(request: NextRequest) {
  try {
    const { query, invalid } = parseImpactQuery(request.nextUrl.searchParams);
    if (invalid.length > 0) {
      return Response.json({ error: "bad_request", invalid }, { status: 400 });
    }
    const viewer = await authorize();
    const filters = impactFilters(query, { today: todayIso(), scope: metricScope(viewer) });
    const summary = await impactSummary(await getDb(), filters);
    return Response.json(summaryJson(summary), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
