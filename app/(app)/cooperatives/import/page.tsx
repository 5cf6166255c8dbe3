import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { getDb } from "@/db";
import { classifyRows, getBatch } from "@/db/queries/imports";
import { requireRole } from "@/lib/dal";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { cn } from "@/lib/utils";
import { rowView, type ImportCounts, type RowView } from "@/lib/import/cooperatives";
import { BatchActions } from "./_components/batch-actions";
import { RowsTable } from "./_components/rows-table";
import { UploadForm } from "./_components/upload-form";

const PAGE_SIZE = 100;
const SHOWS = ["all", "invalid", "create", "update", "unchanged", "flagged"] as const;
type Show = (typeof SHOWS)[number];
type SearchParams = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("import");
  return { title: t("title") };
}

function param(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return /^\d{1,9}$/.test(value ?? "") && n > 0 ? n : undefined;
}

function matches(row: RowView, show: Show): boolean {
  if (show === "all") return true;
  if (show === "flagged") return row.duplicateOf !== undefined;
  return row.status === show;
}

export default async function ImportPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requireRole("admin", "staff");
  const params = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("import"), currentLocale()]);
  const batchId = positive(param(params, "batch"));
  const back = (
    <Link href="/cooperatives" className={buttonVariants({ variant: "ghost", size: "sm" })}>
      {t("back")}
    </Link>
  );
  if (batchId === undefined) {
    return (
      <div className="grid max-w-3xl gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          {back}
        </div>
        <p>{t("intro")}</p>
        <ul className="grid list-disc gap-1 ps-5 text-sm text-muted-foreground">
          <li>{t("help.formats")}</li>
          <li>{t("help.columns")}</li>
          <li>{t("help.matching")}</li>
          <li>{t("help.stage")}</li>
        </ul>
        <UploadForm initialError={param(params, "error")} />
      </div>
    );
  }

  const db = await getDb();
  const batch = await getBatch(db, batchId);
  if (!batch) notFound();
  const show = SHOWS.find((s) => s === param(params, "show")) ?? "all";
  const page = positive(param(params, "page")) ?? 1;
  const n = (value: number) => formatNumber(locale, value);

  let counts: ImportCounts;
  let rows: RowView[];
  let unknown: string[] = [];
  let ignored: string[] = [];
  if (batch.status === "previewed") {
    const classification = await classifyRows(db, batch);
    counts = classification.counts;
    rows = classification.results.map(rowView);
    unknown = classification.mapping.unknown;
    ignored = classification.mapping.ignored;
  } else if (batch.report) {
    counts = batch.report;
    rows = batch.report.details;
  } else {
    counts = { rows: 0, valid: 0, create: 0, update: 0, unchanged: 0, invalid: 0, flagged: 0 };
    rows = [];
  }
  const shown = rows.filter((row) => matches(row, show));
  const visible = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const href = (next: { show?: Show; page?: number }) => {
    const query = new URLSearchParams({ batch: String(batchId) });
    const nextShow = next.show ?? show;
    if (nextShow !== "all") query.set("show", nextShow);
    if ((next.page ?? 1) > 1) query.set("page", String(next.page));
    return `/cooperatives/import?${query}`;
  };
  const previewed = batch.status === "previewed";
  const tiles = [
    ["create", previewed ? counts.create : (batch.report?.created ?? 0)],
    ["update", previewed ? counts.update : (batch.report?.updated ?? 0)],
    ["unchanged", counts.unchanged],
    ["invalid", counts.invalid],
    ["flagged", counts.flagged],
  ] as const;

  return (
    <div className="grid min-w-0 gap-5" data-testid="import-batch" data-status={batch.status}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{previewed ? t("preview.title") : t("report.title")}</h1>
        {back}
      </div>
      <p className="text-muted-foreground" dir="auto">
        {t("preview.file", { filename: batch.filename, count: counts.rows, n: n(counts.rows) })}
      </p>
      {param(params, "done") === "1" && batch.status === "imported" && (
        <p role="status" className="rounded-lg border border-success p-3">
          {t("report.done")}
        </p>
      )}
      {batch.status === "discarded" && (
        <p role="status" className="rounded-lg border p-3">
          {t("report.discarded")}
        </p>
      )}
      {batch.status !== "discarded" && (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="import-counts">
          {tiles.map(([key, value]) => (
            <div key={key} className="rounded-lg border p-3" data-count={key} data-value={value}>
              <dt className="text-sm text-muted-foreground">
                {t(previewed ? `counts.${key}` : `report.${key}`)}
              </dt>
              <dd className="text-2xl font-semibold tabular-nums">{n(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {unknown.length > 0 && (
        <p className="text-sm" role="note">
          {t("preview.unknownColumns", { columns: unknown.join(", ") })}
        </p>
      )}
      {ignored.length > 0 && (
        <p className="text-sm text-muted-foreground">
          {t("preview.ignoredColumns", { columns: ignored.join(", ") })}
        </p>
      )}
      {previewed && (
        <BatchActions
          batchId={batch.id}
          changes={counts.create + counts.update}
          changesLabel={n(counts.create + counts.update)}
        />
      )}
      {batch.status !== "discarded" && (
        <>
          {previewed && (
            <nav aria-label={t("show.label")} className="flex flex-wrap gap-2">
              {SHOWS.map((s) => (
                <Link
                  key={s}
                  href={href({ show: s })}
                  aria-current={s === show ? "page" : undefined}
                  className={buttonVariants({
                    variant: s === show ? "secondary" : "ghost",
                    size: "sm",
                  })}
                >
                  {t(`show.${s}`)}
                </Link>
              ))}
            </nav>
          )}
          {!previewed && rows.length > 0 && (
            <h2 className="text-lg font-semibold">{t("report.details")}</h2>
          )}
          <RowsTable
            rows={visible}
            total={shown.length}
            page={page}
            pageSize={PAGE_SIZE}
            href={(p) => href({ page: p })}
          />
        </>
      )}
      {!previewed && (
        <Link
          href="/cooperatives/import"
          className={cn(buttonVariants({ variant: "outline", size: "sm" }), "w-fit")}
        >
          {t("another")}
        </Link>
      )}
    </div>
  );
}
