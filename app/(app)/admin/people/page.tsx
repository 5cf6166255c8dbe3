import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { groupPeople, personRecords, PeopleError, searchPeople } from "@/db/queries/people";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requireRole } from "@/lib/dal";
import {
  peopleSearchSchema,
  personSelectorSchema,
  selectorInput,
  type PersonSelector,
} from "@/lib/validation/people";
import { PersonDetail } from "./_components/person-detail";
import { SearchResults } from "./_components/search-results";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("people");
  return { title: t("title") };
}

function toParams(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      out.append(key, v);
    }
  }
  return out;
}

async function selected(db: Awaited<ReturnType<typeof getDb>>, selector: PersonSelector) {
  try {
    return await personRecords(db, selector);
  } catch (error) {
    if (error instanceof PeopleError) return null;
    throw error;
  }
}

export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("admin");
  const params = toParams(await searchParams);
  const t = await getTranslations("people");
  const db = await getDb();
  const rawQ = params.get("q") ?? "";
  const search = rawQ.trim() === "" ? null : peopleSearchSchema.safeParse({ q: rawQ });
  const hits = search?.success ? await searchPeople(db, search.data.q) : null;
  const selector =
    params.has("user") || params.has("cooperative")
      ? personSelectorSchema.safeParse(selectorInput(params))
      : null;
  const person = selector?.success ? await selected(db, selector.data) : null;
  return (
    <div className="grid min-w-0 gap-6 [&>*]:min-w-0" data-testid="admin-people">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-muted-foreground">{t("intro")}</p>
      </div>
      {params.get("erased") === "1" ? (
        <p role="status" className="rounded-md border bg-card p-3" data-testid="erased">
          {t("erase.done")}
        </p>
      ) : null}
      <form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-0 flex-1 gap-2">
          <Label htmlFor="people-q">{t("search.label")}</Label>
          <Input
            id="people-q"
            name="q"
            type="search"
            defaultValue={rawQ}
            aria-describedby={search && !search.success ? "people-q-error" : undefined}
            aria-invalid={search && !search.success ? true : undefined}
          />
        </div>
        <Button type="submit">{t("search.submit")}</Button>
        {search && !search.success ? (
          <p id="people-q-error" role="alert" className="basis-full text-sm text-destructive">
            {t(`errors.${search.error.issues[0]?.message ?? "tooShort"}`)}
          </p>
        ) : null}
      </form>
      {hits ? <SearchResults q={rawQ.trim()} groups={groupPeople(hits)} /> : null}
      {selector && !selector.success ? (
        <p role="alert" className="text-destructive">
          {t("errors.nothingSelected")}
        </p>
      ) : null}
      {selector?.success && !person ? (
        <p role="alert" className="text-destructive">
          {t("errors.notFound")}
        </p>
      ) : null}
      {selector?.success && person ? (
        <PersonDetail selector={selector.data} person={person} q={rawQ.trim()} />
      ) : null}
    </div>
  );
}
