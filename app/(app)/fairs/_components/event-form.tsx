"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { EVENT_KINDS } from "@/db/enums";
import { saveEventAction, type FairFormState } from "../actions";
import { useFairMessages } from "./form-messages";

type Option = { value: string; label: string };

export type EventValues = {
  id: number;
  name: string;
  kind: string;
  province: string | null;
  location: string | null;
  startsOn: string;
  endsOn: string;
};

/** A new event, or the edit of one (admin and staff). */
export function EventForm({ event, provinces }: { event?: EventValues; provinces: Option[] }) {
  const t = useTranslations("fairs");
  const [state, action, pending] = useActionState<FairFormState, FormData>(saveEventAction, {
    status: "idle",
  });
  const { error, general, data } = useFairMessages(state);
  const initial: Record<string, string> = {
    name: event?.name ?? "",
    kind: event?.kind ?? "",
    province: event?.province ?? "",
    location: event?.location ?? "",
    starts_on: event?.startsOn ?? "",
    ends_on: event?.endsOn ?? "",
  };
  const value = (field: string) => state.values?.[field] ?? initial[field] ?? "";
  const id = (field: string) => `event-${event?.id ?? "new"}-${field}`;
  const text = (field: "name" | "location", required: boolean) => (
    <FormField label={t(`fields.${field}`)} name={field} id={id(field)} error={error(field)}>
      <Input
        name={field}
        required={required}
        maxLength={200}
        dir="auto"
        defaultValue={value(field)}
        {...fieldA11y(id(field), error(field))}
      />
    </FormField>
  );
  const day = (field: "starts_on" | "ends_on") => (
    <FormField label={t(`fields.${field}`)} name={field} id={id(field)} error={error(field)}>
      <Input
        name={field}
        type="date"
        required
        defaultValue={value(field)}
        {...fieldA11y(id(field), error(field))}
      />
    </FormField>
  );
  return (
    <form
      action={action}
      onSubmit={submitKeepingValues(action)}
      noValidate
      className="grid gap-3 sm:grid-cols-2"
      data-testid="event-form"
      {...data}
    >
      {event && <input type="hidden" name="id" value={event.id} />}
      {general && (
        <p role="alert" className="text-sm text-destructive sm:col-span-2">
          {general}
        </p>
      )}
      {text("name", true)}
      <FormField label={t("fields.kind")} name="kind" id={id("kind")} error={error("kind")}>
        <Select
          name="kind"
          required
          defaultValue={value("kind")}
          {...fieldA11y(id("kind"), error("kind"))}
        >
          <option value="">{t("forms.chooseOne")}</option>
          {EVENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField
        label={t("fields.province")}
        name="province"
        id={id("province")}
        error={error("province")}
      >
        <Select
          name="province"
          defaultValue={value("province")}
          {...fieldA11y(id("province"), error("province"))}
        >
          <option value="">{t("forms.none")}</option>
          {provinces.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </FormField>
      {text("location", false)}
      {day("starts_on")}
      {day("ends_on")}
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("forms.saving") : event ? t("forms.updateEvent") : t("forms.saveEvent")}
        </Button>
        {state.status === "done" && (
          <p role="status" className="text-sm text-success" data-testid="event-saved">
            {t("forms.saved")}
          </p>
        )}
      </div>
    </form>
  );
}
