import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { filtersToQuery, type ListFilters } from "@/lib/filters";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { cn } from "@/lib/utils";

export async function Pagination({
  filters,
  total,
  pageSize,
}: {
  filters: ListFilters;
  total: number;
  pageSize: number;
}) {
  const [t, locale] = await Promise.all([getTranslations("cooperatives"), currentLocale()]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = (page: number) =>
    `/cooperatives${filtersToQuery(filters, { page: page > 1 ? page : undefined })}`;
  const previous = filters.page > 1 ? Math.min(filters.page - 1, pages) : null;
  const next = filters.page < pages ? filters.page + 1 : null;
  return (
    <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2">
      {previous ? (
        <Link
          href={link(previous)}
          rel="prev"
          className={buttonVariants({ variant: "outline", size: "sm" })}
        >
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted-foreground tabular-nums">
        {t("page", {
          page: formatNumber(locale, filters.page),
          pages: formatNumber(locale, pages),
        })}
      </span>
      {next ? (
        <Link
          href={link(next)}
          rel="next"
          className={cn(buttonVariants({ variant: "outline", size: "sm" }))}
        >
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
