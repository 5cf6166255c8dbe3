import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { navFor } from "@/components/shell/nav";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { verifySession } from "@/lib/dal";
import { clientMessages } from "@/lib/i18n/client-messages";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const viewer = await verifySession();
  const [t, tRoles, tAuth, tApp, tPrivacy, messages] = await Promise.all([
    getTranslations("nav"),
    getTranslations("roles"),
    getTranslations("auth"),
    getTranslations("app"),
    getTranslations("privacy"),
    getMessages(),
  ]);
  // The app's client components read these texts; the root layout sends only the public ones.
  return (
    <NextIntlClientProvider messages={clientMessages(messages)}>
      <div className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2"
        >
          {tApp("skipToContent")}
        </a>
        <header className="border-b bg-card">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
            <Link href="/" className="text-lg font-bold text-primary">
              {tApp("name")}
            </Link>
            <nav aria-label={t("mainNavigation")} className="flex flex-1 flex-wrap gap-1">
              {navFor(viewer.role).map((item) => (
                <Link
                  key={item.href}
                  href={item.href}
                  className="rounded-md px-2 py-1 text-sm hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
                >
                  {t(item.key)}
                </Link>
              ))}
            </nav>
            <div className="flex flex-wrap items-center gap-2">
              <div className="text-end text-sm leading-tight" data-testid="viewer">
                <div className="font-medium">{viewer.name}</div>
                <div
                  className="text-muted-foreground"
                  data-testid="viewer-role"
                  data-role={viewer.role}
                >
                  {tRoles(viewer.role)}
                </div>
              </div>
              <LanguageSwitcher />
              <SignOutButton label={tAuth("signOut")} />
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
          {children}
        </main>
        <footer className="border-t">
          <div className="mx-auto max-w-6xl px-4 py-3 text-sm">
            <Link href="/privacy" className="text-muted-foreground hover:underline">
              {tPrivacy("link")}
            </Link>
          </div>
        </footer>
      </div>
    </NextIntlClientProvider>
  );
}
