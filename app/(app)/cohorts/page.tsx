import type { Metadata } from "next";
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
import { getDb } from "@/db";
import { listCohorts } from "@/db/queries/cohorts";
import { requireRole } from "@/lib/dal";
import { formatDate, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cohorts");
  return { title: t("title") };
}

export default async function CohortsPage() {
  await requireRole("admin", "staff");
  const [rows, t, locale] = await Promise.all([
    getDb().then(listCohorts),
    getTranslations("cohorts"),
    currentLocale(),
  ]);
  return (
    <div className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <div className="flex gap-2">
          <Link
            href="/cohorts/programs"
            className={buttonVariants({ variant: "outline", size: "sm" })}
          >
            {t("programs")}
          </Link>
          <Link href="/cohorts/new" className={buttonVariants({ size: "sm" })}>
            {t("new")}
          </Link>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed p-8 text-center text-muted-foreground">
          {t("empty")}
        </p>
      ) : (
        <Table data-testid="cohorts-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t("fields.name")}</TableHead>
              <TableHead>{t("fields.program_id")}</TableHead>
              <TableHead>{t("fields.start_on")}</TableHead>
              <TableHead>{t("fields.end_on")}</TableHead>
              <TableHead>{t("fields.status")}</TableHead>
              <TableHead className="text-end">{t("fill")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.id} data-cohort-id={row.id}>
                <TableCell className="whitespace-normal">
                  <Link
                    href={`/cohorts/${row.id}`}
                    className="font-medium text-primary hover:underline"
                  >
                    {row.name}
                  </Link>
                </TableCell>
                <TableCell className="whitespace-normal">{row.programNames[locale]}</TableCell>
                <TableCell>{formatDate(locale, row.startOn)}</TableCell>
                <TableCell>{formatDate(locale, row.endOn)}</TableCell>
                <TableCell>
                  <Badge variant={row.status === "active" ? "success" : "secondary"}>
                    {t(`status.${row.status}`)}
                  </Badge>
                </TableCell>
                <TableCell className="text-end tabular-nums">
                  {t("fillValue", {
                    enrolled: formatNumber(locale, row.enrolled),
                    capacity: formatNumber(locale, row.capacity),
                  })}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
