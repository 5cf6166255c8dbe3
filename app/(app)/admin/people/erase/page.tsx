import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { personRecords, PeopleError } from "@/db/queries/people";
import { requireRole } from "@/lib/dal";
import { personSelectorSchema, selectorInput, selectorQuery } from "@/lib/validation/people";
import { EraseForm } from "../_components/erase-form";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("people");
  return { title: t("erase.title") };
}

/** The confirmation step before an erasure: what will be erased, and a box to tick. */
export default async function ErasePersonPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole("admin");
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      params.append(key, v);
    }
  }
  const selector = personSelectorSchema.safeParse(selectorInput(params));
  if (!selector.success) notFound();
  const person = await personRecords(await getDb(), selector.data).catch((error: unknown) => {
    if (error instanceof PeopleError) return null;
    throw error;
  });
  if (!person) notFound();
  const t = await getTranslations("people");
  const q = params.get("q");
  const cancelHref = `/admin/people?${q ? `${new URLSearchParams({ q }).toString()}&` : ""}${selectorQuery(selector.data)}`;
  return (
    <div className="grid max-w-2xl min-w-0 gap-5" data-testid="erase-person">
      <h1 className="text-2xl font-bold">{t("erase.title")}</h1>
      <p>{t("erase.intro")}</p>
      <section aria-labelledby="erase-records" className="grid gap-2">
        <h2 id="erase-records" className="text-lg font-semibold">
          {t("erase.recordsTitle")}
        </h2>
        <ul className="list-disc ps-6">
          {person.user ? (
            <li>{t("erase.account", { name: person.user.name, email: person.user.email })}</li>
          ) : null}
          {person.contacts.map((contact) => (
            <li key={contact.cooperativeId}>
              {t("erase.contact", {
                name: contact.contactName ?? "—",
                cooperative: contact.cooperative,
              })}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="erase-effects" className="grid gap-2">
        <h2 id="erase-effects" className="text-lg font-semibold">
          {t("erase.effectsTitle")}
        </h2>
        <ul className="list-disc ps-6">
          <li>{t("erase.effects.contacts")}</li>
          <li>{t("erase.effects.account")}</li>
          <li>{t("erase.effects.audit")}</li>
          <li>{t("erase.effects.attempts")}</li>
          <li>{t("erase.effects.kept")}</li>
        </ul>
      </section>
      <EraseForm
        userId={selector.data.userId}
        cooperativeIds={selector.data.cooperativeIds}
        cancelHref={cancelHref}
      />
    </div>
  );
}
