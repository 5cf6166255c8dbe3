import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SIGN_IN_ATTEMPTS_KEPT_DAYS } from "@/db/queries/throttle";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { getViewer } from "@/lib/dal";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  return { title: t("title") };
}

const SECTIONS = {
  data: [
    "cooperatives",
    "members",
    "sessions",
    "milestones",
    "funding",
    "users",
    "signIns",
    "audit",
  ],
  purposes: ["accompaniment", "reporting", "security"],
  retention: ["signIns", "records", "accounts", "audit"],
  recipients: ["admin", "staff", "mentor", "official"],
  rights: ["access", "correction", "erasure", "objection"],
} as const;

/**
 * The privacy notice (law 09-08): public, so that anyone a record names can read it signed
 * out; in the visitor's language like the sign-in page. Retention states only what the code does.
 */
export default async function PrivacyPage() {
  const [t, tApp, viewer, locale] = await Promise.all([
    getTranslations("privacy"),
    getTranslations("app"),
    getViewer().catch(() => null),
    currentLocale(),
  ]);
  const days = SIGN_IN_ATTEMPTS_KEPT_DAYS;
  const list = (section: keyof typeof SECTIONS) => (
    <ul className="grid list-disc gap-2 ps-6">
      {SECTIONS[section].map((item) => (
        <li key={item}>{t(`${section}.items.${item}`, { days: formatNumber(locale, days) })}</li>
      ))}
    </ul>
  );
  const section = (id: string, children: React.ReactNode) => (
    <section aria-labelledby={`privacy-${id}`} className="grid gap-3">
      <h2 id={`privacy-${id}`} className="text-xl font-semibold">
        {t(`${id}.title`)}
      </h2>
      {children}
    </section>
  );
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-primary">
            {tApp("name")}
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      <main
        id="main"
        className="mx-auto grid w-full max-w-3xl flex-1 gap-8 px-4 py-8 leading-relaxed"
      >
        <div className="grid gap-3">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="text-muted-foreground">{t("intro")}</p>
        </div>
        {section("controller", <p>{t("controller.body")}</p>)}
        {section("data", list("data"))}
        {section("purposes", list("purposes"))}
        {section("basis", <p>{t("basis.body")}</p>)}
        {section("retention", list("retention"))}
        {section(
          "recipients",
          <>
            {list("recipients")}
            <p>{t("recipients.outside")}</p>
          </>,
        )}
        {section(
          "rights",
          <>
            {list("rights")}
            <p>{t("rights.exercise")}</p>
            <p>{t("rights.complaint")}</p>
          </>,
        )}
        {section("security", <p>{t("security.body")}</p>)}
      </main>
      <footer className="border-t">
        <div className="mx-auto max-w-3xl px-4 py-4 text-sm">
          <Link href={viewer ? "/" : "/login"} className="text-primary hover:underline">
            {viewer ? t("home") : t("signIn")}
          </Link>
        </div>
      </footer>
    </div>
  );
}
