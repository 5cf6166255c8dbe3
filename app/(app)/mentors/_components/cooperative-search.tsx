import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

/**
 * Finding the cooperative to assign when there are too many to list: a plain GET form on the
 * mentor's page (`cooperative_q`, back at the section's anchor) that narrows the assignment's
 * choices to the assignable cooperatives matching it.
 */
export async function AssignCooperativeSearch({
  action,
  q,
  found,
  more,
}: {
  action: string;
  q: string | undefined;
  /** How many matches the assignment form offers. */
  found: number;
  more: boolean;
}) {
  const [t, locale] = await Promise.all([
    getTranslations("choiceSearch.cooperative"),
    currentLocale(),
  ]);
  const n = formatNumber(locale, found);
  const result = !q
    ? null
    : found === 0
      ? t("noneAssignable", { q })
      : more
        ? t("more", { n })
        : t("found", { count: found, n });
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={t("titleAssign")}
      className="grid gap-2"
      data-testid="cooperative-search"
    >
      <Label htmlFor="cooperative-search-q">{t("label")}</Label>
      <p id="cooperative-search-hint" className="text-sm text-muted-foreground">
        {t("hint")}
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
