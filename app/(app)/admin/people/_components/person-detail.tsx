import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PersonRecords } from "@/db/queries/people";
import { buttonVariants } from "@/components/ui/button";
import { selectorQuery, type PersonSelector } from "@/lib/validation/people";
import { CorrectContactForm } from "./correct-contact-form";

/** One person's records, with the three rights an admin exercises for them. */
export async function PersonDetail({
  selector,
  person,
  q,
}: {
  selector: PersonSelector;
  person: PersonRecords;
  q: string;
}) {
  const [t, tRoles] = await Promise.all([getTranslations("people"), getTranslations("roles")]);
  const query = selectorQuery(selector);
  const back = q ? `&${new URLSearchParams({ q }).toString()}` : "";
  return (
    <section aria-labelledby="person-title" className="grid gap-4" data-testid="person-detail">
      <h2 id="person-title" className="text-lg font-semibold">
        {t("person.title")}
      </h2>
      <div className="flex flex-wrap gap-3">
        <a
          href={`/api/admin/people/export?${query}`}
          download
          className={buttonVariants({ variant: "outline" })}
          data-testid="person-export"
        >
          {t("person.export")}
        </a>
        <Link
          href={`/admin/people/erase?${query}${back}`}
          className={buttonVariants({ variant: "destructive" })}
        >
          {t("person.erase")}
        </Link>
      </div>
      {person.user ? (
        <section
          aria-labelledby="person-account"
          className="grid gap-1 rounded-md border bg-card p-3"
        >
          <h3 id="person-account" className="font-semibold">
            {t("person.account")}
          </h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">{t("fields.name")}</dt>
            <dd>{person.user.name}</dd>
            <dt className="text-muted-foreground">{t("fields.email")}</dt>
            <dd dir="ltr" className="text-start">
              {person.user.email}
            </dd>
            <dt className="text-muted-foreground">{t("fields.phone")}</dt>
            <dd dir="ltr" className="text-start">
              {person.user.phone ?? "—"}
            </dd>
            <dt className="text-muted-foreground">{t("fields.role")}</dt>
            <dd>
              {tRoles(person.user.role)}
              {person.user.active ? "" : ` · ${t("results.inactive")}`}
            </dd>
          </dl>
          <p className="text-sm text-muted-foreground">{t("person.accountHint")}</p>
        </section>
      ) : null}
      {person.contacts.map((contact) => (
        <section
          key={contact.cooperativeId}
          aria-labelledby={`person-coop-${contact.cooperativeId}`}
          className="grid gap-3 rounded-md border bg-card p-3"
        >
          <h3 id={`person-coop-${contact.cooperativeId}`} className="font-semibold">
            <Link href={`/cooperatives/${contact.cooperativeId}`} className="hover:underline">
              {t("results.contactOf", { cooperative: contact.cooperative })}
            </Link>
          </h3>
          <CorrectContactForm contact={contact} />
        </section>
      ))}
    </section>
  );
}
