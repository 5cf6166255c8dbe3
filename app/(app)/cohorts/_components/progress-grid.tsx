import Link from "next/link";
import { Ban, Check, Circle, CircleDot, Hourglass, Minus, TriangleAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import {
  cohortProgressGrid,
  type GridCell,
  type MilestoneStatus,
  type ProgressGrid as Grid,
} from "@/db/queries/progress";
import type { Stage } from "@/db/schema";
import { todayIso } from "@/lib/dates";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { cn } from "@/lib/utils";

/** Each status has its own colour and its own shape, so the grid reads without colour too. */
const LOOK: Record<MilestoneStatus | "none", { icon: typeof Check; className: string }> = {
  done: { icon: Check, className: "bg-success/20 text-success" },
  reported: { icon: Hourglass, className: "bg-primary/15 text-primary" },
  in_progress: { icon: CircleDot, className: "bg-warning/25 text-foreground" },
  todo: { icon: Circle, className: "bg-muted text-muted-foreground" },
  blocked: { icon: Ban, className: "bg-destructive/15 text-destructive" },
  waived: { icon: Minus, className: "bg-background text-muted-foreground border border-dashed" },
  none: { icon: Minus, className: "text-muted-foreground/50" },
};
const LEGEND = ["done", "reported", "in_progress", "todo", "blocked", "waived", "none"] as const;

function Chip({
  look,
  overdue,
  label,
}: {
  look: keyof typeof LOOK;
  overdue: boolean;
  label: string;
}) {
  const { icon: Icon, className } = LOOK[look];
  return (
    <span
      title={label || undefined}
      className={cn(
        "inline-flex h-7 min-w-9 items-center justify-center gap-0.5 rounded-md px-1",
        className,
        overdue && "ring-2 ring-destructive",
      )}
    >
      <Icon aria-hidden className="size-4" />
      {overdue && <TriangleAlert aria-hidden className="size-3 text-destructive" />}
      {label && <span className="sr-only">{label}</span>}
    </span>
  );
}

/**
 * The cohort's cooperatives (rows) against the milestones of the stages they reached (columns),
 * custom milestones summed up last. Scrolls sideways on a phone, its first column staying put.
 */
export async function ProgressGrid({ grid }: { grid: Grid }) {
  const [t, tStatus, tStage, locale] = await Promise.all([
    getTranslations("progress.grid"),
    getTranslations("milestoneStatus"),
    getTranslations("stage"),
    currentLocale(),
  ]);
  if (
    grid.rows.length === 0 ||
    (grid.columns.length === 0 && grid.rows.every((r) => !r.custom.total))
  )
    return (
      <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
        {t("empty")}
      </p>
    );
  const stages: { stage: Stage; span: number }[] = [];
  for (const column of grid.columns) {
    const last = stages[stages.length - 1];
    if (last?.stage === column.stage) last.span += 1;
    else stages.push({ stage: column.stage, span: 1 });
  }
  const n = (value: number) => formatNumber(locale, value);
  const statusLabel = (status: MilestoneStatus | "none") =>
    status === "none" ? t("none") : tStatus(status);
  const cellLabel = (milestone: string, cell: GridCell | undefined) =>
    t(cell?.overdue ? "cellOverdue" : "cell", {
      milestone,
      status: statusLabel(cell?.status ?? "none"),
    });
  const sticky = "sticky start-0 z-10 bg-card";
  return (
    <div className="grid gap-3">
      <div
        className="overflow-x-auto rounded-md border"
        role="region"
        aria-label={t("title")}
        tabIndex={0}
      >
        <table className="w-max min-w-full border-collapse text-sm" data-testid="progress-grid">
          <thead>
            <tr className="border-b">
              <th rowSpan={2} scope="col" className={cn(sticky, "p-2 text-start align-bottom")}>
                {t("cooperative")}
              </th>
              {stages.map(({ stage, span }) => (
                <th
                  key={stage}
                  colSpan={span}
                  scope="colgroup"
                  className="border-s p-2 text-center text-xs font-semibold"
                >
                  {tStage(stage)}
                </th>
              ))}
              <th rowSpan={2} scope="col" className="border-s p-2 align-bottom text-xs">
                {t("custom")}
              </th>
            </tr>
            <tr className="border-b">
              {grid.columns.map((column) => (
                <th
                  key={column.templateId}
                  scope="col"
                  className="w-24 max-w-24 p-1 align-bottom text-xs font-normal whitespace-normal"
                  data-template-key={column.key}
                >
                  {column.names[locale]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr
                key={row.cooperativeId}
                className="border-b"
                data-cooperative-id={row.cooperativeId}
              >
                <th scope="row" className={cn(sticky, "max-w-48 p-2 text-start font-medium")}>
                  <Link
                    href={`/cooperatives/${row.cooperativeId}`}
                    className="line-clamp-2 text-primary hover:underline"
                    dir="auto"
                  >
                    {row.name}
                  </Link>
                </th>
                {grid.columns.map((column) => {
                  const cell = row.cells[column.templateId];
                  return (
                    <td
                      key={column.templateId}
                      className="p-1 text-center"
                      data-template-key={column.key}
                      data-status={cell?.status ?? "none"}
                      data-overdue={cell?.overdue ? "true" : undefined}
                    >
                      <Chip
                        look={cell?.status ?? "none"}
                        overdue={cell?.overdue ?? false}
                        label={cellLabel(column.names[locale], cell)}
                      />
                    </td>
                  );
                })}
                <td
                  className="border-s p-1 text-center tabular-nums"
                  data-custom={`${row.custom.done}/${row.custom.total}`}
                  data-overdue={row.custom.overdue > 0 ? "true" : undefined}
                >
                  {row.custom.total === 0 ? (
                    <span className="text-muted-foreground">{t("noCustom")}</span>
                  ) : (
                    <span
                      title={t("customCell", {
                        done: n(row.custom.done),
                        total: n(row.custom.total),
                      })}
                      className={cn(
                        "inline-flex items-center gap-1 rounded-md px-1.5 py-0.5",
                        row.custom.overdue > 0 && "ring-2 ring-destructive",
                      )}
                    >
                      <span aria-hidden>
                        {t("customValue", { done: n(row.custom.done), total: n(row.custom.total) })}
                      </span>
                      {row.custom.overdue > 0 && (
                        <TriangleAlert aria-hidden className="size-3 text-destructive" />
                      )}
                      <span className="sr-only">
                        {t(row.custom.overdue > 0 ? "customCellOverdue" : "customCell", {
                          done: n(row.custom.done),
                          total: n(row.custom.total),
                          overdue: n(row.custom.overdue),
                        })}
                      </span>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid gap-2 text-sm" data-testid="progress-legend">
        <h3 className="font-medium">{t("legend")}</h3>
        <ul className="flex flex-wrap gap-x-4 gap-y-2">
          {LEGEND.map((status) => (
            <li key={status} className="flex items-center gap-2">
              <Chip look={status} overdue={false} label="" />
              <span>{statusLabel(status)}</span>
            </li>
          ))}
          <li className="flex items-center gap-2">
            <Chip look="todo" overdue label="" />
            <span>{t("overdue")}</span>
          </li>
        </ul>
        <p className="text-muted-foreground">{t("scrollHint")}</p>
      </div>
    </div>
  );
}

/** The cohort page's card: loads the grid of a cohort the page has already checked access to. */
export async function CohortProgress({ cohortId }: { cohortId: number }) {
  const [grid, t] = await Promise.all([
    getDb().then((db) => cohortProgressGrid(db, { cohortId, today: todayIso() })),
    getTranslations("progress.grid"),
  ]);
  return (
    <Card className="min-w-0" data-testid="cohort-progress">
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <ProgressGrid grid={grid} />
      </CardContent>
    </Card>
  );
}
