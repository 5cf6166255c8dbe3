"use client";

import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { formatNumber } from "@/lib/format";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/config";
import { parseSignInError } from "@/lib/sign-in-error";

type Labels = {
  email: string;
  password: string;
  submit: string;
  submitting: string;
  failed: string;
  unavailable: string;
};

export function LoginForm({
  callbackUrl,
  initialError,
  labels,
}: {
  callbackUrl: string;
  initialError?: string;
  labels: Labels;
}) {
  const t = useTranslations("auth");
  const requested = useLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, startTransition] = useTransition();

  function submit(formData: FormData) {
    startTransition(async () => {
      setError(undefined);
      try {
        const result = await signIn("credentials", {
          email: String(formData.get("email") ?? ""),
          password: String(formData.get("password") ?? ""),
          redirect: false,
        });
        if (result?.ok && !result.error) {
          window.location.assign(callbackUrl);
          return;
        }
        if (result?.status && result.status >= 500) {
          setError(labels.unavailable);
          return;
        }
        const failure = parseSignInError(result?.error);
        if (failure.kind === "throttled") {
          const { minutes } = failure;
          setError(t("throttled", { minutes, n: formatNumber(locale, minutes) }));
        } else {
          setError(failure.kind === "unavailable" ? labels.unavailable : labels.failed);
        }
      } catch {
        setError(labels.unavailable);
      }
    });
  }

  return (
    <form action={submit} className="grid gap-4" noValidate={false}>
      <FormField label={labels.email} name="email" id="email">
        <Input
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          dir="ltr"
          {...fieldA11y("email", error)}
        />
      </FormField>
      <FormField label={labels.password} name="password" id="password" error={error}>
        <Input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          dir="ltr"
          {...fieldA11y("password", error)}
        />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  );
}
