"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { assignMentorAction, type AssignmentFormState } from "../actions";

type Option = { id: number; name: string };

/**
 * Assigning from either side: on a cooperative's profile the mentor is chosen (`fixed` holds the
 * cooperative), on a mentor's page the cooperative is (`fixed` holds the mentor). When there are
 * too many to list, `search` (a GET form of its own: forms cannot nest) narrows `options` to the
 * matches; the assignment's fields then show only once something matched.
 */
export function AssignForm({
  fixed,
  choose,
  options,
  today,
  search,
}: {
  fixed: { name: "mentor_id" | "cooperative_id"; value: number };
  choose: "mentor_id" | "cooperative_id";
  options: Option[];
  today: string;
  search?: React.ReactNode;
}) {
  const t = useTranslations("mentors.assign");
  const tErrors = useTranslations("sessions.errors");
  const [state, action, pending] = useActionState<AssignmentFormState, FormData>(
    assignMentorAction,
    { status: "idle" },
  );
  const values = state.values ?? {};
  const error = (field: string) =>
    state.errors?.[field] ? tErrors(state.errors[field]) : undefined;
  const id = (field: string) => `assign-${field}`;
  const message =
    state.status === "forbidden"
      ? t("forbidden")
      : state.status === "not_found"
        ? t("notFound")
        : state.status === "invalid"
          ? t("invalid")
          : null;
  return (
    <div className="grid gap-3 rounded-md border p-3">
      <h3 className="font-medium">{t(choose === "mentor_id" ? "title" : "titleCooperative")}</h3>
      {search}
      {(!search || options.length > 0) && (
        <form
          key={state.savedId ?? 0}
          action={action}
          onSubmit={submitKeepingValues(action)}
          noValidate
          className="grid gap-3 sm:grid-cols-3"
          data-testid="assign-form"
        >
          <input type="hidden" name={fixed.name} value={fixed.value} />
          {message && (
            <p role="alert" className="text-sm text-destructive sm:col-span-3">
              {message}
            </p>
          )}
          <FormField
            label={t(choose)}
            name={choose}
            id={id(choose)}
            error={error(choose)}
            className="sm:col-span-3"
          >
            <Select
              name={choose}
              required
              defaultValue={values[choose] ?? ""}
              {...fieldA11y(id(choose), error(choose))}
            >
              <option value="">{t("choose")}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField
            label={t("start_on")}
            name="start_on"
            id={id("start_on")}
            error={error("start_on")}
          >
            <Input
              type="date"
              name="start_on"
              required
              defaultValue={values.start_on ?? today}
              {...fieldA11y(id("start_on"), error("start_on"))}
            />
          </FormField>
          <FormField
            label={t("end_on")}
            name="end_on"
            id={id("end_on")}
            error={error("end_on")}
            description={t("endHint")}
          >
            <Input
              type="date"
              name="end_on"
              defaultValue={values.end_on ?? ""}
              {...fieldA11y(id("end_on"), error("end_on"), true)}
            />
          </FormField>
          <div className="flex items-end">
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("submit")}
            </Button>
          </div>
          {state.status === "done" && (
            <p
              role="status"
              className="text-sm text-success sm:col-span-3"
              data-testid="assign-saved"
            >
              {t("saved")}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
