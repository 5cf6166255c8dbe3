import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { formatNumber } from "@/lib/format";
import type { Locale } from "@/lib/i18n/config";
import { auditHref, type AuditParams } from "../params";

type Props = { params: AuditParams; page: number; pages: number; locale: Locale };

export async function Pager({ params, page, pages, locale }: Props) {
  const t = await getTranslations("audit.pager");
  const link = buttonVariants({ variant: "outline", size: "sm" });
  return (
    <nav aria-label={t("label")} className="flex flex-wrap items-center justify-between gap-2">
      {page > 1 ? (
        <Link href={auditHref(params, Math.min(page - 1, pages))} rel="prev" className={link}>
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted-foreground" aria-current="page">
        {t("page", { page: formatNumber(locale, page), pages: formatNumber(locale, pages) })}
      </span>
      {page < pages ? (
        <Link href={auditHref(params, page + 1)} rel="next" className={link}>
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
