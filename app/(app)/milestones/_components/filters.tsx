import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterSelect } from "@/components/filter-select";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { MILESTONE_STATUSES } from "@/db/schema";
import type { MilestoneFilters } from "@/lib/validation/milestone";

type Option = { value: string; label: string };

/** A plain GET form: the list's filters live in the URL and work before JavaScript loads. */
export async function MilestoneFiltersForm({
  filters,
  provinces,
  cohorts,
}: {
  filters: MilestoneFilters;
  provinces: Option[];
  cohorts: { options: Option[]; openOnly: boolean };
}) {
  const [t, tStatus, tCommon] = await Promise.all([
    getTranslations("milestones.filters"),
    getTranslations("milestoneStatus"),
    getTranslations("common"),
  ]);
  const selects: [string, string | undefined, Option[], string?][] = [
    [
      "cohort",
      filters.cohortId?.toString(),
      cohorts.options,
      cohorts.openOnly ? tCommon("openCohortsOnlyLinked") : undefined,
    ],
    ["province", filters.province, provinces],
    ["status", filters.status, MILESTONE_STATUSES.map((s) => ({ value: s, label: tStatus(s) }))],
  ];
  return (
    <form
      method="get"
      action="/milestones"
      role="search"
      aria-label={t("title")}
      className="grid gap-3 rounded-lg border bg-card p-4"
      data-testid="milestone-filters"
    >
      <div className="grid gap-1">
        <Label htmlFor="filter-q">{t("q")}</Label>
        <Input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          placeholder={t("qPlaceholder")}
        />
      </div>
      <div className="grid grid-cols-2 items-start gap-3 sm:grid-cols-3">
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
      </div>
      <div className="flex flex-wrap gap-4">
        {(["overdue", "awaiting"] as const).map((name) => (
          <label key={name} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={name}
              value="true"
              defaultChecked={filters[name]}
              className="size-4 accent-primary"
            />
            {t(name)}
          </label>
        ))}
      </div>
      <div className="flex gap-2">
        <Button type="submit">{t("apply")}</Button>
        <Link href="/milestones" className={buttonVariants({ variant: "ghost" })}>
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
