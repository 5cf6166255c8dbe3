import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { getDb } from "@/db";
import { cohortChoices, provinceOptions } from "@/db/queries/cooperative-record";
import { milestoneCounts, searchMilestones } from "@/db/queries/milestone-list";
import { canEditCooperatives, cooperativeAccess, requireRole } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatNumber, formatPercent } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { milestonesQuery, parseMilestoneFilters } from "@/lib/validation/milestone";
import { MilestoneFiltersForm } from "./_components/filters";
import { PageLinks } from "@/components/pagination";
import { MilestonesTable } from "./_components/milestones-table";

const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("milestones");
  return { title: t("title") };
}

/** Milestones across the cooperatives the viewer may see: admin and staff all, a mentor their own. */
export default async function MilestonesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireRole("admin", "staff", "mentor");
  const filters = parseMilestoneFilters(await searchParams);
  const access = cooperativeAccess(viewer);
  const today = todayIso();
  const db = await getDb();
  const [page, counts, provinces, cohorts, t, locale] = await Promise.all([
    searchMilestones(db, { access, filters, today, pageSize: PAGE_SIZE }),
    milestoneCounts(db, { access, filters, today }),
    provinceOptions(db),
    cohortChoices(db, filters),
    getTranslations("milestones"),
    currentLocale(),
  ]);
  const n = (value: number) => formatNumber(locale, value);
  const query = milestonesQuery(filters, { page: undefined });
  const download = (format: "csv" | "xlsx") =>
    `/api/export/milestones${query}${query ? "&" : "?"}labels=1${format === "xlsx" ? "&format=xlsx" : ""}`;
  const outline = buttonVariants({ variant: "outline", size: "sm" });
  const quick = (key: "status" | "awaiting" | "overdue", value: string) =>
    `/milestones${milestonesQuery(
      { ...filters, status: undefined, awaiting: false, overdue: false },
      { page: undefined, [key]: value },
    )}`;
  const figures: { key: string; value: string; href?: string }[] = [
    { key: "total", value: n(counts.total) },
    { key: "awaiting", value: n(counts.byStatus.reported), href: quick("awaiting", "true") },
    { key: "overdue", value: n(counts.overdue), href: quick("overdue", "true") },
    { key: "blocked", value: n(counts.byStatus.blocked), href: quick("status", "blocked") },
    { key: "done", value: n(counts.byStatus.done), href: quick("status", "done") },
    {
      key: "completion",
      value: counts.completion === null ? t("none") : formatPercent(locale, counts.completion),
    },
  ];
  return (
    <div className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <div className="flex flex-wrap gap-2">
          <a href={download("csv")} className={outline} download>
            {t("list.export")}
          </a>
          <a href={download("xlsx")} className={outline} download>
            {t("list.exportXlsx")}
          </a>
          {canEditCooperatives(viewer) && (
            <Link href="/milestones/templates" className={outline}>
              {t("templates.title")}
            </Link>
          )}
        </div>
      </div>
      <MilestoneFiltersForm
        filters={filters}
        provinces={provinces.map((p) => ({ value: p.key, label: p[locale] }))}
        cohorts={cohorts}
      />
      <dl
        className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6"
        data-testid="milestone-counts"
      >
        {figures.map((figure) => (
          <div key={figure.key} className="grid gap-1 rounded-lg border bg-card p-3">
            <dt className="text-xs text-muted-foreground">{t(`counts.${figure.key}`)}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid={`count-${figure.key}`}>
              {figure.href ? (
                <Link href={figure.href} className="hover:underline">
                  {figure.value}
                </Link>
              ) : (
                figure.value
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p
        className="text-sm text-muted-foreground"
        data-testid="milestones-count"
        data-total={page.total}
      >
        {t("list.count", { n: n(page.total) })}
        {page.total > 0 &&
          ` · ${t("list.showing", {
            from: n((filters.page - 1) * PAGE_SIZE + 1),
            to: n(Math.min(filters.page * PAGE_SIZE, page.total)),
            total: n(page.total),
          })}`}
      </p>
      <MilestonesTable rows={page.rows} />
      <PageLinks
        page={filters.page}
        total={page.total}
        pageSize={PAGE_SIZE}
        href={(page) =>
          `/milestones${milestonesQuery(filters, { page: page > 1 ? page : undefined })}`
        }
        namespace="milestones.list"
      />
    </div>
  );
}
