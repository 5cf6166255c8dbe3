"use client";

import { useTranslations } from "next-intl";
import type { FairFormState } from "../actions";

/** The localized messages of a fairs form's state: one per field, and the form's own. */
export function useFairMessages(state: FairFormState) {
  const t = useTranslations("fairs");
  const error = (field: string): string | undefined => {
    const key = state.errors?.[field];
    return key ? t(`errors.${key}`) : undefined;
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
