import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { verifySession } from "@/lib/dal";
import { LOCALES } from "@/lib/i18n/config";
import { changeLocale } from "@/lib/i18n/actions";
import { currentLocale } from "@/lib/i18n/server";
import { PasswordForm } from "./_components/password-form";
import { PASSWORD_MIN_LENGTH } from "./schema";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account");
  return { title: t("title") };
}

export default async function AccountPage() {
  const viewer = await verifySession();
  const [t, tRoles, tLanguage, locale] = await Promise.all([
    getTranslations("account"),
    getTranslations("roles"),
    getTranslations("language"),
    currentLocale(),
  ]);
  return (
    <div className="grid max-w-2xl min-w-0 gap-6" data-testid="account">
      <div className="grid gap-1">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-muted-foreground">
          {viewer.name} · <span dir="ltr">{viewer.email}</span> · {tRoles(viewer.role)}
        </p>
      </div>
      {viewer.mustChangePassword && (
        <div
          role="alert"
          data-testid="must-change-password"
          className="rounded-md border border-warning bg-warning/15 p-4"
        >
          <p className="font-medium">{t("mustChange.title")}</p>
          <p className="text-sm">{t("mustChange.body")}</p>
        </div>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("password.title")}</h2>
          </CardTitle>
          <CardDescription>{t("password.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <PasswordForm email={viewer.email} minLength={PASSWORD_MIN_LENGTH} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("language.title")}</h2>
          </CardTitle>
          <CardDescription>{t("language.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <form action={changeLocale} className="flex flex-wrap items-end gap-3">
            <div className="grid gap-2">
              <Label htmlFor="locale">{t("language.label")}</Label>
              <Select id="locale" name="locale" defaultValue={locale} wrapperClassName="w-56">
                {LOCALES.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {tLanguage(code)}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" variant="secondary">
              {t("language.submit")}
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
