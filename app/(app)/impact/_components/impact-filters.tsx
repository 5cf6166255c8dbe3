import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterSelect } from "@/components/filter-select";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { LEGAL_FORMS, SECTORS } from "@/db/schema";
import type { ImpactQuery } from "@/lib/metrics";

export type Option = { value: string; label: string };

/**
 * The dashboard's filters as a plain GET form: they live in the URL (DOMAIN.md's names) and
 * work before JavaScript loads. On a province's page the province is the page itself.
 */
export async function ImpactFilters({
  action,
  query,
  provinces,
  programs,
  cohorts,
}: {
  action: string;
  query: ImpactQuery;
  provinces?: Option[];
  programs: Option[];
  cohorts: { options: Option[]; openOnly: boolean };
}) {
  const [t, tSector, tLegal, tCommon] = await Promise.all([
    getTranslations("impact.filters"),
    getTranslations("sector"),
    getTranslations("legalForm"),
    getTranslations("common"),
  ]);
  const selects: [string, string | undefined, Option[], string?][] = [
    ...(provinces
      ? [["province", query.province, provinces] as [string, string | undefined, Option[]]]
      : []),
    ["sector", query.sector, SECTORS.map((s) => ({ value: s, label: tSector(s) }))],
    ["program", query.program, programs],
    [
      "cohort",
      query.cohortId?.toString(),
      cohorts.options,
      cohorts.openOnly ? tCommon("cohortsByProgramme") : undefined,
    ],
    ["legal_form", query.legalForm, LEGAL_FORMS.map((l) => ({ value: l, label: tLegal(l) }))],
  ];
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={t("title")}
      className="grid gap-3 rounded-lg border bg-card p-4 print:hidden"
      data-testid="impact-filters"
    >
      {query.area && <input type="hidden" name="area" value={query.area} />}
      {query.womenCoop !== undefined && (
        <input type="hidden" name="women_coop" value={String(query.womenCoop)} />
      )}
      <div className="grid grid-cols-2 items-start gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {(["from", "to"] as const).map((name) => (
          <div key={name} className="grid gap-1">
            <Label htmlFor={`impact-${name}`} className="text-xs text-muted-foreground">
              {t(name)}
            </Label>
            <Input id={`impact-${name}`} name={name} type="date" defaultValue={query[name] ?? ""} />
          </div>
        ))}
        {selects.map(([name, value, options, note]) => (
          <FilterSelect
            key={name}
            id={`impact-${name}`}
            name={name}
            label={t(name)}
            value={value}
            options={options}
            allLabel={t("all")}
            note={note}
          />
        ))}
      </div>
      <div className="flex gap-2">
        <Button type="submit">{t("apply")}</Button>
        <Link href={action} className={buttonVariants({ variant: "ghost" })}>
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
