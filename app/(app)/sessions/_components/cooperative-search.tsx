import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

/**
 * The session form's cooperative, when staff have too many to list: a plain GET form (it works
 * before JavaScript loads) that narrows the form's choices to the cooperatives matching
 * `cooperative_q`. It is a form of its own, beside the session's, since forms cannot nest.
 */
export async function CooperativeSearch({
  action,
  q,
  found,
  more,
  editing,
}: {
  action: string;
  q: string | undefined;
  /** How many matches the session form offers. */
  found: number;
  more: boolean;
  /** On the edit page, searching reloads the page and drops unsaved changes: the hint says so. */
  editing: boolean;
}) {
  const [t, locale] = await Promise.all([
    getTranslations("choiceSearch.cooperative"),
    currentLocale(),
  ]);
  const n = formatNumber(locale, found);
  const result = !q
    ? null
    : found === 0
      ? t("none", { q })
      : more
        ? t("more", { n })
        : t("found", { count: found, n });
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={t("title")}
      className="grid gap-2 rounded-lg border bg-card p-4"
      data-testid="cooperative-search"
    >
      <Label htmlFor="cooperative-search-q">{t("label")}</Label>
      <p id="cooperative-search-hint" className="text-sm text-muted-foreground">
        {t(editing ? "hintEdit" : "hint")}
      </p>
      <div className="flex gap-2">
        <Input
          id="cooperative-search-q"
          name="cooperative_q"
          type="search"
          maxLength={200}
          defaultValue={q ?? ""}
          aria-describedby={
            result ? "cooperative-search-hint cooperative-search-result" : "cooperative-search-hint"
          }
        />
        <Button type="submit" variant="outline">
          {t("submit")}
        </Button>
      </div>
      {result && (
        <p
          id="cooperative-search-result"
          role="status"
          className={found === 0 ? "text-sm text-destructive" : "text-sm"}
          data-testid="cooperative-search-result"
          data-found={found}
        >
          {result}
        </p>
      )}
    </form>
  );
}
