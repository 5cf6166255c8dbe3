"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { SNAPSHOT_KINDS } from "@/db/enums";
import type { JobsField } from "@/lib/validation/jobs";
import { submitJobsSnapshot, type JobsFormState } from "../jobs-actions";

const COUNTS = [
  "jobs_total",
  "jobs_women",
  "jobs_youth",
  "jobs_seasonal",
  "members_total",
] as const;
const HINTS = new Set<JobsField>(["jobs_total", "jobs_youth", "jobs_seasonal", "source"]);

export function JobsForm({
  cooperativeId,
  hasBaseline,
  today,
  titled = true,
}: {
  cooperativeId: number;
  hasBaseline: boolean;
  today: string;
  /** False under a control that already names the form. */
  titled?: boolean;
}) {
  const t = useTranslations("jobs");
  const [state, action, pending] = useActionState<JobsFormState, FormData>(submitJobsSnapshot, {
    status: "idle",
  });
  const values = state.values ?? {};
  const error = (field: JobsField) =>
    state.errors?.[field] ? t(`errors.${state.errors[field]}`) : undefined;
  const a11y = (field: JobsField) =>
    fieldA11y(`jobs-${field}`, error(field), HINTS.has(field) || field === "kind");
  const field = (name: JobsField, control: React.ReactNode, className?: string) => (
    <FormField
      key={name}
      label={t(`fields.${name}`)}
      name={name}
      id={`jobs-${name}`}
      error={error(name)}
      description={
        name === "kind" ? t("hints.kind") : HINTS.has(name) ? t(`hints.${name}`) : undefined
      }
      className={className}
    >
      {control}
    </FormField>
  );
  const status =
    state.status === "invalid"
      ? t("form.invalid")
      : state.status === "forbidden"
        ? t("form.forbidden")
        : state.status === "not_found"
          ? t("form.notFound")
          : undefined;

  return (
    <form
      key={state.savedId ?? 0}
      action={action}
      onSubmit={submitKeepingValues(action)}
      noValidate
      className="grid gap-4 rounded-md border p-3 sm:grid-cols-2"
      data-testid="jobs-form"
    >
      {titled && <h3 className="font-medium sm:col-span-2">{t("form.title")}</h3>}
      <input type="hidden" name="cooperative_id" value={cooperativeId} />
      {status && (
        <p role="alert" className="text-sm text-destructive sm:col-span-2">
          {status}
        </p>
      )}
      {field(
        "kind",
        <Select
          name="kind"
          defaultValue={values.kind || (hasBaseline ? "periodic" : "baseline")}
          required
          {...a11y("kind")}
        >
          {SNAPSHOT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </Select>,
      )}
      {field(
        "as_of",
        <Input
          type="date"
          name="as_of"
          max={today}
          required
          defaultValue={values.as_of ?? ""}
          {...a11y("as_of")}
        />,
      )}
      {COUNTS.map((name) =>
        field(
          name,
          <Input
            type="number"
            name={name}
            min={0}
            step={1}
            inputMode="numeric"
            required={name !== "members_total" && name !== "jobs_seasonal"}
            defaultValue={values[name] ?? ""}
            {...a11y(name)}
          />,
        ),
      )}
      {field(
        "source",
        <>
          <Input
            name="source"
            list="jobs-source-options"
            maxLength={200}
            required
            dir="auto"
            defaultValue={values.source ?? ""}
            {...a11y("source")}
          />
          <datalist id="jobs-source-options">
            {(["payroll", "register", "visit", "cnss"] as const).map((key) => (
              <option key={key} value={t(`sources.${key}`)} />
            ))}
          </datalist>
        </>,
        "sm:col-span-2",
      )}
      {field(
        "notes",
        <Textarea
          name="notes"
          rows={2}
          maxLength={1000}
          dir="auto"
          defaultValue={values.notes ?? ""}
          {...a11y("notes")}
        />,
        "sm:col-span-2",
      )}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("form.saving") : t("form.submit")}
        </Button>
        {state.status === "saved" && (
          <p role="status" className="text-sm text-success" data-testid="jobs-saved">
            {state.beforeBaseline ? t("form.savedBeforeBaseline") : t("form.saved")}
          </p>
        )}
      </div>
    </form>
  );
}
