"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { Role } from "@/db/schema";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { createUserAction, type CreateUserState } from "../actions";
import type { CreateUserField } from "../schema";
import { TemporaryPassword } from "./temporary-password";

const initial: CreateUserState = { status: "idle", attempt: 0 };

/** `roles` comes from the server page, so the database schema stays out of the browser bundle. */
export function CreateUserForm({
  roles,
  defaultLocale,
}: {
  roles: readonly Role[];
  defaultLocale: Locale;
}) {
  const t = useTranslations("adminUsers");
  const tRoles = useTranslations("roles");
  const tLanguage = useTranslations("language");
  const tValidation = useTranslations("validation");
  const [state, action, pending] = useActionState(createUserAction, initial);
  const errors = (field: CreateUserField) =>
    state.fieldErrors?.[field]?.map((key) => tValidation(key));
  const values = state.values ?? {};

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("create.title")}</h2>
        </CardTitle>
        <CardDescription>{t("create.description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {state.created && (
          <div
            role="status"
            className="grid gap-3 rounded-md border border-success/40 bg-success/10 p-4"
            data-testid="user-created"
          >
            <p className="font-medium">{t("created.title", { email: state.created.email })}</p>
            <p className="text-sm">{t("created.body")}</p>
            <TemporaryPassword value={state.created.temporaryPassword} />
          </div>
        )}
        {/* Keyed by attempt: the fields come back with what was sent when the server refuses it. */}
        <form
          key={state.attempt}
          action={action}
          onSubmit={submitKeepingValues(action)}
          className="grid gap-4 sm:grid-cols-2"
          noValidate
        >
          <FormField label={t("fields.name")} name="name" error={errors("name")}>
            <Input
              name="name"
              autoComplete="off"
              required
              maxLength={200}
              defaultValue={values.name}
              {...fieldA11y("name", errors("name"))}
            />
          </FormField>
          <FormField label={t("fields.email")} name="email" error={errors("email")}>
            <Input
              name="email"
              type="email"
              inputMode="email"
              autoComplete="off"
              dir="ltr"
              required
              maxLength={320}
              defaultValue={values.email}
              {...fieldA11y("email", errors("email"))}
            />
          </FormField>
          <FormField label={t("fields.role")} name="role" error={errors("role")}>
            <Select
              name="role"
              defaultValue={values.role ?? "staff"}
              required
              {...fieldA11y("role", errors("role"))}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {tRoles(role)}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField label={t("fields.locale")} name="locale" error={errors("locale")}>
            <Select
              name="locale"
              defaultValue={values.locale ?? defaultLocale}
              required
              {...fieldA11y("locale", errors("locale"))}
            >
              {LOCALES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {tLanguage(code)}
                </option>
              ))}
            </Select>
          </FormField>
          <div className="sm:col-span-2">
            <Button type="submit" disabled={pending}>
              {pending ? t("create.submitting") : t("create.submit")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
