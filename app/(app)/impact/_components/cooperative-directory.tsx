import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { hidesPersonName } from "@/app/(app)/cooperatives/_components/display";
import { buttonVariants } from "@/components/ui/button";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { DirectoryRow } from "@/db/queries/impact";
import type { Viewer } from "@/lib/dal";
import { formatMoney, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

/** Cooperatives with their jobs created and funding disbursed; never a contact. Paged by `?page=`. */
export async function CooperativeDirectory({
  viewer,
  rows,
  total,
  page,
  pageSize,
  count,
}: {
  viewer: Viewer;
  rows: DirectoryRow[];
  total: number;
  page: number;
  pageSize: number;
  count: string;
}) {
  const [t, tCoop, tSector, tStage, locale] = await Promise.all([
    getTranslations("impact.directory"),
    getTranslations("cooperatives"),
    getTranslations("sector"),
    getTranslations("stage"),
    currentLocale(),
  ]);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const outline = buttonVariants({ variant: "outline", size: "sm" });
  return (
    <section aria-labelledby="directory-title" className="grid min-w-0 gap-3">
      <h2 id="directory-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-muted-foreground" data-testid="directory-count" data-total={total}>
        {t("count", { count })}
      </p>
      <Table data-testid="cooperative-directory">
        <TableHeader>
          <TableRow>
            {(["name", "province", "sector", "stage", "cohort"] as const).map((key) => (
              <TableHead key={key} scope="col">
                {t(key)}
              </TableHead>
            ))}
            <TableHead scope="col" className="text-end">
              {t("jobsCreated")}
            </TableHead>
            <TableHead scope="col" className="text-end">
              {t("fundingDisbursed")}
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={7} className="text-muted-foreground">
                {t("empty")}
              </TableCell>
            </TableRow>
          )}
          {rows.map((row) => (
            <TableRow key={row.id} data-id={row.id}>
              <TableHead scope="row" className="font-normal whitespace-normal">
                <Link href={`/cooperatives/${row.id}`} className="underline underline-offset-4">
                  {hidesPersonName(viewer, row.legalForm)
                    ? tCoop("autoEntrepreneurName", { id: String(row.id) })
                    : row.name}
                </Link>
              </TableHead>
              <TableCell>{row.province[locale]}</TableCell>
              <TableCell>{tSector(row.sector)}</TableCell>
              <TableCell>{tStage(row.stage)}</TableCell>
              <TableCell>{row.cohortName ?? t("noCohort")}</TableCell>
              <TableCell className="text-end tabular-nums" data-value={row.jobsCreated ?? ""}>
                {row.jobsCreated === null ? t("noBaseline") : formatNumber(locale, row.jobsCreated)}
              </TableCell>
              <TableCell className="text-end tabular-nums">
                {formatMoney(locale, Number(row.fundingDisbursedMad))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pages > 1 && (
        <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2">
          {page > 1 ? (
            <Link href={page > 2 ? `/?page=${page - 1}` : "/"} rel="prev" className={outline}>
              {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-muted-foreground tabular-nums">
            {t("page", {
              page: formatNumber(locale, Math.min(page, pages)),
              pages: formatNumber(locale, pages),
            })}
          </span>
          {page < pages ? (
            <Link href={`/?page=${page + 1}`} rel="next" className={outline}>
              {t("next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}
