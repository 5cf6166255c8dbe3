"use client";

import { useTranslations } from "next-intl";
import { STAGES, type Stage } from "@/db/enums";
import { addMilestoneAction } from "../milestones-actions";
import { MilestoneForm } from "./milestone-form";

/** Staff add a custom milestone (title, stage, due date); loaded when its control is opened. */
export default function MilestoneAddForm({
  cooperativeId,
  stage,
}: {
  cooperativeId: number;
  /** The cooperative's current stage, the form's default. */
  stage: Stage;
}) {
  const t = useTranslations("milestones");
  const tStage = useTranslations("stage");
  return (
    <div className="rounded-md border p-3">
      <MilestoneForm
        action={addMilestoneAction}
        hidden={{ cooperative_id: cooperativeId }}
        prefix="milestone-new"
        fields={[
          { name: "title", label: t("fields.title"), type: "text", required: true },
          {
            name: "stage",
            label: t("fields.stage"),
            type: "select",
            required: true,
            defaultValue: stage,
            options: STAGES.map((value) => ({ value, label: tStage(value) })),
          },
          { name: "due_on", label: t("fields.due_on"), type: "date", required: true },
        ]}
        submitLabel={t("actions.add")}
        testId="milestone-add-form"
      />
    </div>
  );
}
