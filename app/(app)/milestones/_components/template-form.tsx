"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { STAGES } from "@/db/enums";
import { saveTemplateAction, type TemplateFormState } from "../actions";

type Option = { value: string; label: string };
type Values = Record<
  | "key"
  | "stage"
  | "program_id"
  | "sort_order"
  | "due_offset_days"
  | "label_ar"
  | "label_fr"
  | "label_en",
  string
> & { active: boolean };

/**
 * A new template (key, stage, programme chosen once) or an existing one's labels, due offset,
 * order and active flag. Plain controls named by the template's columns.
 */
export function TemplateForm({
  id,
  initial,
  programs,
}: {
  id?: number;
  initial: Values;
  programs: Option[];
}) {
  const t = useTranslations("milestones.templates");
  const tErrors = useTranslations("milestones.errors");
  const tStage = useTranslations("stage");
  const [state, action, pending] = useActionState<TemplateFormState, FormData>(saveTemplateAction, {
    status: "idle",
  });
  const editing = id !== undefined;
  const values: Values = state.values
    ? { ...initial, ...state.values, active: state.values.active === "on" }
    : initial;
  const suffix = id ?? "new";
  const error = (field: string) =>
    state.errors?.[field] ? tErrors(state.errors[field] as "required") : undefined;
  const field = (name: keyof Values & string, control: React.ReactNode, hint?: string) => (
    <FormField
      label={t(`fields.${name}`)}
      name={name}
      id={`template-${suffix}-${name}`}
      error={error(name)}
      description={hint}
    >
      {control}
    </FormField>
  );
  const a11y = (name: string, hint = false) =>
    fieldA11y(`template-${suffix}-${name}`, error(name), hint);
  const text = (name: "label_ar" | "label_fr" | "label_en", lang: string) =>
    field(
      name,
      <Input
        name={name}
        required
        maxLength={300}
        lang={lang}
        dir={lang === "ar" ? "rtl" : "ltr"}
        defaultValue={values[name]}
        {...a11y(name)}
      />,
    );
  const number = (name: "sort_order" | "due_offset_days", max: number, hint?: string) =>
    field(
      name,
      <Input
        name={name}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={1}
        required
        defaultValue={values[name]}
        {...a11y(name, Boolean(hint))}
      />,
      hint,
    );
  return (
    <form
      key={state.status === "saved" && !editing ? state.savedId : 0}
      action={action}
      onSubmit={submitKeepingValues(action)}
      noValidate
      className="grid gap-3 sm:grid-cols-2"
      data-testid="template-form"
      data-state={state.status}
    >
      {editing && <input type="hidden" name="id" value={id} />}
      {field(
        "key",
        <Input
          name="key"
          required
          dir="ltr"
          maxLength={60}
          readOnly={editing}
          defaultValue={values.key}
          {...a11y("key", !editing)}
        />,
        editing ? undefined : t("hints.key"),
      )}
      {editing ? (
        <>
          <input type="hidden" name="stage" value={values.stage} />
          <input type="hidden" name="program_id" value={values.program_id} />
        </>
      ) : (
        <>
          {field(
            "stage",
            <Select name="stage" defaultValue={values.stage} required {...a11y("stage")}>
              {STAGES.map((stage) => (
                <option key={stage} value={stage}>
                  {tStage(stage)}
                </option>
              ))}
            </Select>,
          )}
          {field(
            "program_id",
            <Select
              name="program_id"
              defaultValue={values.program_id}
              {...a11y("program_id", true)}
            >
              <option value="">{t("allPrograms")}</option>
              {programs.map((program) => (
                <option key={program.value} value={program.value}>
                  {program.label}
                </option>
              ))}
            </Select>,
            t("hints.program"),
          )}
        </>
      )}
      {text("label_ar", "ar")}
      {text("label_fr", "fr")}
      {text("label_en", "en")}
      {number("due_offset_days", 3650, t("hints.due_offset_days"))}
      {number("sort_order", 10000)}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="active"
          defaultChecked={values.active}
          className="size-4 accent-primary"
        />
        {t("fields.active")}
      </label>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {t("save")}
        </Button>
        {state.status === "saved" && (
          <p role="status" className="text-sm text-success">
            {t("saved")}
          </p>
        )}
        {(state.status === "invalid" ||
          state.status === "forbidden" ||
          state.status === "not_found") && (
          <p role="alert" className="text-sm text-destructive">
            {t(`status.${state.status}`)}
          </p>
        )}
      </div>
    </form>
  );
}
