"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import type { AwardStatus } from "@/lib/validation/funding";
import { updateAwardStatusAction, type FundingFormState } from "../actions";
import { useFormMessages } from "./form-messages";

/** The status changes people make on an award (the others follow its tranches). */
export function AwardStatusForm({
  awardId,
  next,
}: {
  awardId: number;
  next: readonly AwardStatus[];
}) {
  const t = useTranslations("funding");
  const tStatus = useTranslations("awardStatus");
  const [state, action, pending] = useActionState<FundingFormState, FormData>(
    updateAwardStatusAction,
    { status: "idle" },
  );
  const { error, general, data } = useFormMessages(state);
  const message = error("status") ?? general;
  const selectId = `award-${awardId}-status`;
  return (
    <form
      action={action}
      className="flex flex-wrap items-end gap-2"
      data-testid="award-status-form"
      {...data}
    >
      <input type="hidden" name="award_id" value={awardId} />
      <label htmlFor={selectId} className="grid gap-1 text-sm">
        {t("forms.changeStatus")}
        <Select
          id={selectId}
          name="status"
          defaultValue={next[0]}
          wrapperClassName="w-48"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${selectId}-error` : undefined}
        >
          {next.map((status) => (
            <option key={status} value={status}>
              {tStatus(status)}
            </option>
          ))}
        </Select>
      </label>
      <Button type="submit" variant="outline" size="sm" disabled={pending}>
        {t("forms.saveStatus")}
      </Button>
      {message && (
        <p id={`${selectId}-error`} role="alert" className="text-sm text-destructive">
          {message}
        </p>
      )}
    </form>
  );
}
