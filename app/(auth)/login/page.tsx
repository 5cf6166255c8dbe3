import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getViewer } from "@/lib/dal";
import { formatNumber } from "@/lib/format";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import { parseSignInError } from "@/lib/sign-in-error";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

function safeCallback(value: string | string[] | undefined): string {
  const url = typeof value === "string" ? value : "/";
  return url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  const [t, tApp, tPrivacy] = await Promise.all([
    getTranslations("auth"),
    getTranslations("app"),
    getTranslations("privacy"),
  ]);
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const failure = params.error ? parseSignInError(String(params.error)) : null;
  const initialError =
    failure?.kind === "throttled"
      ? t("throttled", { minutes: failure.minutes, n: formatNumber(locale, failure.minutes) })
      : failure
        ? t(failure.kind)
        : undefined;
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-6 bg-muted/40 px-4 py-10">
      <LanguageSwitcher />
      <Card className="w-full max-w-sm">
        <CardHeader>
          <p className="text-2xl font-bold text-primary">{tApp("name")}</p>
          <CardTitle>
            <h1>{t("title")}</h1>
          </CardTitle>
          <CardDescription>{t("subtitle")}</CardDescription>
        </CardHeader>
        <CardContent>
          <LoginForm
            callbackUrl={callbackUrl}
            initialError={initialError}
            labels={{
              email: t("email"),
              password: t("password"),
              submit: t("submit"),
              submitting: t("submitting"),
              failed: t("failed"),
              unavailable: t("unavailable"),
            }}
          />
        </CardContent>
      </Card>
      <p className="text-sm text-muted-foreground">{tApp("tagline")}</p>
      <Link href="/privacy" className="text-sm text-primary hover:underline">
        {tPrivacy("link")}
      </Link>
    </main>
  );
}
