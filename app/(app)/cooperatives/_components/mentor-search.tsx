import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

/**
 * Finding the mentor to assign when there are too many to list: a plain GET form on the profile
 * (`mentor_q`, back at the section's anchor) that narrows the assignment's choices to matches.
 */
export async function MentorSearch({
  action,
  q,
  found,
  more,
}: {
  action: string;
  q: string | undefined;
  found: number;
  more: boolean;
}) {
  const [t, locale] = await Promise.all([getTranslations("choiceSearch.mentor"), currentLocale()]);
  const result = !q
    ? null
    : found === 0
      ? t("none", { q })
      : more
        ? t("more", { n: formatNumber(locale, found) })
        : t("found", { count: found, n: formatNumber(locale, found) });
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={t("title")}
      className="grid gap-2"
      data-testid="mentor-search"
    >
      <Label htmlFor="mentor-search-q">{t("label")}</Label>
      <p id="mentor-search-hint" className="text-sm text-muted-foreground">
        {t("hint")}
      </p>
      <div className="flex gap-2">
        <Input
          id="mentor-search-q"
          name="mentor_q"
          type="search"
          maxLength={200}
          defaultValue={q ?? ""}
          aria-describedby={
            result ? "mentor-search-hint mentor-search-result" : "mentor-search-hint"
          }
        />
        <Button type="submit" variant="outline">
          {t("submit")}
        </Button>
      </div>
      {result && (
        <p
          id="mentor-search-result"
          role="status"
          className={found === 0 ? "text-sm text-destructive" : "text-sm"}
          data-testid="mentor-search-result"
          data-found={found}
        >
          {result}
        </p>
      )}
    </form>
  );
}
