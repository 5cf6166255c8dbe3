"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

/** Shown once, right after it was generated; never stored anywhere the admin could find it again. */
export function TemporaryPassword({ value }: { value: string }) {
  const t = useTranslations("adminUsers");
  const labelId = useId();
  return (
    <div className="grid gap-1">
      <span className="text-sm font-medium" id={labelId}>
        {t("temporaryPassword")}
      </span>
      <output
        aria-labelledby={labelId}
        dir="ltr"
        data-testid="temporary-password"
        className="rounded-md border bg-muted px-3 py-2 text-center font-mono text-lg tracking-wider select-all"
      >
        {value}
      </output>
    </div>
  );
}
