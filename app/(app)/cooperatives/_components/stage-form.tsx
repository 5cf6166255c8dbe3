"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { STAGES, type Stage } from "@/db/enums";
import { changeStageAction, type StageState } from "../actions";

/** The pipeline's next step by default; after graduation or withdrawal, the first other stage. */
function nextStage(current: Stage): Stage {
  const next = STAGES[STAGES.indexOf(current) + 1];
  return next && current !== "graduated" ? next : STAGES.find((s) => s !== current)!;
}

/** Moves the cooperative to another stage with a reason; its control (StageFormOnDemand) names it. */
export function StageForm({ id, current }: { id: number; current: Stage }) {
  const t = useTranslations("cooperatives");
  const tStage = useTranslations("stage");
  const [state, action, pending] = useActionState<StageState, FormData>(changeStageAction, {
    status: "idle",
  });
  const error =
    state.status === "invalid" && state.error
      ? t(`errors.${state.error}` as "errors.required")
      : state.status === "forbidden"
        ? t("form.forbidden")
        : state.status === "not_found"
          ? t("form.notFound")
          : undefined;
  return (
    <form action={action} className="grid gap-3 rounded-md border p-3" data-testid="stage-form">
      <input type="hidden" name="id" value={id} />
      <FormField label={t("stageChange.to")} name="to" id="stage-to">
        <Select id="stage-to" name="to" defaultValue={nextStage(current)} required>
          {STAGES.filter((stage) => stage !== current).map((stage) => (
            <option key={stage} value={stage}>
              {tStage(stage)}
            </option>
          ))}
        </Select>
      </FormField>
      <FormField
        label={t("stageChange.reason")}
        name="reason"
        id="stage-reason"
        description={t("stageChange.reasonHint")}
        error={error}
      >
        <Textarea
          name="reason"
          rows={2}
          required
          minLength={3}
          maxLength={500}
          {...fieldA11y("stage-reason", error, true)}
        />
      </FormField>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {t("stageChange.submit")}
        </Button>
        {state.status === "done" && (
          <p role="status" className="text-sm text-success">
            {t("stageChange.done")}
          </p>
        )}
      </div>
    </form>
  );
}
