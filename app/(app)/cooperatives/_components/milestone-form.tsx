"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import type { MilestoneFormState } from "../milestones-actions";

export type MilestoneField = {
  name: string;
  label: string;
  type: "select" | "textarea" | "text" | "url" | "date";
  options?: { value: string; label: string }[];
  defaultValue?: string;
  required?: boolean;
  max?: string;
  hint?: string;
};

type Action = (state: MilestoneFormState, data: FormData) => Promise<MilestoneFormState>;

/**
 * One milestone form (report, verify, send back, edit, waive, delete, add): native controls named
 * by DOMAIN.md's keys, so it works before JavaScript loads; errors tied to their field.
 */
export function MilestoneForm({
  action,
  hidden,
  fields = [],
  submitLabel,
  prefix,
  destructive = false,
  note,
  testId,
}: {
  action: Action;
  hidden: Record<string, string | number>;
  fields?: MilestoneField[];
  submitLabel: string;
  /** Makes the ids of this form's controls unique on the page. */
  prefix: string;
  destructive?: boolean;
  /** A sentence shown above the button (what a destructive action will do). */
  note?: string;
  testId: string;
}) {
  const t = useTranslations("milestones");
  const [state, formAction, pending] = useActionState<MilestoneFormState, FormData>(action, {
    status: "idle",
  });
  const values = state.values ?? {};
  const error = (name: string) =>
    state.errors?.[name] ? t(`errors.${state.errors[name]}` as "errors.required") : undefined;
  const general =
    state.status === "forbidden"
      ? t("form.forbidden")
      : state.status === "not_found"
        ? t("form.notFound")
        : state.status === "conflict"
          ? t("form.conflict")
          : (error("form") ?? (state.status === "invalid" ? t("form.invalid") : undefined));
  const generalId = `${prefix}-status`;
  return (
    <form
      key={state.status === "done" ? state.savedId : 0}
      action={formAction}
      onSubmit={submitKeepingValues(formAction)}
      noValidate
      className="grid gap-3"
      data-testid={testId}
      data-state={state.status}
      data-error={Object.values(state.errors ?? {}).join(" ") || undefined}
      aria-describedby={general ? generalId : undefined}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => {
        const id = `${prefix}-${field.name}`;
        const a11y = fieldA11y(id, error(field.name), Boolean(field.hint));
        const defaultValue = values[field.name] ?? field.defaultValue ?? "";
        return (
          <FormField
            key={field.name}
            label={field.label}
            name={field.name}
            id={id}
            error={error(field.name)}
            description={field.hint}
          >
            {field.type === "select" ? (
              <Select
                name={field.name}
                defaultValue={defaultValue}
                required={field.required}
                {...a11y}
              >
                {field.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            ) : field.type === "textarea" ? (
              <Textarea
                name={field.name}
                rows={2}
                maxLength={2000}
                dir="auto"
                required={field.required}
                defaultValue={defaultValue}
                {...a11y}
              />
            ) : (
              <Input
                name={field.name}
                type={field.type}
                dir={field.type === "text" ? "auto" : "ltr"}
                maxLength={field.type === "date" ? undefined : 500}
                max={field.max}
                required={field.required}
                defaultValue={defaultValue}
                {...a11y}
              />
            )}
          </FormField>
        );
      })}
      {note && <p className="text-sm text-muted-foreground">{note}</p>}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          size="sm"
          variant={destructive ? "destructive" : "default"}
          disabled={pending}
        >
          {submitLabel}
        </Button>
        {general && (
          <p id={generalId} role="alert" className="text-sm text-destructive">
            {general}
          </p>
        )}
        {state.status === "done" && (
          <p role="status" className="text-sm text-success">
            {t("form.saved")}
          </p>
        )}
      </div>
    </form>
  );
}
