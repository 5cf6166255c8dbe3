import "server-only";
import { getTranslations } from "next-intl/server";
import type { Executor } from "@/db";
import { cohortOptions, provinceOptions } from "@/db/queries/cooperative-record";
import {
  fundingBySource,
  graduationByCohort,
  jobsBy,
  milestonesByCohort,
  programFigures,
  quarterlySeries,
  stageFunnel,
  type JobsBreakdown,
  type JobsDimension,
  type MetricFilters,
} from "@/db/queries/metrics";
import type { Locale } from "@/lib/i18n/config";
import { costPerJob, impactQueryString, type ImpactQuery } from "@/lib/metrics";
import type { ValueFormat } from "./_components/chart-view";

export type { ValueFormat };

/** The dashboard's charts, in the order they are shown; each one's data is downloadable on its own. */
export const CHART_KEYS = [
  "quarterly",
  "provinces",
  "sectors",
  "programs",
  "sources",
  "funnel",
  "graduation",
  "milestones",
] as const;

export type ChartKey = (typeof CHART_KEYS)[number];

export function isChartKey(value: string): value is ChartKey {
  return (CHART_KEYS as readonly string[]).includes(value);
}

export type ChartColumn = { key: string; format: ValueFormat };

export type ChartRow = {
  /** The category's key in files (`fes`, `2026-Q3`, a cohort's id); null for "none". */
  id: string | null;
  /** The category as people read it, in the viewer's language. */
  label: string;
  /** Where a click on the category leads (a province's drill-down). */
  href?: string;
  values: Record<string, number | null>;
};

export type ChartDataset = {
  key: ChartKey;
  /** The category column of the files; `idColumn` pairs a reference's id with its name (cohorts). */
  category: string;
  idColumn?: string;
  columns: ChartColumn[];
  rows: ChartRow[];
};

export type ChartContext = {
  db: Executor;
  filters: MetricFilters;
  query: ImpactQuery;
  locale: Locale;
  today: string;
};

const columns = (format: ValueFormat, ...keys: string[]): ChartColumn[] =>
  keys.map((key) => ({ key, format }));

const JOBS_COLUMNS: ChartColumn[] = [
  ...columns(
    "number",
    "jobs_created",
    "jobs_created_women",
    "jobs_created_youth",
    "jobs_maintained",
    "active_cooperatives",
  ),
  { key: "reporting_coverage", format: "percent" },
];

function jobsValues(row: JobsBreakdown): Record<string, number | null> {
  return {
    jobs_created: row.created,
    jobs_created_women: row.createdWomen,
    jobs_created_youth: row.createdYouth,
    jobs_maintained: row.maintained,
    active_cooperatives: row.active,
    reporting_coverage: row.coverage,
  };
}

async function jobsDataset(
  context: ChartContext,
  key: "provinces" | "sectors",
  dimension: JobsDimension,
  label: (id: string) => string,
  href?: (id: string) => string,
): Promise<ChartDataset> {
  const rows = await jobsBy(context.db, context.filters, dimension);
  return {
    key,
    category: dimension,
    columns: JOBS_COLUMNS,
    rows: rows.map((row) => {
      const id = row.key ?? "";
      return { id, label: label(id), href: href?.(id), values: jobsValues(row) };
    }),
  };
}

async function cohortNames(context: ChartContext, none: string) {
  const cohorts = await cohortOptions(context.db);
  return (id: number | null) =>
    id === null ? none : (cohorts.find((c) => c.id === id)?.name ?? String(id));
}

const loaders: Record<ChartKey, (context: ChartContext) => Promise<ChartDataset>> = {
  async quarterly(context) {
    const [series, t] = await Promise.all([
      quarterlySeries(context.db, context.filters),
      getTranslations("impact"),
    ]);
    return {
      key: "quarterly",
      category: "quarter",
      columns: columns(
        "number",
        "jobs_created",
        "jobs_created_women",
        "jobs_created_men",
        "jobs_created_youth",
      ),
      rows: series.map((q) => ({
        id: q.quarter,
        label: t("quarter", { year: q.quarter.slice(0, 4), quarter: q.quarter.slice(-1) }),
        values: {
          jobs_created: q.created,
          jobs_created_women: q.createdWomen,
          jobs_created_men: q.created - q.createdWomen,
          jobs_created_youth: q.createdYouth,
        },
      })),
    };
  },

  async provinces(context) {
    const provinces = await provinceOptions(context.db);
    return jobsDataset(
      context,
      "provinces",
      "province",
      (id) => provinces.find((p) => p.key === id)?.[context.locale] ?? id,
      (id) => `/impact/provinces/${id}${impactQueryString(context.query, { province: undefined })}`,
    );
  },

  async sectors(context) {
    const t = await getTranslations("sector");
    return jobsDataset(context, "sectors", "sector", (id) => t(id));
  },

  async programs(context) {
    const [rows, t] = await Promise.all([
      programFigures(context.db, context.filters),
      getTranslations("impact"),
    ]);
    return {
      key: "programs",
      category: "program",
      columns: [
        { key: "support_disbursed_mad", format: "money" },
        ...columns("number", "jobs_created", "recipients_jobs_created"),
        { key: "cost_per_job_mad", format: "money" },
      ],
      rows: rows.map((row) => ({
        id: row.programKey,
        label: row.programNames?.[context.locale] ?? t("noProgram"),
        values: {
          support_disbursed_mad: row.supportCentimes / 100,
          jobs_created: row.created,
          recipients_jobs_created: row.recipientsCreated,
          cost_per_job_mad: costPerJob(row.supportUpToCentimes, row.recipientsCreated),
        },
      })),
    };
  },

  async sources(context) {
    const [rows, t] = await Promise.all([
      fundingBySource(context.db, context.filters),
      getTranslations("fundingSource"),
    ]);
    return {
      key: "sources",
      category: "source",
      columns: columns("money", "funding_committed_mad", "funding_disbursed_mad"),
      rows: rows.map((row) => ({
        id: row.source,
        label: t(row.source),
        values: {
          funding_committed_mad: row.committedCentimes / 100,
          funding_disbursed_mad: row.disbursedCentimes / 100,
        },
      })),
    };
  },

  async funnel(context) {
    const [rows, t] = await Promise.all([
      stageFunnel(context.db, context.filters),
      getTranslations("stage"),
    ]);
    return {
      key: "funnel",
      category: "stage",
      columns: columns("number", "cooperatives"),
      rows: rows.map((row) => ({
        id: row.stage,
        label: t(row.stage),
        values: { cooperatives: row.count },
      })),
    };
  },

  async graduation(context) {
    const t = await getTranslations("impact");
    const [rows, name] = await Promise.all([
      graduationByCohort(context.db, context.filters),
      cohortNames(context, t("noCohort")),
    ]);
    return {
      key: "graduation",
      category: "cohort",
      idColumn: "cohort_id",
      columns: [
        ...columns("number", "graduated", "withdrawn"),
        { key: "graduation_rate", format: "percent" },
      ],
      rows: rows.map((row) => ({
        id: row.cohortId === null ? null : String(row.cohortId),
        label: name(row.cohortId),
        values: { graduated: row.graduated, withdrawn: row.withdrawn, graduation_rate: row.rate },
      })),
    };
  },

  async milestones(context) {
    const t = await getTranslations("impact");
    const [rows, name] = await Promise.all([
      milestonesByCohort(context.db, context.filters, context.today),
      cohortNames(context, t("noCohort")),
    ]);
    return {
      key: "milestones",
      category: "cohort",
      idColumn: "cohort_id",
      columns: [
        { key: "milestone_completion", format: "percent" },
        ...columns(
          "number",
          "milestones_total",
          "milestones_done",
          "milestones_waived",
          "milestones_overdue",
        ),
      ],
      rows: rows.map((row) => ({
        id: row.cohortId === null ? null : String(row.cohortId),
        label: name(row.cohortId),
        values: {
          milestone_completion: row.completion,
          milestones_total: row.total,
          milestones_done: row.done,
          milestones_waived: row.waived,
          milestones_overdue: row.overdue,
        },
      })),
    };
  },
};

export function loadChart(key: ChartKey, context: ChartContext): Promise<ChartDataset> {
  return loaders[key](context);
}
