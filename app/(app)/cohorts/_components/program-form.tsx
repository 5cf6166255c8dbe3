"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { saveProgramAction, type FormState } from "../actions";

type Values = Record<"key" | "name_ar" | "name_fr" | "name_en" | "description", string> & {
  active: boolean;
};

export function ProgramForm({ id, initial }: { id?: number; initial: Values }) {
  const t = useTranslations("cohorts");
  const [state, action, pending] = useActionState<FormState, FormData>(saveProgramAction, {
    status: "idle",
  });
  const values: Values = state.values
    ? {
        key: state.values.key ?? "",
        name_ar: state.values.name_ar ?? "",
        name_fr: state.values.name_fr ?? "",
        name_en: state.values.name_en ?? "",
        description: state.values.description ?? "",
        active: state.values.active === "on",
      }
    : initial;
  const error = (field: string) =>
    state.errors?.[field] ? t(`errors.${state.errors[field]}` as "errors.required") : undefined;
  const input = (
    field: "key" | "name_ar" | "name_fr" | "name_en",
    props: React.ComponentProps<typeof Input>,
  ) => (
    <FormField
      label={t(`programFields.${field}`)}
      name={field}
      id={`${field}-${id ?? "new"}`}
      error={error(field)}
    >
      <Input
        name={field}
        defaultValue={values[field]}
        {...fieldA11y(`${field}-${id ?? "new"}`, error(field))}
        {...props}
      />
    </FormField>
  );
  return (
    <form
      action={action}
      onSubmit={submitKeepingValues(action)}
      className="grid gap-3 sm:grid-cols-2"
      data-testid="program-form"
    >
      {id !== undefined && <input type="hidden" name="id" value={id} />}
      {input("key", {
        required: true,
        dir: "ltr",
        pattern: "[a-z][a-z0-9_]{1,40}",
        readOnly: id !== undefined,
      })}
      {input("name_ar", { required: true, dir: "rtl", lang: "ar" })}
      {input("name_fr", { required: true, dir: "ltr", lang: "fr" })}
      {input("name_en", { required: true, dir: "ltr", lang: "en" })}
      <FormField
        label={t("programFields.description")}
        name="description"
        id={`description-${id ?? "new"}`}
        error={error("description")}
        className="sm:col-span-2"
      >
        <Textarea
          name="description"
          rows={2}
          defaultValue={values.description}
          id={`description-${id ?? "new"}`}
        />
      </FormField>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="active"
          defaultChecked={values.active}
          className="size-4 accent-primary"
        />
        {t("programFields.active")}
      </label>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
        {state.status === "saved" && (
          <p role="status" className="text-sm text-success">
            {t("saved")}
          </p>
        )}
        {state.status === "forbidden" && (
          <p role="alert" className="text-sm text-destructive">
            {t("errors.forbidden")}
          </p>
        )}
        {state.status === "invalid" && (
          <p role="alert" className="text-sm text-destructive">
            {t("errors.invalid")}
          </p>
        )}
      </div>
    </form>
  );
}
