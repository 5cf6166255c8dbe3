import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { sessionQuery, type SessionFilters } from "@/lib/validation/session";

export async function SessionPagination({
  filters,
  total,
  pageSize,
}: {
  filters: SessionFilters;
  total: number;
  pageSize: number;
}) {
  const [t, locale] = await Promise.all([getTranslations("sessions.list"), currentLocale()]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = (page: number) =>
    `/sessions${sessionQuery(filters, { page: page > 1 ? page : undefined })}`;
  const previous = filters.page > 1 ? Math.min(filters.page - 1, pages) : null;
  const next = filters.page < pages ? filters.page + 1 : null;
  const button = buttonVariants({ variant: "outline", size: "sm" });
  return (
    <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2">
      {previous ? (
        <Link href={link(previous)} rel="prev" className={button}>
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
        <Link href={link(next)} rel="next" className={button}>
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
