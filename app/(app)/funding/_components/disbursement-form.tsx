"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { recordDisbursementAction, type FundingFormState } from "../actions";
import { useFormMessages } from "./form-messages";

type Option = { value: string; label: string };

/** A tranche of one award: paid now (dated), or planned and perhaps released by a milestone. */
export function DisbursementForm({
  awardId,
  milestones,
  today,
}: {
  awardId: number;
  milestones: Option[];
  today: string;
}) {
  const t = useTranslations("funding");
  const [state, action, pending] = useActionState<FundingFormState, FormData>(
    recordDisbursementAction,
    { status: "idle" },
  );
  const { error, general, data } = useFormMessages(state);
  const values = state.values ?? {};
  const [mode, setMode] = useState(values.status || "disbursed");
  const id = (field: string) => `tranche-${awardId}-${field}`;
  return (
    <form
      action={action}
      onSubmit={submitKeepingValues(action)}
      noValidate
      className="grid gap-3 rounded-md border p-3 sm:grid-cols-2"
      data-testid="disbursement-form"
      data-award-id={awardId}
      {...data}
    >
      <h4 className="font-medium sm:col-span-2">{t("forms.newTranche")}</h4>
      <input type="hidden" name="award_id" value={awardId} />
      {general && (
        <p role="alert" className="text-sm text-destructive sm:col-span-2">
          {general}
        </p>
      )}
      <div key={state.savedId ?? 0} className="contents">
        <fieldset className="flex flex-wrap gap-4 sm:col-span-2">
          <legend className="mb-1 text-sm font-medium">{t("fields.tranche_status")}</legend>
          {(["disbursed", "planned"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="status"
                value={value}
                defaultChecked={mode === value}
                onChange={() => setMode(value)}
                className="size-4 accent-primary"
              />
              {t(`trancheStatus.${value}`)}
            </label>
          ))}
        </fieldset>
        <FormField
          label={t("fields.tranche_amount")}
          name="amount_mad"
          id={id("amount_mad")}
          error={error("amount_mad")}
        >
          <Input
            name="amount_mad"
            inputMode="decimal"
            dir="ltr"
            required
            defaultValue={values.amount_mad ?? ""}
            {...fieldA11y(id("amount_mad"), error("amount_mad"))}
          />
        </FormField>
        <FormField
          label={t("fields.disbursed_on")}
          name="disbursed_on"
          id={id("disbursed_on")}
          error={error("disbursed_on")}
          description={mode === "planned" ? t("hints.planned") : undefined}
        >
          <Input
            name="disbursed_on"
            type="date"
            max={today}
            disabled={mode === "planned"}
            defaultValue={values.disbursed_on ?? today}
            {...fieldA11y(id("disbursed_on"), error("disbursed_on"), mode === "planned")}
          />
        </FormField>
        <FormField
          label={t("fields.reference")}
          name="reference"
          id={id("reference")}
          error={error("reference")}
        >
          <Input
            name="reference"
            maxLength={120}
            dir="auto"
            defaultValue={values.reference ?? ""}
            {...fieldA11y(id("reference"), error("reference"))}
          />
        </FormField>
        <FormField
          label={t("fields.release_milestone_id")}
          name="release_milestone_id"
          id={id("release_milestone_id")}
          error={error("release_milestone_id")}
          description={t("hints.release_milestone_id")}
        >
          <Select
            name="release_milestone_id"
            defaultValue={values.release_milestone_id ?? ""}
            {...fieldA11y(id("release_milestone_id"), error("release_milestone_id"), true)}
          >
            <option value="">{t("forms.none")}</option>
            {milestones.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("forms.saving") : t("forms.saveTranche")}
        </Button>
        {state.status === "done" && (
          <p role="status" className="text-sm text-success">
            {t("forms.saved")}
          </p>
        )}
      </div>
    </form>
  );
}
