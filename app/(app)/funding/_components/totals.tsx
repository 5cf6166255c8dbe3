import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { FundingTotal, fundingTotals } from "@/db/queries/funding-ledger";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

type Totals = Awaited<ReturnType<typeof fundingTotals>>;

async function TotalsTable({
  caption,
  rows,
  total,
  testId,
}: {
  caption: string;
  rows: (FundingTotal & { key: string; label: string })[];
  total: FundingTotal;
  testId: string;
}) {
  const [t, locale] = await Promise.all([getTranslations("funding.totals"), currentLocale()]);
  const mad = (value: string) => formatMoney(locale, Number(value), 2);
  return (
    <Table data-testid={testId}>
      <caption className="mb-2 text-start font-medium">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">{caption}</TableHead>
          <TableHead scope="col" className="text-end">
            {t("committed")}
          </TableHead>
          <TableHead scope="col" className="text-end">
            {t("disbursed")}
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key} data-key={row.key}>
            <TableHead scope="row" className="font-normal whitespace-normal">
              {row.label}
            </TableHead>
            <TableCell className="text-end tabular-nums">{mad(row.committedMad)}</TableCell>
            <TableCell className="text-end tabular-nums">{mad(row.disbursedMad)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow>
          <TableHead scope="row">{t("total")}</TableHead>
          <TableCell className="text-end tabular-nums">{mad(total.committedMad)}</TableCell>
          <TableCell className="text-end tabular-nums">{mad(total.disbursedMad)}</TableCell>
        </TableRow>
      </TableFooter>
    </Table>
  );
}

/** Committed and disbursed funding in the period, by the award's programme and by source. */
export async function FundingTotals({
  totals,
  from,
  to,
}: {
  totals: Totals;
  from?: string;
  to: string;
}) {
  const [t, tSource, locale] = await Promise.all([
    getTranslations("funding.totals"),
    getTranslations("fundingSource"),
    currentLocale(),
  ]);
  const period = from
    ? t("period", { from: formatDate(locale, from), to: formatDate(locale, to) })
    : t("periodOpen", { to: formatDate(locale, to) });
  return (
    <Card data-testid="funding-totals">
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
        <CardDescription>
          {period} · {t("note")}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <TotalsTable
          caption={t("byProgram")}
          testId="totals-by-program"
          total={totals.total}
          rows={totals.byProgram.map((row) => ({
            ...row,
            key: row.programKey ?? "none",
            label: row.programNames?.[locale] ?? t("noProgram"),
          }))}
        />
        <TotalsTable
          caption={t("bySource")}
          testId="totals-by-source"
          total={totals.total}
          rows={totals.bySource.map((row) => ({
            ...row,
            key: row.source,
            label: tSource(row.source),
          }))}
        />
      </CardContent>
    </Card>
  );
}
