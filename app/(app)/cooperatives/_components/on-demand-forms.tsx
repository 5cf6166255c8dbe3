"use client";

import { useTranslations } from "next-intl";
import { lazy } from "react";
import type { Stage } from "@/db/enums";
import { loadOnce, OnDemand } from "./on-demand";

/*
 * The profile's forms for adding to a record, each loaded when its control is opened (see
 * OnDemand): `?open=<form>` renders one open without JavaScript.
 */

const loadStage = loadOnce(() => import("./stage-form"));
const StageForm = lazy(() => loadStage().then((m) => ({ default: m.StageForm })));

export function StageFormOnDemand({ id, current }: { id: number; current: Stage }) {
  const t = useTranslations("cooperatives.stageChange");
  return (
    <OnDemand
      param="open"
      value="stage"
      id="stage-change"
      hash="stage-change"
      label={t("title")}
      load={loadStage}
      testId="stage-form-toggle"
    >
      <StageForm id={id} current={current} />
    </OnDemand>
  );
}

const loadJobs = loadOnce(() => import("./jobs-form"));
const JobsForm = lazy(() => loadJobs().then((m) => ({ default: m.JobsForm })));

export function JobsFormOnDemand(props: {
  cooperativeId: number;
  hasBaseline: boolean;
  today: string;
}) {
  const t = useTranslations("jobs.form");
  return (
    <OnDemand
      param="open"
      value="jobs"
      id="jobs-report"
      hash="jobs-report"
      label={t("title")}
      load={loadJobs}
      testId="jobs-form-toggle"
    >
      <JobsForm {...props} titled={false} />
    </OnDemand>
  );
}

const loadAward = loadOnce(() => import("@/app/(app)/funding/_components/award-form"));
const AwardForm = lazy(() => loadAward().then((m) => ({ default: m.AwardForm })));

export function AwardFormOnDemand(props: {
  cooperativeId: number;
  programs: { value: string; label: string }[];
  today: string;
}) {
  const t = useTranslations("funding.forms");
  return (
    <OnDemand
      param="open"
      value="award"
      id="award-new"
      hash="award-new"
      label={t("newAward")}
      load={loadAward}
      testId="award-form-toggle"
    >
      <AwardForm {...props} />
    </OnDemand>
  );
}

const loadMilestoneAdd = loadOnce(() => import("./milestone-add-form"));
const MilestoneAddForm = lazy(loadMilestoneAdd);

export function MilestoneAddOnDemand(props: { cooperativeId: number; stage: Stage }) {
  const t = useTranslations("milestones.actions");
  return (
    <OnDemand
      param="milestone"
      value="new"
      id="milestone-new"
      hash="milestone-new"
      label={t("add")}
      load={loadMilestoneAdd}
      testId="milestone-add-toggle"
    >
      <MilestoneAddForm {...props} />
    </OnDemand>
  );
}
