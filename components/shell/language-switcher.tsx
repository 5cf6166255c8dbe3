import { getTranslations } from "next-intl/server";
import { LOCALES } from "@/lib/i18n/config";
import { changeLocale } from "@/lib/i18n/actions";
import { currentLocale } from "@/lib/i18n/server";
import { cn } from "@/lib/utils";

export async function LanguageSwitcher({ className }: { className?: string }) {
  const [t, locale] = await Promise.all([getTranslations("language"), currentLocale()]);
  return (
    <form action={changeLocale} className={cn("flex items-center gap-1", className)}>
      <span className="sr-only">{t("change")}</span>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="submit"
          name="locale"
          value={code}
          lang={code}
          aria-pressed={code === locale}
          data-testid={`locale-${code}`}
          className={cn(
            "rounded-md px-2 py-1 text-sm transition-colors hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
            code === locale
              ? "bg-secondary font-semibold text-secondary-foreground"
              : "text-muted-foreground",
          )}
        >
          {t(code)}
        </button>
      ))}
    </form>
  );
}
