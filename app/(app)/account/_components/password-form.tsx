"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { changePasswordAction, type ChangePasswordState } from "../actions";
import type { ChangePasswordField } from "../schema";

const initial: ChangePasswordState = { status: "idle" };

/** Password managers pair the new password with the account through the hidden username. */
export function PasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const t = useTranslations("account.password");
  const tValidation = useTranslations("validation");
  const [state, action, pending] = useActionState(changePasswordAction, initial);
  const errors = (field: ChangePasswordField) =>
    state.fieldErrors?.[field]?.map((key) => tValidation(key, { min: minLength }));

  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {state.status === "changed" && (
        <p role="status" className="rounded-md border border-success/40 bg-success/10 p-3 text-sm">
          {t("changed")}
        </p>
      )}
      <FormField label={t("current")} name="current_password" error={errors("current_password")}>
        <Input
          name="current_password"
          type="password"
          autoComplete="current-password"
          dir="ltr"
          required
          {...fieldA11y("current_password", errors("current_password"))}
        />
      </FormField>
      <FormField
        label={t("new")}
        name="new_password"
        error={errors("new_password")}
        description={t("rule", { min: minLength })}
      >
        <Input
          name="new_password"
          type="password"
          autoComplete="new-password"
          dir="ltr"
          required
          minLength={minLength}
          {...fieldA11y("new_password", errors("new_password"), true)}
        />
      </FormField>
      <FormField label={t("confirm")} name="confirm_password" error={errors("confirm_password")}>
        <Input
          name="confirm_password"
          type="password"
          autoComplete="new-password"
          dir="ltr"
          required
          {...fieldA11y("confirm_password", errors("confirm_password"))}
        />
      </FormField>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
