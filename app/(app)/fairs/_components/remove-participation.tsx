"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { removeParticipationAction, type FairFormState } from "../actions";
import { useFairMessages } from "./form-messages";

/**
 * Removal behind a native disclosure, so the confirmation works before JavaScript loads; the text
 * says the exhibition milestone stays done.
 */
export function RemoveParticipation({ id, cooperative }: { id: number; cooperative: string }) {
  const t = useTranslations("fairs.remove");
  const [state, action, pending] = useActionState<FairFormState, FormData>(
    removeParticipationAction,
    { status: "idle" },
  );
  const { general, data } = useFairMessages(state);
  return (
    <details className="group text-start">
      <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-sm text-destructive hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none">
        {t("action")}
      </summary>
      <form
        action={action}
        className="mt-2 grid max-w-xs gap-2 rounded-md border p-3 text-sm whitespace-normal"
        data-testid="remove-participation"
        {...data}
      >
        <input type="hidden" name="id" value={id} />
        <p className="font-medium" dir="auto">
          {t("confirmTitle", { name: cooperative })}
        </p>
        <p className="text-muted-foreground">{t("confirmBody")}</p>
        {general && (
          <p role="alert" className="text-destructive">
            {general}
          </p>
        )}
        <Button type="submit" variant="destructive" size="sm" disabled={pending}>
          {t("confirm")}
        </Button>
      </form>
    </details>
  );
}
