import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
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
  cohorts: Option[];
}) {
  const [t, tStatus] = await Promise.all([
    getTranslations("milestones.filters"),
    getTranslations("milestoneStatus"),
  ]);
  const selects: [string, string | undefined, Option[]][] = [
    ["cohort", filters.cohortId?.toString(), cohorts],
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
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {selects.map(([name, value, options]) => (
          <div key={name} className="grid gap-1">
            <Label htmlFor={`filter-${name}`} className="text-xs text-muted-foreground">
              {t(name)}
            </Label>
            <Select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
              <option value="">{t("all")}</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </div>
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
