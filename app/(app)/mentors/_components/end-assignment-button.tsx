"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { endAssignmentAction, type AssignmentFormState } from "../actions";

/** Ends an assignment now; the mentor's access to the cooperative stops at the next request. */
export function EndAssignmentButton({ assignmentId }: { assignmentId: number }) {
  const t = useTranslations("mentors.assign");
  const [state, action, pending] = useActionState<AssignmentFormState, FormData>(
    endAssignmentAction,
    { status: "idle" },
  );
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="assignment_id" value={assignmentId} />
      <Button type="submit" variant="outline" size="sm" disabled={pending} data-testid="unassign">
        {pending ? t("unassigning") : t("unassign")}
      </Button>
      {(state.status === "not_found" || state.status === "forbidden") && (
        <span role="alert" className="text-sm text-destructive">
          {t(state.status === "forbidden" ? "forbidden" : "notFound")}
        </span>
      )}
    </form>
  );
}
