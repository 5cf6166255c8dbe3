import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { DirectionProvider } from "@/components/ui/direction-provider";
import { clientMessages, PUBLIC_NAMESPACES } from "@/lib/i18n/client-messages";
import { direction, isLocale, DEFAULT_LOCALE } from "@/lib/i18n/config";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return {
    title: { default: t("name"), template: `%s · ${t("name")}` },
    description: t("tagline"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f6b55" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const dir = direction(locale);
  const messages = clientMessages(await getMessages(), PUBLIC_NAMESPACES);
  return (
    <html lang={locale} dir={dir}>
      <body className="min-h-dvh">
        <NextIntlClientProvider messages={messages}>
          <DirectionProvider dir={dir}>{children}</DirectionProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
