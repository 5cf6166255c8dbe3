import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MilestoneStatusBadge } from "@/components/milestone-status-badge";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { MilestoneRow } from "@/db/queries/milestone-list";
import { formatDate } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

/** Milestones across cooperatives, soonest due first; each row leads to its cooperative. */
export async function MilestonesTable({ rows }: { rows: MilestoneRow[] }) {
  const [t, tStage, tStatus, locale] = await Promise.all([
    getTranslations("milestones"),
    getTranslations("stage"),
    getTranslations("milestoneStatus"),
    currentLocale(),
  ]);
  if (rows.length === 0) {
    return (
      <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
        {t("list.empty")}
      </p>
    );
  }
  return (
    <Table data-testid="milestones-table">
      <TableHeader>
        <TableRow>
          <TableHead>{t("fields.cooperative")}</TableHead>
          <TableHead>{t("fields.title")}</TableHead>
          <TableHead>{t("fields.stage")}</TableHead>
          <TableHead>{t("fields.status")}</TableHead>
          <TableHead>{t("fields.due_on")}</TableHead>
          <TableHead>{t("fields.reported_by")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-milestone-id={row.id} data-status={row.status}>
            <TableCell className="whitespace-normal">
              <Link
                href={`/cooperatives/${row.cooperativeId}?milestone=${row.id}#milestone-${row.id}`}
                className="font-medium text-primary hover:underline"
                dir="auto"
              >
                {row.cooperative}
              </Link>
            </TableCell>
            <TableCell className="whitespace-normal" dir="auto">
              {row.names[locale]}
            </TableCell>
            <TableCell>{tStage(row.stage)}</TableCell>
            <TableCell>
              <MilestoneStatusBadge status={row.status} label={tStatus(row.status)} />
            </TableCell>
            <TableCell className={row.overdue ? "font-medium text-destructive" : undefined}>
              <span className="tabular-nums">
                {row.dueOn ? formatDate(locale, row.dueOn) : t("none")}
              </span>
              {row.overdue && (
                <Badge variant="destructive" className="ms-2">
                  {t("overdue")}
                </Badge>
              )}
            </TableCell>
            <TableCell>{row.reportedBy ?? t("none")}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
