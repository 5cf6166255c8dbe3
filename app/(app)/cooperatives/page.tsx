import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { getDb } from "@/db";
import { cohortChoices, programOptions, provinceOptions } from "@/db/queries/cooperative-record";
import { searchCooperatives } from "@/db/queries/cooperatives";
import { canEditCooperatives, canSeeArchived, cooperativeAccess, verifySession } from "@/lib/dal";
import { filtersToQuery, parseListFilters } from "@/lib/filters";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { CooperativeFilters } from "./_components/filters";
import { CooperativeTable } from "./_components/table";
import { Pagination } from "./_components/pagination";

const PAGE_SIZE = 25;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cooperatives");
  return { title: t("title") };
}

export default async function CooperativesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await verifySession();
  const filters = parseListFilters(await searchParams);
  const archived = filters.archived && canSeeArchived(viewer);
  const db = await getDb();
  const [result, provinces, cohorts, programs, t, locale] = await Promise.all([
    searchCooperatives(db, {
      access: cooperativeAccess(viewer),
      filters,
      archived,
      pageSize: PAGE_SIZE,
    }),
    provinceOptions(db),
    cohortChoices(db, filters, "program"),
    programOptions(db),
    getTranslations("cooperatives"),
    currentLocale(),
  ]);
  const exportQuery = filtersToQuery(filters, {
    page: undefined,
    sort: undefined,
    archived: undefined,
  });
  const separator = exportQuery ? "&" : "?";
  return (
    <div className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          {archived && <Badge variant="warning">{t("archivedView")}</Badge>}
        </div>
        <div className="flex flex-wrap gap-2">
          <a
            href={`/api/export/cooperatives${exportQuery}${separator}labels=1`}
            className={buttonVariants({ variant: "outline", size: "sm" })}
            download
          >
            {t("export")}
          </a>
          <a
            href={`/api/export/cooperatives${exportQuery}${separator}labels=1&format=xlsx`}
            className={buttonVariants({ variant: "outline", size: "sm" })}
            download
          >
            {t("exportXlsx")}
          </a>
          {canSeeArchived(viewer) && (
            <Link
              href={`/cooperatives${archived ? "" : "?archived=1"}`}
              className={buttonVariants({ variant: "ghost", size: "sm" })}
            >
              {archived ? t("liveView") : t("archivedView")}
            </Link>
          )}
          {canEditCooperatives(viewer) && (
            <Link
              href="/cooperatives/import"
              className={buttonVariants({ variant: "outline", size: "sm" })}
            >
              {t("import")}
            </Link>
          )}
          {canEditCooperatives(viewer) && (
            <Link href="/cooperatives/new" className={buttonVariants({ size: "sm" })}>
              {t("new")}
            </Link>
          )}
        </div>
      </div>
      <CooperativeFilters
        filters={filters}
        provinces={provinces.map((p) => ({ value: p.key, label: p[locale] }))}
        cohorts={cohorts}
        programs={programs.map((p) => ({ value: p.key, label: p[locale] }))}
      />
      <p
        className="text-sm text-muted-foreground"
        data-testid="cooperatives-count"
        data-total={result.total}
      >
        {t("count", { count: result.total, n: formatNumber(locale, result.total) })}
        {result.total > 0 &&
          ` · ${t("showing", {
            from: formatNumber(locale, (filters.page - 1) * PAGE_SIZE + 1),
            to: formatNumber(locale, Math.min(filters.page * PAGE_SIZE, result.total)),
            total: formatNumber(locale, result.total),
          })}`}
      </p>
      <CooperativeTable
        viewer={viewer}
        rows={result.rows}
        filters={filters}
        provinces={provinces}
      />
      <Pagination filters={filters} total={result.total} pageSize={PAGE_SIZE} />
    </div>
  );
}
