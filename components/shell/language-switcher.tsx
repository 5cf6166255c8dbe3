import { getTranslations } from "next-intl/server";
import { LOCALES } from "@/lib/i18n/config";
import { changeLocale } from "@/lib/i18n/actions";
import { currentLocale } from "@/lib/i18n/server";
import { cn } from "@/lib/utils";

/**
 * One small form per language, so it works before JavaScript loads; `input type=submit` keeps
 * these controls apart from a page's own submit button.
 */
export async function LanguageSwitcher({ className }: { className?: string }) {
  const [t, locale] = await Promise.all([getTranslations("language"), currentLocale()]);
  return (
    <div role="group" aria-label={t("change")} className={cn("flex items-center gap-1", className)}>
      {LOCALES.map((code) => (
        <form key={code} action={changeLocale}>
          <input type="hidden" name="locale" value={code} />
          <input
            type="submit"
            value={t(code)}
            lang={code}
            aria-current={code === locale ? "true" : undefined}
            data-testid={`locale-${code}`}
            className={cn(
              "cursor-pointer rounded-md px-2 py-1 text-sm transition-colors hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
              code === locale
                ? "bg-secondary font-semibold text-secondary-foreground"
                : "text-muted-foreground",
            )}
          />
        </form>
      ))}
    </div>
  );
}
