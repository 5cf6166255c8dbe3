import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import type { RowStatus, RowView } from "@/lib/import/cooperatives";

const BADGES = {
  create: "default",
  update: "secondary",
  unchanged: "outline",
  invalid: "destructive",
} as const satisfies Record<RowStatus, string>;

function CooperativeLink({ id, children }: { id: number; children: React.ReactNode }) {
  return (
    <Link href={`/cooperatives/${id}`} className="text-primary hover:underline">
      {children}
    </Link>
  );
}

/** One page of rows of a file, with their status and what is wrong or will change. */
export async function RowsTable({
  rows,
  total,
  page,
  pageSize,
  href,
}: {
  rows: RowView[];
  total: number;
  page: number;
  pageSize: number;
  href: (page: number) => string;
}) {
  const [t, tCoop, locale] = await Promise.all([
    getTranslations("import"),
    getTranslations("cooperatives"),
    currentLocale(),
  ]);
  if (total === 0) {
    return <p className="rounded-lg border border-dashed p-6 text-center">{t("noRows")}</p>;
  }
  const field = (key: string) => tCoop(`fields.${key}` as "fields.name");
  const message = (key: string) =>
    key === "duplicateInFile"
      ? t("rowErrors.duplicateInFile")
      : tCoop(`errors.${key}` as "errors.required");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="grid gap-3">
      <Table data-testid="import-rows">
        <TableHeader>
          <TableRow>
            <TableHead className="text-end">{t("columns.row")}</TableHead>
            <TableHead>{t("columns.status")}</TableHead>
            <TableHead>{t("columns.name")}</TableHead>
            <TableHead>{t("columns.details")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.rowNumber} data-row={row.rowNumber} data-status={row.status}>
              <TableCell className="text-end tabular-nums">
                {formatNumber(locale, row.rowNumber)}
              </TableCell>
              <TableCell>
                <Badge variant={BADGES[row.status]}>{t(`status.${row.status}`)}</Badge>
              </TableCell>
              <TableCell className="min-w-48 whitespace-normal" dir="auto">
                {row.targetId ? (
                  <CooperativeLink id={row.targetId}>{row.name || tCoop("none")}</CooperativeLink>
                ) : (
                  row.name || tCoop("none")
                )}
              </TableCell>
              <TableCell className="min-w-64 whitespace-normal">
                <ul className="grid gap-0.5 text-sm">
                  {Object.entries(row.errors ?? {}).map(([key, error]) => (
                    <li key={key} className="text-destructive">
                      {t("fieldError", { field: field(key), message: message(error) })}
                    </li>
                  ))}
                  {row.changes && row.changes.length > 0 && (
                    <li>{t("changes", { fields: row.changes.map(field).join(", ") })}</li>
                  )}
                  {row.duplicateOf !== undefined && (
                    <li>
                      <CooperativeLink id={row.duplicateOf}>
                        {t("duplicateOf", { id: String(row.duplicateOf) })}
                      </CooperativeLink>
                    </li>
                  )}
                </ul>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pages > 1 && (
        <nav aria-label={tCoop("pagination")} className="flex items-center justify-between gap-2">
          {page > 1 ? (
            <Link
              href={href(page - 1)}
              rel="prev"
              className={buttonVariants({ variant: "outline", size: "sm" })}
            >
              {tCoop("previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-muted-foreground tabular-nums">
            {tCoop("page", {
              page: formatNumber(locale, page),
              pages: formatNumber(locale, pages),
            })}
          </span>
          {page < pages ? (
            <Link
              href={href(page + 1)}
              rel="next"
              className={buttonVariants({ variant: "outline", size: "sm" })}
            >
              {tCoop("next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
