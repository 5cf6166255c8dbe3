import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

/**
 * Previous / "page X of Y" / next under a list whose filters live in the URL. `href` gives a
 * page's URL with the list's other filters kept; `namespace` holds the labels (`pagination`,
 * `previous`, `next`, `page`). Nothing is drawn when everything fits on one page.
 */
export async function PageLinks({
  page,
  total,
  pageSize,
  href,
  namespace,
}: {
  page: number;
  total: number;
  pageSize: number;
  href: (page: number) => string;
  namespace: "sessions.list" | "milestones.list" | "funding.ledger";
}) {
  const [t, locale] = await Promise.all([getTranslations(namespace), currentLocale()]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const previous = page > 1 ? Math.min(page - 1, pages) : null;
  const next = page < pages ? page + 1 : null;
  const button = buttonVariants({ variant: "outline", size: "sm" });
  return (
    <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2">
      {previous ? (
        <Link href={href(previous)} rel="prev" className={button}>
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted-foreground tabular-nums">
        {t("page", { page: formatNumber(locale, page), pages: formatNumber(locale, pages) })}
      </span>
      {next ? (
        <Link href={href(next)} rel="next" className={button}>
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
