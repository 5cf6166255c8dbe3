"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";
import type { MilestoneStatus } from "@/lib/validation/milestone-constants";
import { loadOnce, OnDemand } from "./on-demand";

export type MilestoneActionData = {
  id: number;
  version: number;
  status: MilestoneStatus;
  title: string | null;
  custom: boolean;
  hasTranche: boolean;
  dueOn: string | null;
  completedOn: string | null;
  evidenceText: string | null;
  evidenceUrl: string | null;
  comment: string | null;
};

const loadPanels = loadOnce(() => import("./milestone-panels"));
const MilestonePanels = lazy(loadPanels);

/**
 * What the viewer may do with one milestone, behind one control: a mentor reports progress and
 * evidence (never on a done or waived one); staff verify or send back a report, edit, waive, and
 * delete a custom one. The forms load when opened (`?milestone=<id>` without JavaScript, the
 * address the upload route sends the page back to), so a profile with many milestones stays light.
 */
export function MilestoneActions({
  milestone: m,
  cooperativeId,
  role,
  today,
  describedBy,
}: {
  milestone: MilestoneActionData;
  cooperativeId: number;
  role: "staff" | "mentor";
  today: string;
  /** The milestone's name, for the control's description. */
  describedBy: string;
}) {
  const t = useTranslations("milestones");
  if (role === "mentor" && (m.status === "done" || m.status === "waived")) return null;
  return (
    <OnDemand
      param="milestone"
      value={String(m.id)}
      hash={`milestone-${m.id}`}
      clear={["upload"]}
      label={
        role === "mentor"
          ? t("actions.report")
          : m.status === "reported"
            ? t("actions.review")
            : t("actions.manage")
      }
      load={loadPanels}
      idle
      describedBy={describedBy}
      testId="milestone-toggle"
    >
      <MilestonePanels milestone={m} cooperativeId={cooperativeId} role={role} today={today} />
    </OnDemand>
  );
}
