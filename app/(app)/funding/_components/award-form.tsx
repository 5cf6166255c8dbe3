"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { FUNDING_KINDS, FUNDING_SOURCES } from "@/db/enums";
import { createAwardAction, type FundingFormState } from "../actions";
import { useFormMessages } from "./form-messages";

type Option = { value: string; label: string };

/** A new award for one cooperative (admin and staff). */
export function AwardForm({
  cooperativeId,
  programs,
  today,
}: {
  cooperativeId: number;
  programs: Option[];
  today: string;
}) {
  const t = useTranslations("funding");
  const tSource = useTranslations("fundingSource");
  const tKind = useTranslations("fundingKind");
  const tStatus = useTranslations("awardStatus");
  const [state, action, pending] = useActionState<FundingFormState, FormData>(createAwardAction, {
    status: "idle",
  });
  const { error, general, data } = useFormMessages(state);
  const values = state.values ?? {};
  const id = (field: string) => `award-${cooperativeId}-${field}`;
  const choice = (field: string, options: Option[], placeholder: string, fallback = "") => (
    <FormField label={t(`fields.${field}`)} name={field} id={id(field)} error={error(field)}>
      <Select
        name={field}
        defaultValue={values[field] ?? fallback}
        {...fieldA11y(id(field), error(field))}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </FormField>
  );
  return (
    <form
      action={action}
      onSubmit={submitKeepingValues(action)}
      noValidate
      className="grid gap-3 rounded-md border p-3 sm:grid-cols-2"
      data-testid="award-form"
      {...data}
    >
      <h3 className="font-medium sm:col-span-2">{t("forms.newAward")}</h3>
      <input type="hidden" name="cooperative_id" value={cooperativeId} />
      {general && (
        <p role="alert" className="text-sm text-destructive sm:col-span-2">
          {general}
        </p>
      )}
      <div key={state.savedId ?? 0} className="contents">
        {choice("program", programs, t("forms.none"))}
        {choice(
          "source",
          FUNDING_SOURCES.map((s) => ({ value: s, label: tSource(s) })),
          t("forms.chooseOne"),
        )}
        {choice(
          "kind",
          FUNDING_KINDS.map((k) => ({ value: k, label: tKind(k) })),
          t("forms.chooseOne"),
        )}
        {choice(
          "status",
          (["requested", "approved"] as const).map((s) => ({ value: s, label: tStatus(s) })),
          t("forms.chooseOne"),
          "requested",
        )}
        {(["amount_mad", "co_financing_mad"] as const).map((field) => (
          <FormField
            key={field}
            label={t(`fields.${field}`)}
            name={field}
            id={id(field)}
            error={error(field)}
            description={t(`hints.${field}`)}
          >
            <Input
              name={field}
              inputMode="decimal"
              dir="ltr"
              required={field === "amount_mad"}
              defaultValue={values[field] ?? ""}
              {...fieldA11y(id(field), error(field), true)}
            />
          </FormField>
        ))}
        <FormField
          label={t("fields.awarded_on")}
          name="awarded_on"
          id={id("awarded_on")}
          error={error("awarded_on")}
        >
          <Input
            name="awarded_on"
            type="date"
            max={today}
            required
            defaultValue={values.awarded_on ?? today}
            {...fieldA11y(id("awarded_on"), error("awarded_on"))}
          />
        </FormField>
        <FormField
          label={t("fields.notes")}
          name="notes"
          id={id("notes")}
          error={error("notes")}
          className="sm:col-span-2"
        >
          <Textarea
            name="notes"
            rows={2}
            maxLength={2000}
            defaultValue={values.notes ?? ""}
            {...fieldA11y(id("notes"), error("notes"))}
          />
        </FormField>
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("forms.saving") : t("forms.saveAward")}
        </Button>
        {state.status === "done" && (
          <p
            role="status"
            className="text-sm text-success"
            data-testid="award-saved"
            data-award-id={state.savedId}
          >
            {t("forms.saved")}
          </p>
        )}
      </div>
    </form>
  );
}
