import { ArrowDownIcon, ArrowUpIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { CooperativeRow } from "@/db/queries/cooperatives";
import type { Viewer } from "@/lib/dal";
import { filtersToQuery, type ListFilters } from "@/lib/filters";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { hidesPersonName } from "./display";

type Column = { key: string; label: string; numeric?: boolean };

function SortHeader({
  column,
  filters,
  label,
}: {
  column: Column;
  filters: ListFilters;
  label: string;
}) {
  const current = filters.sort ?? "name";
  const active = current.replace(/^-/, "") === column.key;
  const descending = active && current.startsWith("-");
  const nextSort = active && !descending ? `-${column.key}` : column.key;
  return (
    <TableHead
      aria-sort={active ? (descending ? "descending" : "ascending") : "none"}
      className={column.numeric ? "text-end" : undefined}
    >
      <Link
        href={`/cooperatives${filtersToQuery(filters, { sort: nextSort, page: undefined })}`}
        className="inline-flex items-center gap-1 hover:underline"
        aria-label={label}
      >
        {column.label}
        {active &&
          (descending ? (
            <ArrowDownIcon className="size-3" aria-hidden />
          ) : (
            <ArrowUpIcon className="size-3" aria-hidden />
          ))}
      </Link>
    </TableHead>
  );
}

export async function CooperativeTable({
  viewer,
  rows,
  filters,
  provinces,
}: {
  viewer: Viewer;
  rows: CooperativeRow[];
  filters: ListFilters;
  provinces: { key: string; ar: string; fr: string; en: string }[];
}) {
  const [t, tField, tStage, tSector, tLegal, locale] = await Promise.all([
    getTranslations("cooperatives"),
    getTranslations("cooperatives.fields"),
    getTranslations("stage"),
    getTranslations("sector"),
    getTranslations("legalForm"),
    currentLocale(),
  ]);
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed p-8 text-center text-muted-foreground">
        {t("empty")}
      </p>
    );
  }
  const provinceName = new Map(provinces.map((p) => [p.key, p[locale]]));
  const columns: Column[] = [
    { key: "id", label: tField("id"), numeric: true },
    { key: "name", label: tField("name") },
    { key: "legal_form", label: tField("legal_form") },
    { key: "province", label: tField("province") },
    { key: "sector", label: tField("sector") },
    { key: "stage", label: tField("stage") },
    { key: "cohort", label: tField("cohort") },
    { key: "members_total", label: tField("members_total"), numeric: true },
    { key: "registration_number", label: tField("registration_number") },
  ];
  return (
    <Table data-testid="cooperatives-table">
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <SortHeader
              key={column.key}
              column={column}
              filters={filters}
              label={t("sortBy", { column: column.label })}
            />
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const hidden = hidesPersonName(viewer, row.legalForm);
          return (
            <TableRow key={row.id} data-cooperative-id={row.id}>
              <TableCell className="text-end tabular-nums text-muted-foreground">
                {row.id}
              </TableCell>
              <TableCell className="min-w-56 whitespace-normal">
                <Link
                  href={`/cooperatives/${row.id}`}
                  className="font-medium text-primary hover:underline"
                >
                  {hidden ? t("autoEntrepreneurName", { id: String(row.id) }) : row.name}
                </Link>
                {!hidden && row.nameLatin && (
                  <div className="text-sm text-muted-foreground" dir="auto">
                    {row.nameLatin}
                  </div>
                )}
                {row.archivedAt && <Badge variant="warning">{t("archivedBadge")}</Badge>}
              </TableCell>
              <TableCell>{tLegal(row.legalForm)}</TableCell>
              <TableCell>{provinceName.get(row.province) ?? row.province}</TableCell>
              <TableCell>{tSector(row.sector)}</TableCell>
              <TableCell>
                <Badge variant="secondary">{tStage(row.stage)}</Badge>
              </TableCell>
              <TableCell>{row.cohortName ?? t("none")}</TableCell>
              <TableCell className="text-end tabular-nums">
                {formatNumber(locale, row.membersTotal)}
              </TableCell>
              <TableCell dir="auto">{row.registrationNumber ?? t("none")}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
