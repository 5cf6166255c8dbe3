import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterSelect } from "@/components/filter-select";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AWARD_STATUSES, FUNDING_KINDS, FUNDING_SOURCES } from "@/db/schema";
import type { FundingFilters } from "@/lib/validation/funding";

type Option = { value: string; label: string };

/** A plain GET form: the ledger's filters live in the URL and work before JavaScript loads. */
export async function LedgerFilters({
  filters,
  provinces,
  programs,
  cohorts,
}: {
  filters: FundingFilters;
  provinces: Option[];
  programs: Option[];
  cohorts: { options: Option[]; openOnly: boolean };
}) {
  const [t, tSource, tKind, tStatus, tCommon] = await Promise.all([
    getTranslations("funding.filters"),
    getTranslations("fundingSource"),
    getTranslations("fundingKind"),
    getTranslations("awardStatus"),
    getTranslations("common"),
  ]);
  const selects: [string, string | undefined, Option[], string?][] = [
    ["province", filters.province, provinces],
    ["program", filters.program, programs],
    ["source", filters.source, FUNDING_SOURCES.map((s) => ({ value: s, label: tSource(s) }))],
    ["kind", filters.kind, FUNDING_KINDS.map((k) => ({ value: k, label: tKind(k) }))],
    ["status", filters.status, AWARD_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))],
    [
      "cohort",
      filters.cohortId?.toString(),
      cohorts.options,
      cohorts.openOnly ? tCommon("cohortsByProgramme") : undefined,
    ],
  ];
  return (
    <form
      method="get"
      action="/funding"
      role="search"
      aria-label={t("title")}
      className="grid gap-3 rounded-lg border bg-card p-4"
      data-testid="funding-filters"
    >
      <div className="grid grid-cols-2 items-start gap-3 sm:grid-cols-4">
        {selects.map(([name, value, options, note]) => (
          <FilterSelect
            key={name}
            id={`filter-${name}`}
            name={name}
            label={t(name)}
            value={value}
            options={options}
            allLabel={t("all")}
            note={note}
          />
        ))}
        {(["from", "to"] as const).map((name) => (
          <div key={name} className="grid gap-1">
            <Label htmlFor={`filter-${name}`} className="text-xs text-muted-foreground">
              {t(name)}
            </Label>
            <Input
              id={`filter-${name}`}
              name={name}
              type="date"
              defaultValue={filters[name] ?? ""}
            />
          </div>
        ))}
      </div>
      <div className="flex gap-2">
        <Button type="submit">{t("apply")}</Button>
        <Link href="/funding" className={buttonVariants({ variant: "ghost" })}>
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
