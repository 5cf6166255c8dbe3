import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { getDb } from "@/db";
import { cohortChoices, programOptions, provinceOptions } from "@/db/queries/cooperative-record";
import { fundingTotals, releasableTranches, searchAwards } from "@/db/queries/funding-ledger";
import { canEditCooperatives, cooperativeAccess, verifySession } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { fundingQuery, parseFundingFilters } from "@/lib/validation/funding";
import { LedgerFilters } from "./_components/filters";
import { LedgerTable } from "./_components/ledger-table";
import { PageLinks } from "@/components/pagination";
import { ReleasableList } from "./_components/releasable-list";
import { FundingTotals } from "./_components/totals";

const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("funding");
  return { title: t("title") };
}

/** The ledger across cooperatives: every role reads it, a mentor for assigned cooperatives only. */
export default async function FundingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await verifySession();
  const filters = parseFundingFilters(await searchParams);
  const access = cooperativeAccess(viewer);
  const today = todayIso();
  const db = await getDb();
  const [page, totals, releasable, provinces, programs, cohorts, t, locale] = await Promise.all([
    searchAwards(db, { access, filters, pageSize: PAGE_SIZE }),
    fundingTotals(db, { access, filters, today }),
    releasableTranches(db, { access, filters }),
    provinceOptions(db),
    programOptions(db),
    cohortChoices(db, filters, "program"),
    getTranslations("funding"),
    currentLocale(),
  ]);
  const query = fundingQuery(filters, { page: undefined });
  const download = (dataset: string, format = "csv") =>
    `/api/export/${dataset}${query}${query ? "&" : "?"}labels=1${format === "csv" ? "" : `&format=${format}`}`;
  const outline = buttonVariants({ variant: "outline", size: "sm" });
  const n = (value: number) => formatNumber(locale, value);
  return (
    <div className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <div className="flex flex-wrap gap-2">
          <a href={download("funding")} className={outline} download>
            {t("exportAwards")}
          </a>
          <a href={download("funding", "xlsx")} className={outline} download>
            {t("exportAwardsXlsx")}
          </a>
          <a href={download("disbursements")} className={outline} download>
            {t("exportDisbursements")}
          </a>
        </div>
      </div>
      <LedgerFilters
        filters={filters}
        provinces={provinces.map((p) => ({ value: p.key, label: p[locale] }))}
        programs={programs.map((p) => ({ value: p.key, label: p[locale] }))}
        cohorts={cohorts}
      />
      <FundingTotals totals={totals} from={filters.from} to={filters.to ?? today} />
      <ReleasableList
        viewer={viewer}
        tranches={releasable}
        editable={canEditCooperatives(viewer)}
        today={today}
      />
      <section className="grid min-w-0 gap-3" aria-labelledby="ledger-title">
        <h2 id="ledger-title" className="text-lg font-semibold">
          {t("ledger.title")}
        </h2>
        <p
          className="text-sm text-muted-foreground"
          data-testid="funding-count"
          data-total={page.total}
        >
          {t("ledger.count", { count: page.total, n: n(page.total) })}
          {page.total > 0 &&
            ` · ${t("ledger.showing", {
              from: n((filters.page - 1) * PAGE_SIZE + 1),
              to: n(Math.min(filters.page * PAGE_SIZE, page.total)),
              total: n(page.total),
            })}`}
        </p>
        <LedgerTable viewer={viewer} rows={page.rows} />
        <PageLinks
          page={filters.page}
          total={page.total}
          pageSize={PAGE_SIZE}
          href={(page) => `/funding${fundingQuery(filters, { page: page > 1 ? page : undefined })}`}
          namespace="funding.ledger"
        />
      </section>
    </div>
  );
}
