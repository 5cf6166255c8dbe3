import "@/lib/zod";
import { z } from "zod";
import { isIsoDate, isStorableText } from "@/lib/validation/common";

const isoDate = z.string().refine(isIsoDate);

const text = z.string().trim().min(1).max(100).refine(isStorableText);

/** The audit log's filters, read from the URL; a malformed value means "no filter". */
export const auditParamsSchema = z.object({
  actor: z.coerce.number().int().positive().optional().catch(undefined),
  entity: text.optional().catch(undefined),
  action: text.optional().catch(undefined),
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
});

export type AuditParams = z.output<typeof auditParamsSchema>;

/** The URL of a page of the log with the same filters. */
export function auditHref(params: AuditParams, page: number): string {
  const search = new URLSearchParams();
  if (params.actor !== undefined) search.set("actor", String(params.actor));
  if (params.entity) search.set("entity", params.entity);
  if (params.action) search.set("action", params.action);
  if (params.from) search.set("from", params.from);
  if (params.to) search.set("to", params.to);
  if (page > 1) search.set("page", String(page));
  const query = search.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}
