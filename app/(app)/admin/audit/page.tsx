import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { AUDIT_PAGE_SIZE, auditFacets, listAudit, userOptions } from "@/db/queries/admin";
import { requireRole } from "@/lib/dal";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";
import { Pager } from "./_components/pager";
import { auditParamsSchema } from "./params";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("admin");
  const raw = await searchParams;
  const params = auditParamsSchema.parse({
    actor: first(raw.actor),
    entity: first(raw.entity),
    action: first(raw.action),
    from: first(raw.from),
    to: first(raw.to),
    page: first(raw.page),
  });
  const db = await getDb();
  const [{ rows, total }, facets, actors, t, locale] = await Promise.all([
    listAudit(
      db,
      {
        actorId: params.actor,
        entity: params.entity,
        action: params.action,
        from: params.from,
        to: params.to,
      },
      params.page,
    ),
    auditFacets(db),
    userOptions(db),
    getTranslations("audit"),
    currentLocale(),
  ]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  return (
    <div className="grid min-w-0 gap-6 [&>*]:min-w-0" data-testid="audit-log">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-muted-foreground">{t("intro")}</p>
      </div>
      <AuditFilters params={params} actors={actors} facets={facets} />
      <p className="text-sm text-muted-foreground" role="status">
        {t("count", { count: formatNumber(locale, total) })}
      </p>
      {rows.length === 0 ? (
        <p
          className="rounded-md border border-dashed p-6 text-center text-muted-foreground"
          data-testid="audit-empty"
        >
          {t("empty")}
        </p>
      ) : (
        <AuditTable rows={rows} locale={locale} />
      )}
      {(pages > 1 || params.page > 1) && (
        <Pager params={params} page={params.page} pages={pages} locale={locale} />
      )}
    </div>
  );
}
