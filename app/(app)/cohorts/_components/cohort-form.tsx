"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { Button, buttonVariants } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { COHORT_STATUSES } from "@/db/enums";
import { saveCohortAction, type FormState } from "../actions";

type Values = Record<"name" | "program_id" | "start_on" | "end_on" | "capacity" | "status", string>;

export function CohortForm({
  id,
  initial,
  programs,
  cancelHref,
}: {
  id?: number;
  initial: Values;
  programs: { value: string; label: string }[];
  cancelHref: string;
}) {
  const t = useTranslations("cohorts");
  const [state, action, pending] = useActionState<FormState, FormData>(saveCohortAction, {
    status: "idle",
  });
  const values = { ...initial, ...state.values };
  const error = (field: keyof Values) =>
    state.errors?.[field] ? t(`errors.${state.errors[field]}` as "errors.required") : undefined;
  const input = (field: keyof Values, props: React.ComponentProps<typeof Input>) => (
    <FormField label={t(`fields.${field}`)} name={field} error={error(field)}>
      <Input
        name={field}
        defaultValue={values[field]}
        {...fieldA11y(field, error(field))}
        {...props}
      />
    </FormField>
  );
  return (
    <form
      action={action}
      onSubmit={submitKeepingValues(action)}
      className="grid max-w-xl gap-4"
      data-testid="cohort-form"
    >
      {id !== undefined && <input type="hidden" name="id" value={id} />}
      {state.status === "forbidden" && (
        <p role="alert" className="text-destructive">
          {t("errors.forbidden")}
        </p>
      )}
      {state.status === "not_found" && (
        <p role="alert" className="text-destructive">
          {t("errors.notFound")}
        </p>
      )}
      {input("name", { required: true, maxLength: 120 })}
      <FormField label={t("fields.program_id")} name="program_id" error={error("program_id")}>
        <Select
          name="program_id"
          defaultValue={values.program_id}
          required
          {...fieldA11y("program_id", error("program_id"))}
        >
          <option value="">{t("choose")}</option>
          {programs.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        {input("start_on", { type: "date", required: true })}
        {input("end_on", { type: "date", required: true })}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {input("capacity", {
          type: "number",
          min: 1,
          max: 1000,
          required: true,
          inputMode: "numeric",
        })}
        <FormField label={t("fields.status")} name="status" error={error("status")}>
          <Select
            name="status"
            defaultValue={values.status}
            {...fieldA11y("status", error("status"))}
          >
            {COHORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </Select>
        </FormField>
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
        <Link href={cancelHref} className={buttonVariants({ variant: "ghost" })}>
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
