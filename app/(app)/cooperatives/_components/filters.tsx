import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterSelect, type FilterOption } from "@/components/filter-select";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { AREAS, LEGAL_FORMS, SECTORS, STAGES } from "@/db/schema";
import type { ListFilters } from "@/lib/filters";

type Option = FilterOption;

/** A plain GET form: the filters live in the URL and work before JavaScript loads. */
export async function CooperativeFilters({
  filters,
  provinces,
  cohorts,
  programs,
}: {
  filters: ListFilters;
  provinces: Option[];
  cohorts: { options: Option[]; openOnly: boolean };
  programs: Option[];
}) {
  const [t, tField, tStage, tSector, tLegal, tArea, tCommon] = await Promise.all([
    getTranslations("cooperatives"),
    getTranslations("cooperatives.fields"),
    getTranslations("stage"),
    getTranslations("sector"),
    getTranslations("legalForm"),
    getTranslations("area"),
    getTranslations("common"),
  ]);
  return (
    <form
      method="get"
      action="/cooperatives"
      role="search"
      className="grid gap-3 rounded-lg border bg-card p-4"
    >
      {filters.archived && <input type="hidden" name="archived" value="1" />}
      {filters.sort && <input type="hidden" name="sort" value={filters.sort} />}
      <div className="grid gap-1">
        <Label htmlFor="filter-q">{t("search")}</Label>
        <Input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          placeholder={t("searchPlaceholder")}
        />
      </div>
      <div className="grid grid-cols-2 items-start gap-3 sm:grid-cols-3 lg:grid-cols-4">
        <FilterSelect
          id="filter-province"
          name="province"
          label={tField("province")}
          value={filters.province}
          options={provinces}
          allLabel={t("all")}
        />
        <FilterSelect
          id="filter-sector"
          name="sector"
          label={tField("sector")}
          value={filters.sector}
          options={SECTORS.map((s) => ({ value: s, label: tSector(s) }))}
          allLabel={t("all")}
        />
        <FilterSelect
          id="filter-stage"
          name="stage"
          label={tField("stage")}
          value={filters.stage}
          options={STAGES.map((s) => ({ value: s, label: tStage(s) }))}
          allLabel={t("all")}
        />
        <FilterSelect
          id="filter-cohort"
          name="cohort"
          label={tField("cohort")}
          value={filters.cohortId?.toString()}
          options={cohorts.options}
          note={cohorts.openOnly ? tCommon("cohortsByProgramme") : undefined}
          allLabel={t("all")}
        />
        <FilterSelect
          id="filter-program"
          name="program"
          label={tField("program")}
          value={filters.program}
          options={programs}
          allLabel={t("all")}
        />
        <FilterSelect
          id="filter-legal_form"
          name="legal_form"
          label={tField("legal_form")}
          value={filters.legalForm}
          options={LEGAL_FORMS.map((s) => ({ value: s, label: tLegal(s) }))}
          allLabel={t("all")}
        />
        <FilterSelect
          id="filter-area"
          name="area"
          label={tField("area")}
          value={filters.area}
          options={AREAS.map((s) => ({ value: s, label: tArea(s) }))}
          allLabel={t("all")}
        />
        <FilterSelect
          id="filter-women_coop"
          name="women_coop"
          label={tField("women_coop")}
          value={filters.womenCoop === undefined ? undefined : String(filters.womenCoop)}
          options={[
            { value: "true", label: t("yes") },
            { value: "false", label: t("no") },
          ]}
          allLabel={t("all")}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit">{t("filter")}</Button>
        <Link
          href={filters.archived ? "/cooperatives?archived=1" : "/cooperatives"}
          className={buttonVariants({ variant: "ghost" })}
        >
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
