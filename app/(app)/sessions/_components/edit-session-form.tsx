"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { submitKeepingValues } from "@/components/use-submit-keeping-values";
import { updateSessionAction, type SessionFormState } from "../actions";
import { SessionFields, type CooperativeOption, type SessionFormValues } from "./session-fields";

/** Editing a saved session; `version` is the one it was opened at, so a concurrent edit is caught. */
export function EditSessionForm({
  id,
  version,
  cooperatives,
  initial,
  today,
  cancelHref,
}: {
  id: string;
  version: number;
  cooperatives: CooperativeOption[];
  initial: SessionFormValues;
  today: string;
  cancelHref: string;
}) {
  const t = useTranslations("sessions");
  const [state, action, pending] = useActionState<SessionFormState, FormData>(updateSessionAction, {
    status: "idle",
  });
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // Hydrated: the page's forms now submit through React (browser tests wait for this).
    if (formRef.current) formRef.current.dataset.ready = "true";
  }, []);
  const message =
    state.status === "invalid"
      ? t("form.invalid")
      : state.status === "not_found"
        ? t("form.notFound")
        : state.status === "forbidden"
          ? t("form.forbidden")
          : state.status === "stale"
            ? t("form.stale")
            : null;
  return (
    <form
      ref={formRef}
      action={action}
      onSubmit={submitKeepingValues(action)}
      noValidate
      className="grid gap-4 sm:grid-cols-2"
      data-testid="session-edit-form"
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {message && (
        <p role="alert" className="text-sm text-destructive sm:col-span-2">
          {message}
        </p>
      )}
      <SessionFields
        prefix="session-edit"
        cooperatives={cooperatives}
        values={state.values ?? initial}
        errors={state.errors ?? {}}
        today={today}
      />
      <div className="flex flex-wrap gap-2 sm:col-span-2">
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
