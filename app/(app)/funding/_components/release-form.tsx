"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { releaseDisbursementAction, type FundingFormState } from "../actions";
import { useFormMessages } from "./form-messages";

/** Marks a planned tranche disbursed, with the date it was paid and its reference. */
export function ReleaseForm({ trancheId, today }: { trancheId: number; today: string }) {
  const t = useTranslations("funding");
  const [state, action, pending] = useActionState<FundingFormState, FormData>(
    releaseDisbursementAction,
    { status: "idle" },
  );
  const { error, general, data } = useFormMessages(state);
  const message = error("disbursed_on") ?? error("reference") ?? general;
  const id = (field: string) => `release-${trancheId}-${field}`;
  return (
    <form
      action={action}
      className="flex flex-wrap items-end gap-2"
      data-testid="release-form"
      data-tranche-id={trancheId}
      {...data}
    >
      <input type="hidden" name="id" value={trancheId} />
      <label htmlFor={id("date")} className="grid gap-1 text-xs text-muted-foreground">
        {t("fields.disbursed_on")}
        <Input
          id={id("date")}
          name="disbursed_on"
          type="date"
          max={today}
          defaultValue={today}
          required
          className="w-40"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? id("error") : undefined}
        />
      </label>
      <label htmlFor={id("reference")} className="grid gap-1 text-xs text-muted-foreground">
        {t("fields.reference")}
        <Input id={id("reference")} name="reference" maxLength={120} dir="auto" className="w-40" />
      </label>
      <Button type="submit" size="sm" disabled={pending}>
        {t("forms.release")}
      </Button>
      {message && (
        <p id={id("error")} role="alert" className="text-sm text-destructive">
          {message}
        </p>
      )}
    </form>
  );
}
