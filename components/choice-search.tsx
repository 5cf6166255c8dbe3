import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

export type ChoiceSearchProps = {
  action: string;
  q: string | undefined;
  /** How many matches the form beside it offers. */
  found: number;
  more: boolean;
};

/**
 * A choice too long to list (a mentor, a cooperative): a plain GET form (it works before
 * JavaScript loads) with `<kind>_q`, whose matches the form beside it then offers. A form of its
 * own, since forms cannot nest. Texts from `choiceSearch.<kind>`; the keys vary by place.
 */
export async function ChoiceSearch({
  kind,
  action,
  q,
  found,
  more,
  texts,
  boxed = false,
}: ChoiceSearchProps & {
  kind: "cooperative" | "mentor";
  texts: { title: string; hint: string; none: string };
  boxed?: boolean;
}) {
  const [t, locale] = await Promise.all([getTranslations(`choiceSearch.${kind}`), currentLocale()]);
  const n = formatNumber(locale, found);
  const result = !q
    ? null
    : found === 0
      ? t(texts.none, { q })
      : more
        ? t("more", { n })
        : t("found", { count: found, n });
  const id = `${kind}-search`;
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={t(texts.title)}
      className={boxed ? "grid gap-2 rounded-lg border bg-card p-4" : "grid gap-2"}
      data-testid={id}
    >
      <Label htmlFor={`${id}-q`}>{t("label")}</Label>
      <p id={`${id}-hint`} className="text-sm text-muted-foreground">
        {t(texts.hint)}
      </p>
      <div className="flex gap-2">
        <Input
          id={`${id}-q`}
          name={`${kind}_q`}
          type="search"
          maxLength={200}
          defaultValue={q ?? ""}
          aria-describedby={result ? `${id}-hint ${id}-result` : `${id}-hint`}
        />
        <Button type="submit" variant="outline">
          {t("submit")}
        </Button>
      </div>
      {result && (
        <p
          id={`${id}-result`}
          role="status"
          className={found === 0 ? "text-sm text-destructive" : "text-sm"}
          data-testid={`${id}-result`}
          data-found={found}
        >
          {result}
        </p>
      )}
    </form>
  );
}
