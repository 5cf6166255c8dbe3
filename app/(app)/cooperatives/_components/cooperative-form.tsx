"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { Button, buttonVariants } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { AREAS, LEGAL_FORMS, SECTORS } from "@/db/enums";
import type { CooperativeInput } from "@/lib/validation/cooperative";
import { saveCooperative, type SaveState } from "../actions";

type Field = keyof CooperativeInput;
type Option = { value: string; label: string };

export function CooperativeForm({
  id,
  version,
  initial,
  provinces,
  cohorts,
  cancelHref,
}: {
  id?: number;
  version?: number;
  initial: Partial<Record<Field, string>>;
  provinces: Option[];
  cohorts: Option[];
  cancelHref: string;
}) {
  const t = useTranslations("cooperatives");
  const tSector = useTranslations("sector");
  const tLegal = useTranslations("legalForm");
  const tArea = useTranslations("area");
  const [state, action, pending] = useActionState<SaveState, FormData>(saveCooperative, {
    status: "idle",
  });
  const values = state.values ?? initial;
  const error = (field: Field) =>
    state.errors?.[field] ? t(`errors.${state.errors[field]}`) : undefined;
  const label = (field: Field) => t(`fields.${field}`);

  const text = (field: Field, props: React.ComponentProps<typeof Input> = {}, hint?: string) => (
    <FormField label={label(field)} name={field} error={error(field)} description={hint}>
      <Input
        name={field}
        defaultValue={values[field] ?? ""}
        {...fieldA11y(field, error(field), Boolean(hint))}
        {...props}
      />
    </FormField>
  );
  const choice = (field: Field, options: Option[], required = true) => (
    <FormField label={label(field)} name={field} error={error(field)}>
      <Select
        name={field}
        defaultValue={values[field] ?? ""}
        required={required}
        {...fieldA11y(field, error(field))}
      >
        <option value="">{required ? t("form.chooseOne") : t("none")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </FormField>
  );
  const section = (title: string, children: React.ReactNode) => (
    <fieldset className="grid gap-4 rounded-lg border p-4 sm:grid-cols-2">
      <legend className="px-1 font-semibold">{title}</legend>
      {children}
    </fieldset>
  );

  return (
    <form
      action={action}
      onSubmit={submitKeepingValues(action)}
      className="grid gap-6"
      noValidate
      data-testid="cooperative-form"
    >
      {id !== undefined && <input type="hidden" name="id" value={id} />}
      {id !== undefined && <input type="hidden" name="version" value={state.version ?? version} />}
      {state.status === "invalid" && (
        <p role="alert" className="text-destructive">
          {t("form.invalid")}
        </p>
      )}
      {state.status === "forbidden" && (
        <p role="alert" className="text-destructive">
          {t("form.forbidden")}
        </p>
      )}
      {state.status === "not_found" && (
        <p role="alert" className="text-destructive">
          {t("form.notFound")}
        </p>
      )}
      {state.status === "conflict" && (
        <div
          role="alert"
          className="grid gap-2 rounded-lg border border-warning bg-warning/10 p-4"
          data-testid="conflict"
        >
          <p className="font-semibold">{t("form.conflictTitle")}</p>
          <p className="text-sm">{t("form.conflictBody")}</p>
          <table className="text-sm">
            <thead>
              <tr>
                <th className="text-start">{t("form.conflictField")}</th>
                <th className="text-start">{t("form.conflictTheirs")}</th>
                <th className="text-start">{t("form.conflictYours")}</th>
              </tr>
            </thead>
            <tbody>
              {state.conflicts?.map((c) => (
                <tr key={c.field} data-field={c.field}>
                  <td>{label(c.field)}</td>
                  <td dir="auto">{c.theirs || t("none")}</td>
                  <td dir="auto">{c.yours || t("none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {section(
        t("sections.identity"),
        <>
          {text("name", { required: true, maxLength: 200, dir: "auto" })}
          {text("name_latin", { maxLength: 200, dir: "ltr" })}
          {choice(
            "legal_form",
            LEGAL_FORMS.map((v) => ({ value: v, label: tLegal(v) })),
          )}
          {choice(
            "sector",
            SECTORS.map((v) => ({ value: v, label: tSector(v) })),
          )}
          {choice("province", provinces)}
          {text("commune", { maxLength: 120 })}
          {choice(
            "area",
            AREAS.map((v) => ({ value: v, label: tArea(v) })),
          )}
          {choice("cohort_id", cohorts, false)}
        </>,
      )}
      {section(
        t("sections.legal"),
        <>
          {text(
            "registration_number",
            { maxLength: 80, dir: "auto" },
            t("hints.registration_number"),
          )}
          {text("registered_on", { type: "date" })}
          {text("court", { maxLength: 200 })}
          {text("founded_on", { type: "date" })}
          {text(
            "share_capital_mad",
            { inputMode: "decimal", dir: "ltr" },
            t("hints.share_capital_mad"),
          )}
        </>,
      )}
      {section(
        t("sections.members"),
        <>
          <label className="flex items-center gap-2 sm:col-span-2">
            <input
              type="checkbox"
              name="women_coop"
              value="true"
              defaultChecked={["true", "on", "1"].includes(values.women_coop ?? "")}
              className="size-4 accent-primary"
            />
            {label("women_coop")}
          </label>
          {text("members_total", { type: "number", min: 0, inputMode: "numeric" })}
          {text("members_women", { type: "number", min: 0, inputMode: "numeric" })}
          {text(
            "members_youth",
            { type: "number", min: 0, inputMode: "numeric" },
            t("hints.members_youth"),
          )}
        </>,
      )}
      {section(
        t("sections.contacts"),
        <>
          {text("contact_name", { maxLength: 200 })}
          {text(
            "phone",
            { type: "tel", inputMode: "tel", dir: "ltr", autoComplete: "tel" },
            t("hints.phone"),
          )}
          {text("email", { type: "email", dir: "ltr", autoComplete: "email" })}
          <FormField label={label("address")} name="address" error={error("address")}>
            <Textarea
              name="address"
              rows={2}
              defaultValue={values.address ?? ""}
              {...fieldA11y("address", error("address"))}
            />
          </FormField>
        </>,
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("form.saving") : t("form.save")}
        </Button>
        <Link href={cancelHref} className={buttonVariants({ variant: "ghost" })}>
          {t("form.cancel")}
        </Link>
      </div>
    </form>
  );
}
