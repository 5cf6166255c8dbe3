import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterSelect } from "@/components/filter-select";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { SessionListFilters } from "@/db/queries/sessions";
import { SESSION_TOPICS } from "@/db/schema";
import { sessionQuery } from "@/lib/validation/session";

type Option = { value: string; label: string };

/** A filter by one record's id (`mentor`, `cooperative`) that the form shows by name. */
type Chosen = { name: "mentor" | "cooperative"; value: number; label: string };

/**
 * A plain GET form: the list's filters live in the URL and work before JavaScript loads. Mentors
 * and cooperatives are offered as lists when few; when too many (null), a name search stands in
 * (`mentor_q`, `q`) and a filter by id from a link (`?mentor=`) is shown by name, removable.
 */
export async function SessionFilters({
  filters,
  mentors,
  mentor,
  cooperatives,
  cooperative,
  cohorts,
}: {
  filters: SessionListFilters;
  /** undefined: no mentor filter (a mentor's own list); null: too many, a name search instead. */
  mentors: Option[] | null | undefined;
  /** The mentor `filters.mentorId` names, if known. */
  mentor: { id: number; name: string } | null;
  cooperatives: Option[] | null;
  /** The cooperative `filters.cooperativeId` names, if within the viewer's scope. */
  cooperative: { id: number; name: string } | null;
  cohorts: { options: Option[]; openOnly: boolean };
}) {
  const [t, tTopic, tCommon] = await Promise.all([
    getTranslations("sessions.filters"),
    getTranslations("sessionTopic"),
    getTranslations("common"),
  ]);
  const withChosen = (options: Option[], chosen: { id: number; name: string } | null) =>
    chosen && !options.some((o) => o.value === String(chosen.id))
      ? [{ value: String(chosen.id), label: chosen.name }, ...options]
      : options;
  const selects: [string, string | undefined, Option[], string?][] = [];
  if (mentors) selects.push(["mentor", filters.mentorId?.toString(), withChosen(mentors, mentor)]);
  if (cooperatives) {
    selects.push(["cooperative", filters.cooperativeId?.toString(), cooperatives]);
  }
  selects.push(
    [
      "cohort",
      filters.cohortId?.toString(),
      cohorts.options,
      cohorts.openOnly ? tCommon("openCohortsOnlyLinked") : undefined,
    ],
    [
      "topic",
      filters.topic,
      SESSION_TOPICS.map((topic) => ({ value: topic, label: tTopic(topic) })),
    ],
  );
  const searches: { name: "mentor_q" | "q"; label: string; value: string | undefined }[] = [];
  if (mentors === null) {
    searches.push({ name: "mentor_q", label: t("mentorName"), value: filters.mentorName });
  }
  if (cooperatives === null) {
    searches.push({ name: "q", label: t("cooperativeName"), value: filters.q });
  }
  const chosen: Chosen[] = [];
  if (mentors === null && filters.mentorId !== undefined) {
    chosen.push({
      name: "mentor",
      value: filters.mentorId,
      label: mentor?.name ?? t("unknown", { id: String(filters.mentorId) }),
    });
  }
  if (cooperatives === null && filters.cooperativeId !== undefined) {
    chosen.push({
      name: "cooperative",
      value: filters.cooperativeId,
      label: cooperative?.name ?? t("unknown", { id: String(filters.cooperativeId) }),
    });
  }
  const without = (name: Chosen["name"]) =>
    `/sessions${sessionQuery(filters, { [name]: undefined, page: undefined, mentor_q: filters.mentorName })}`;
  return (
    <form
      method="get"
      action="/sessions"
      role="search"
      aria-label={t("title")}
      className="grid gap-3 rounded-lg border bg-card p-4"
      data-testid="session-filters"
    >
      {chosen.length > 0 && (
        <ul className="flex flex-wrap gap-2 text-sm" data-testid="session-filters-chosen">
          {chosen.map((c) => (
            <li
              key={c.name}
              className="flex items-center gap-2 rounded-md border bg-muted/40 px-2 py-1"
              data-filter={c.name}
            >
              <input type="hidden" name={c.name} value={c.value} />
              <span>
                {t(c.name)}: <bdi className="font-medium">{c.label}</bdi>
              </span>
              <Link
                href={without(c.name)}
                className="text-primary underline"
                aria-label={t("removeNamed", { name: c.label })}
              >
                {t("remove")}
              </Link>
            </li>
          ))}
        </ul>
      )}
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
        {searches.map(({ name, label, value }) => (
          <div key={name} className="grid gap-1">
            <Label htmlFor={`filter-${name}`} className="text-xs text-muted-foreground">
              {label}
            </Label>
            <Input
              id={`filter-${name}`}
              name={name}
              type="search"
              maxLength={200}
              defaultValue={value ?? ""}
            />
          </div>
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
        <Link href="/sessions" className={buttonVariants({ variant: "ghost" })}>
          {t("reset")}
        </Link>
      </div>
    </form>
  );
}
