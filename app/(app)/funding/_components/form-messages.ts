"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatDate, formatMoney } from "@/lib/format";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import type { FundingFormState } from "../actions";

/** The localized messages of a funding form's state: one per field, and the form's own. */
export function useFormMessages(state: FundingFormState) {
  const t = useTranslations("funding");
  const raw = useLocale();
  const locale = isLocale(raw) ? raw : DEFAULT_LOCALE;
  const values = {
    remaining: formatMoney(locale, Number(state.remainingMad ?? 0), 2),
    date: state.awardedOn ? formatDate(locale, state.awardedOn) : "",
  };
  const error = (field: string): string | undefined => {
    const key = state.errors?.[field];
    return key ? t(`errors.${key}`, values) : undefined;
  };
  const general =
    state.status === "forbidden"
      ? t("forms.forbidden")
      : state.status === "not_found"
        ? t("forms.notFound")
        : (error("form") ?? (state.status === "invalid" ? t("forms.invalid") : undefined));
  return {
    error,
    general,
    /** Data attributes that let tests and tools read the outcome without reading the language. */
    data: {
      "data-state": state.status,
      "data-error": Object.values(state.errors ?? {}).join(" ") || undefined,
    },
  };
}
