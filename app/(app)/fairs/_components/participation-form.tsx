"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { addParticipationAction, type FairFormState } from "../actions";
import { useFairMessages } from "./form-messages";

type Option = { value: string; label: string };

/** Records a cooperative at the event (admin and staff); completes its exhibition milestone. */
export function ParticipationForm({
  eventId,
  cooperatives,
}: {
  eventId: number;
  cooperatives: Option[];
}) {
  const t = useTranslations("fairs");
  const [state, action, pending] = useActionState<FairFormState, FormData>(addParticipationAction, {
    status: "idle",
  });
  const { error, general, data } = useFairMessages(state);
  const values = state.values ?? {};
  const id = (field: string) => `participation-${eventId}-${field}`;
  return (
    <form
      action={action}
      onSubmit={submitKeepingValues(action)}
      noValidate
      className="grid gap-3 rounded-md border p-3 sm:grid-cols-2"
      data-testid="participation-form"
      {...data}
    >
      <h3 className="font-medium sm:col-span-2">{t("forms.addParticipation")}</h3>
      <input type="hidden" name="event_id" value={eventId} />
      {general && (
        <p role="alert" className="text-sm text-destructive sm:col-span-2">
          {general}
        </p>
      )}
      <div key={state.savedId ?? 0} className="contents">
        <FormField
          label={t("fields.cooperative_id")}
          name="cooperative_id"
          id={id("cooperative_id")}
          error={error("cooperative_id")}
          description={t("hints.cooperative_id")}
          className="sm:col-span-2"
        >
          <Select
            name="cooperative_id"
            required
            defaultValue={values.cooperative_id ?? ""}
            {...fieldA11y(id("cooperative_id"), error("cooperative_id"), true)}
          >
            <option value="">{t("forms.chooseOne")}</option>
            {cooperatives.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField
          label={t("fields.sales_mad")}
          name="sales_mad"
          id={id("sales_mad")}
          error={error("sales_mad")}
          description={t("hints.sales_mad")}
        >
          <Input
            name="sales_mad"
            inputMode="decimal"
            dir="ltr"
            defaultValue={values.sales_mad ?? ""}
            {...fieldA11y(id("sales_mad"), error("sales_mad"), true)}
          />
        </FormField>
        <FormField label={t("fields.notes")} name="notes" id={id("notes")} error={error("notes")}>
          <Textarea
            name="notes"
            rows={2}
            maxLength={2000}
            defaultValue={values.notes ?? ""}
            {...fieldA11y(id("notes"), error("notes"))}
          />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("forms.saving") : t("forms.saveParticipation")}
        </Button>
        {state.status === "done" && (
          <p
            role="status"
            className="text-sm text-success"
            data-testid="participation-saved"
            data-milestone-completed={state.milestoneCompleted ? "true" : "false"}
          >
            {state.milestoneCompleted ? t("forms.addedMilestone") : t("forms.added")}
          </p>
        )}
      </div>
    </form>
  );
}
