"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { correctContactAction, type CorrectContactState } from "../actions";

const idle: CorrectContactState = { status: "idle" };

type Contact = {
  cooperativeId: number;
  version: number;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
};

/** The contact fields of one cooperative, corrected on the person's request. */
export function CorrectContactForm({ contact }: { contact: Contact }) {
  const t = useTranslations("people");
  const [state, action, pending] = useActionState(correctContactAction, idle);
  const id = (name: string) => `${name}-${contact.cooperativeId}`;
  const error = (name: keyof NonNullable<CorrectContactState["fieldErrors"]>) => {
    const key = state.fieldErrors?.[name];
    return key ? t(`errors.${key}`) : undefined;
  };
  const formError =
    state.status === "error" && !state.fieldErrors ? t(`errors.${state.error ?? "failed"}`) : null;
  return (
    <form action={action} className="grid gap-3" data-testid={`correct-${contact.cooperativeId}`}>
      <input type="hidden" name="cooperative_id" value={contact.cooperativeId} />
      <input type="hidden" name="version" value={contact.version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField
          label={t("fields.contact_name")}
          name="contact_name"
          id={id("contact_name")}
          error={error("contact_name")}
        >
          <Input
            name="contact_name"
            defaultValue={contact.contactName ?? ""}
            autoComplete="off"
            {...fieldA11y(id("contact_name"), error("contact_name"))}
          />
        </FormField>
        <FormField label={t("fields.phone")} name="phone" id={id("phone")} error={error("phone")}>
          <Input
            name="phone"
            type="tel"
            dir="ltr"
            defaultValue={contact.phone ?? ""}
            autoComplete="off"
            {...fieldA11y(id("phone"), error("phone"))}
          />
        </FormField>
        <FormField label={t("fields.email")} name="email" id={id("email")} error={error("email")}>
          <Input
            name="email"
            type="email"
            dir="ltr"
            defaultValue={contact.email ?? ""}
            autoComplete="off"
            {...fieldA11y(id("email"), error("email"))}
          />
        </FormField>
        <FormField
          label={t("fields.address")}
          name="address"
          id={id("address")}
          error={error("address")}
        >
          <Textarea
            name="address"
            rows={2}
            defaultValue={contact.address ?? ""}
            {...fieldA11y(id("address"), error("address"))}
          />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? t("correct.saving") : t("correct.submit")}
        </Button>
        <p role="status" className="text-sm">
          {state.status === "saved" ? t("correct.saved") : null}
        </p>
        {formError ? (
          <p role="alert" className="text-sm text-destructive">
            {formError}
          </p>
        ) : null}
      </div>
    </form>
  );
}
