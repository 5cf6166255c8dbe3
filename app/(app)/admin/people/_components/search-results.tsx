import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PersonGroup } from "@/db/queries/people";
import { selectorQuery } from "@/lib/validation/people";

/** Search hits, grouped by shared email or phone into the people they probably are. */
export async function SearchResults({ q, groups }: { q: string; groups: PersonGroup[] }) {
  const [t, tRoles] = await Promise.all([getTranslations("people"), getTranslations("roles")]);
  return (
    <section aria-labelledby="people-results" className="grid gap-3">
      <h2 id="people-results" className="text-lg font-semibold">
        {t("results.title", { count: groups.length })}
      </h2>
      {groups.length === 0 ? <p className="text-muted-foreground">{t("results.empty")}</p> : null}
      <ul className="grid gap-3">
        {groups.map((group) => {
          const query = selectorQuery(group.selector);
          return (
            <li
              key={query}
              className="grid gap-2 rounded-md border bg-card p-3"
              data-testid="person-hit"
            >
              <ul className="grid gap-1 text-sm">
                {group.users.map((user) => (
                  <li key={`u${user.userId}`}>
                    <span className="font-medium">{user.name}</span> ·{" "}
                    <span dir="ltr">{user.email}</span> · {t("results.account")} (
                    {tRoles(user.role)}){user.active ? "" : ` · ${t("results.inactive")}`}
                  </li>
                ))}
                {group.contacts.map((contact) => (
                  <li key={`c${contact.cooperativeId}`}>
                    <span className="font-medium">{contact.contactName ?? "—"}</span> ·{" "}
                    {t("results.contactOf", { cooperative: contact.cooperative })}
                    {contact.phone ? (
                      <>
                        {" · "}
                        <span dir="ltr">{contact.phone}</span>
                      </>
                    ) : null}
                    {contact.email ? (
                      <>
                        {" · "}
                        <span dir="ltr">{contact.email}</span>
                      </>
                    ) : null}
                    {contact.archived ? ` · ${t("results.archived")}` : null}
                  </li>
                ))}
              </ul>
              <Link
                href={`/admin/people?${new URLSearchParams({ q }).toString()}&${query}`}
                className="justify-self-start text-sm font-medium text-primary underline-offset-4 hover:underline"
              >
                {t("results.open")}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
