"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { enrolAction, type EnrolState } from "../actions";

export function EnrolButton({
  cohortId,
  cooperativeId,
}: {
  cohortId: number;
  cooperativeId: number;
}) {
  const t = useTranslations("cohorts");
  const [state, action, pending] = useActionState<EnrolState, FormData>(enrolAction, {
    status: "idle",
  });
  const problem = state.status !== "idle" && state.status !== "ok" ? state.status : null;
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="cohort_id" value={cohortId} />
      <input type="hidden" name="cooperative_id" value={cooperativeId} />
      {problem && (
        <span role="alert" className="text-xs text-destructive">
          {t(`enrolErrors.${problem}`)}
        </span>
      )}
      <Button type="submit" size="sm" disabled={pending || state.status === "ok"}>
        {state.status === "ok" ? t("enrolled") : t("enrolOne")}
      </Button>
    </form>
  );
}
