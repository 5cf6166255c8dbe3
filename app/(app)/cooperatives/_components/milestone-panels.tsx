"use client";

import { useTranslations } from "next-intl";
import { MILESTONE_STATUSES } from "@/db/enums";
import { MENTOR_STATUSES, type MilestoneStatus } from "@/lib/validation/milestone-constants";
import {
  deleteMilestoneAction,
  sendBackMilestoneAction,
  updateMilestoneAction,
  verifyMilestoneAction,
} from "../milestones-actions";
import type { MilestoneActionData } from "./milestone-actions";
import { MilestoneForm, type MilestoneField } from "./milestone-form";
import { MilestoneUpload } from "./milestone-upload";

/** A disclosure: opens with Enter or Space on its summary, and works without JavaScript. */
function Panel({
  label,
  destructive = false,
  children,
}: {
  label: string;
  destructive?: boolean;
  children: React.ReactNode;
}) {
  return (
    <details className="group rounded-md border">
      <summary
        className={`cursor-pointer list-none rounded-md px-3 py-1.5 text-sm font-medium outline-none select-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 ${destructive ? "text-destructive" : ""}`}
      >
        {label}
      </summary>
      <div className="border-t p-3">{children}</div>
    </details>
  );
}

/**
 * The forms of one milestone, loaded when its actions are opened (MilestoneActions): a mentor's
 * report and upload at once, the one thing a mentor does here; staff's forms each behind a
 * disclosure (verify or send back a report, edit, attach, waive, delete a custom one).
 */
export default function MilestonePanels({
  milestone: m,
  cooperativeId,
  role,
  today,
}: {
  milestone: MilestoneActionData;
  cooperativeId: number;
  role: "staff" | "mentor";
  today: string;
}) {
  const t = useTranslations("milestones");
  const tStatus = useTranslations("milestoneStatus");
  const prefix = `milestone-${m.id}`;
  const hidden = { id: m.id, version: m.version };
  const statusField = (values: readonly MilestoneStatus[]): MilestoneField => ({
    name: "status",
    label: t("fields.status"),
    type: "select",
    options: values.map((value) => ({ value, label: tStatus(value) })),
    defaultValue: m.status,
    required: true,
  });
  const evidenceFields: MilestoneField[] = [
    {
      name: "evidence_text",
      label: t("fields.evidence_text"),
      type: "textarea",
      defaultValue: m.evidenceText ?? "",
      hint: t("hints.evidence"),
    },
    {
      name: "evidence_url",
      label: t("fields.evidence_url"),
      type: "url",
      defaultValue: m.evidenceUrl ?? "",
    },
  ];
  const upload = <MilestoneUpload milestoneId={m.id} cooperativeId={cooperativeId} />;

  if (role === "mentor") {
    return (
      <div className="grid gap-4 rounded-md border p-3" key={m.version}>
        <MilestoneForm
          action={updateMilestoneAction}
          hidden={hidden}
          prefix={`${prefix}-report`}
          fields={[statusField(MENTOR_STATUSES), ...evidenceFields]}
          note={t("hints.report")}
          submitLabel={t("actions.save")}
          testId="milestone-report-form"
        />
        <div className="grid gap-2 border-t pt-3">
          <h5 className="text-sm font-medium">{t("actions.attach")}</h5>
          {upload}
        </div>
      </div>
    );
  }

  return (
    <div className="grid gap-2" key={m.version}>
      {m.status === "reported" && (
        <>
          <Panel label={t("actions.verify")}>
            <MilestoneForm
              action={verifyMilestoneAction}
              hidden={hidden}
              prefix={`${prefix}-verify`}
              fields={[
                {
                  name: "completed_on",
                  label: t("fields.completed_on"),
                  type: "date",
                  defaultValue: today,
                  max: today,
                },
              ]}
              submitLabel={t("actions.verify")}
              testId="milestone-verify-form"
            />
          </Panel>
          <Panel label={t("actions.sendBack")}>
            <MilestoneForm
              action={sendBackMilestoneAction}
              hidden={hidden}
              prefix={`${prefix}-send-back`}
              fields={[
                {
                  name: "comment",
                  label: t("fields.comment"),
                  type: "textarea",
                  required: true,
                  hint: t("hints.sendBack"),
                },
              ]}
              submitLabel={t("actions.sendBack")}
              testId="milestone-send-back-form"
            />
          </Panel>
        </>
      )}
      <Panel label={t("actions.edit")}>
        <MilestoneForm
          action={updateMilestoneAction}
          hidden={hidden}
          prefix={`${prefix}-edit`}
          fields={[
            ...(m.custom
              ? [
                  {
                    name: "title",
                    label: t("fields.title"),
                    type: "text",
                    required: true,
                    defaultValue: m.title ?? "",
                  } satisfies MilestoneField,
                ]
              : []),
            statusField(MILESTONE_STATUSES),
            {
              name: "due_on",
              label: t("fields.due_on"),
              type: "date",
              defaultValue: m.dueOn ?? "",
            },
            {
              name: "completed_on",
              label: t("fields.completed_on"),
              type: "date",
              max: today,
              defaultValue: m.completedOn ?? "",
              hint: t("hints.completedOn"),
            },
            ...evidenceFields,
            {
              name: "comment",
              label: t("fields.comment"),
              type: "textarea",
              defaultValue: m.comment ?? "",
            },
          ]}
          submitLabel={t("actions.save")}
          testId="milestone-edit-form"
        />
      </Panel>
      <Panel label={t("actions.attach")}>{upload}</Panel>
      {m.status !== "waived" && (
        <Panel label={t("actions.waive")} destructive>
          <MilestoneForm
            action={updateMilestoneAction}
            hidden={{ ...hidden, status: "waived" }}
            prefix={`${prefix}-waive`}
            fields={[
              {
                name: "comment",
                label: t("fields.comment"),
                type: "textarea",
                defaultValue: m.comment ?? "",
              },
            ]}
            note={t("confirm.waive")}
            submitLabel={t("actions.confirmWaive")}
            destructive
            testId="milestone-waive-form"
          />
        </Panel>
      )}
      {m.custom && !m.hasTranche && (
        <Panel label={t("actions.delete")} destructive>
          <MilestoneForm
            action={deleteMilestoneAction}
            hidden={{ id: m.id }}
            prefix={`${prefix}-delete`}
            note={t("confirm.delete")}
            submitLabel={t("actions.confirmDelete")}
            destructive
            testId="milestone-delete-form"
          />
        </Panel>
      )}
    </div>
  );
}
