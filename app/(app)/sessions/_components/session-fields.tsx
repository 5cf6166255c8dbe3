"use client";

import { useTranslations } from "next-intl";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { SESSION_MODES, SESSION_TOPICS } from "@/db/enums";
import type { SessionFieldErrors } from "@/lib/validation/session";
import {
  MAX_ATTENDEES,
  MAX_DURATION_MINUTES,
  MAX_NEXT_STEPS,
  MAX_NOTES,
} from "@/lib/validation/session-constants";

export type CooperativeOption = { id: number; name: string };
export type SessionFormValues = Record<string, string | string[] | undefined>;

const HINTS = new Set(["duration_minutes", "notes", "follow_up_on"]);
const DURATIONS = [30, 45, 60, 90, 120, 180];

/**
 * The session's fields under their DOMAIN.md names, as native controls (the phone's own pickers,
 * radio buttons and checkboxes), for the new-session and the edit forms alike.
 */
export function SessionFields({
  prefix,
  cooperatives,
  values,
  errors,
  today,
}: {
  prefix: string;
  cooperatives: CooperativeOption[];
  values: SessionFormValues;
  errors: SessionFieldErrors;
  today: string;
}) {
  const t = useTranslations("sessions");
  const tMode = useTranslations("sessionMode");
  const tTopic = useTranslations("sessionTopic");
  const error = (field: keyof SessionFieldErrors) =>
    errors[field] ? t(`errors.${errors[field]}`) : undefined;
  const idOf = (field: string) => `${prefix}-${field}`;
  const a11y = (field: keyof SessionFieldErrors) =>
    fieldA11y(idOf(field), error(field), HINTS.has(field));
  const text = (field: string, fallback = "") => {
    const value = values[field];
    return typeof value === "string" ? value : fallback;
  };
  const field = (name: keyof SessionFieldErrors, control: React.ReactNode, wide = false) => (
    <FormField
      label={t(`fields.${name}`)}
      name={name}
      id={idOf(name)}
      error={error(name)}
      description={HINTS.has(name) ? t(`hints.${name}`) : undefined}
      className={wide ? "sm:col-span-2" : undefined}
    >
      {control}
    </FormField>
  );
  const group = (name: "mode" | "topics", children: React.ReactNode) => (
    <fieldset
      className="grid gap-2 sm:col-span-2"
      aria-describedby={error(name) ? `${idOf(name)}-error` : undefined}
      aria-invalid={error(name) ? true : undefined}
    >
      <legend className="mb-2 text-sm font-medium">{t(`fields.${name}`)}</legend>
      <div className="flex flex-wrap gap-2">{children}</div>
      {error(name) && (
        <p id={`${idOf(name)}-error`} role="alert" className="text-sm text-destructive">
          {error(name)}
        </p>
      )}
    </fieldset>
  );
  const chip =
    "flex min-h-11 cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/10 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50";
  const topics = Array.isArray(values.topics) ? values.topics : [];
  return (
    <>
      {field(
        "cooperative_id",
        <Select
          name="cooperative_id"
          required
          defaultValue={text("cooperative_id")}
          {...a11y("cooperative_id")}
        >
          <option value="">{t("form.chooseCooperative")}</option>
          {cooperatives.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>,
        true,
      )}
      {field(
        "held_on",
        <Input
          type="date"
          name="held_on"
          max={today}
          required
          defaultValue={text("held_on", today)}
          {...a11y("held_on")}
        />,
      )}
      {field(
        "duration_minutes",
        <>
          <Input
            type="number"
            name="duration_minutes"
            min={1}
            max={MAX_DURATION_MINUTES}
            step={1}
            inputMode="numeric"
            list={`${prefix}-durations`}
            required
            defaultValue={text("duration_minutes", "60")}
            {...a11y("duration_minutes")}
          />
          <datalist id={`${prefix}-durations`}>
            {DURATIONS.map((minutes) => (
              <option key={minutes} value={minutes} />
            ))}
          </datalist>
        </>,
      )}
      {group(
        "mode",
        SESSION_MODES.map((mode) => (
          <label key={mode} className={chip}>
            <input
              type="radio"
              name="mode"
              value={mode}
              required
              defaultChecked={text("mode", "in_person") === mode}
            />
            {tMode(mode)}
          </label>
        )),
      )}
      {group(
        "topics",
        SESSION_TOPICS.map((topic) => (
          <label key={topic} className={chip}>
            <input
              type="checkbox"
              name="topics"
              value={topic}
              defaultChecked={topics.includes(topic)}
            />
            {tTopic(topic)}
          </label>
        )),
      )}
      {field(
        "attendees",
        <Input
          type="number"
          name="attendees"
          min={1}
          max={MAX_ATTENDEES}
          step={1}
          inputMode="numeric"
          required
          defaultValue={text("attendees", "1")}
          {...a11y("attendees")}
        />,
      )}
      {field(
        "follow_up_on",
        <Input
          type="date"
          name="follow_up_on"
          defaultValue={text("follow_up_on")}
          {...a11y("follow_up_on")}
        />,
      )}
      {field(
        "notes",
        <Textarea
          name="notes"
          rows={4}
          maxLength={MAX_NOTES}
          dir="auto"
          defaultValue={text("notes")}
          {...a11y("notes")}
        />,
        true,
      )}
      {field(
        "next_steps",
        <Textarea
          name="next_steps"
          rows={2}
          maxLength={MAX_NEXT_STEPS}
          dir="auto"
          defaultValue={text("next_steps")}
          {...a11y("next_steps")}
        />,
        true,
      )}
    </>
  );
}
