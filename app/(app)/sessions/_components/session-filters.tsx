import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { SESSION_TOPICS } from "@/db/schema";
import type { SessionFilters as Filters } from "@/lib/validation/session";

type Option = { value: string; label: string };

/** A plain GET form: the list's filters live in the URL and work before JavaScript loads. */
export async function SessionFilters({
  filters,
  mentors,
  cooperatives,
  cohorts,
}: {
  filters: Filters;
  mentors: Option[] | null;
  /** null: too many to list; the form then searches cooperatives by name (`q`). */
  cooperatives: Option[] | null;
  cohorts: Option[];
}) {
  const [t, tTopic] = await Promise.all([
    getTranslations("sessions.filters"),
    getTranslations("sessionTopic"),
  ]);
  const selects: [string, string | undefined, Option[]][] = [
    ...(mentors
      ? [
          ["mentor", filters.mentorId?.toString(), mentors] as [
            string,
            string | undefined,
            Option[],
          ],
        ]
      : []),
    ...(cooperatives
      ? [
          ["cooperative", filters.cooperativeId?.toString(), cooperatives] as [
            string,
            string | undefined,
            Option[],
          ],
        ]
      : []),
    ["cohort", filters.cohortId?.toString(), cohorts],
    [
      "topic",
      filters.topic,
      SESSION_TOPICS.map((topic) => ({ value: topic, label: tTopic(topic) })),
    ],
  ];
  return (
    <form
      method="get"
      action="/sessions"
      role="search"
      aria-label={t("title")}
      className="grid gap-3 rounded-lg border bg-card p-4"
      data-testid="session-filters"
    >
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
        {cooperatives === null && (
          <div className="grid gap-1">
            <Label htmlFor="filter-q" className="text-xs text-muted-foreground">
              {t("cooperativeName")}
            </Label>
            <Input
              id="filter-q"
              name="q"
              type="search"
              maxLength={200}
              defaultValue={filters.q ?? ""}
            />
            {filters.cooperativeId !== undefined && (
              <input type="hidden" name="cooperative" value={filters.cooperativeId} />
            )}
          </div>
        )}
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
        <Link href="/sessions" className={buttonVariants({ variant: "ghost" })}>
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
