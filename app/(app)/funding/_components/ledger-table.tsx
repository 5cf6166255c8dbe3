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
import { hidesPersonName } from "@/app/(app)/cooperatives/_components/display";
import type { AwardRow } from "@/db/queries/funding-ledger";
import type { Viewer } from "@/lib/dal";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { AwardStatusBadge } from "./status-badge";

/** One page of awards across cooperatives, each linking to its cooperative's profile. */
export async function LedgerTable({ viewer, rows }: { viewer: Viewer; rows: AwardRow[] }) {
  const [t, tCoop, tSource, tKind, locale] = await Promise.all([
    getTranslations("funding"),
    getTranslations("cooperatives"),
    getTranslations("fundingSource"),
    getTranslations("fundingKind"),
    currentLocale(),
  ]);
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed p-8 text-center text-muted-foreground">
        {t("ledger.empty")}
      </p>
    );
  }
  const mad = (value: string) => formatMoney(locale, Number(value), 2);
  const money = ["amount", "coFinancing", "disbursed", "remaining"] as const;
  return (
    <Table data-testid="funding-ledger">
      <TableHeader>
        <TableRow>
          <TableHead>{t("ledger.awardedOn")}</TableHead>
          <TableHead>{t("ledger.cooperative")}</TableHead>
          <TableHead>{t("ledger.program")}</TableHead>
          <TableHead>{t("ledger.source")}</TableHead>
          <TableHead>{t("ledger.status")}</TableHead>
          {money.map((key) => (
            <TableHead key={key} className="text-end">
              {t(`award.${key}`)}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-award-id={row.id}>
            <TableCell>{formatDate(locale, row.awardedOn)}</TableCell>
            <TableCell className="min-w-48 whitespace-normal">
              <Link
                href={`/cooperatives/${row.cooperativeId}`}
                className="font-medium text-primary hover:underline"
              >
                {hidesPersonName(viewer, row.legalForm)
                  ? tCoop("autoEntrepreneurName", { id: String(row.cooperativeId) })
                  : row.cooperativeName}
              </Link>
            </TableCell>
            <TableCell className="whitespace-normal">
              {row.programNames?.[locale] ?? t("none")}
            </TableCell>
            <TableCell className="whitespace-normal">
              {tSource(row.source)}
              <Badge variant="outline" className="ms-2">
                {tKind(row.kind)}
              </Badge>
            </TableCell>
            <TableCell>
              <AwardStatusBadge status={row.status} />
            </TableCell>
            {[row.amountMad, row.coFinancingMad, row.disbursedMad, row.remainingMad].map(
              (value, index) => (
                <TableCell key={money[index]} className="text-end tabular-nums">
                  {mad(value)}
                </TableCell>
              ),
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
