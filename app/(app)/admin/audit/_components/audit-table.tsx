import { getTranslations } from "next-intl/server";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { AuditRow } from "@/db/queries/admin";
import { formatDateTime } from "@/lib/format";
import type { Locale } from "@/lib/i18n/config";
import { diffJson } from "./diff";
import { auditLabels } from "./labels";

function fullJson(value: unknown): string {
  return value === null || value === undefined ? "null" : JSON.stringify(value, null, 2);
}

export async function AuditTable({ rows, locale }: { rows: AuditRow[]; locale: Locale }) {
  const [t, labels] = await Promise.all([getTranslations("audit"), auditLabels()]);
  return (
    <Table data-testid="audit-table">
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.at")}</TableHead>
          <TableHead>{t("columns.actor")}</TableHead>
          <TableHead>{t("columns.action")}</TableHead>
          <TableHead>{t("columns.entity")}</TableHead>
          <TableHead>{t("columns.changes")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const changes = diffJson(row.before, row.after);
          return (
            <TableRow key={row.id} data-audit-id={row.id} className="align-top">
              <TableCell className="align-top tabular-nums">
                <time dateTime={row.at.toISOString()}>{formatDateTime(locale, row.at)}</time>
              </TableCell>
              <TableCell className="align-top">
                {row.actorName ?? (row.actorId === null ? t("noActor") : `#${row.actorId}`)}
              </TableCell>
              <TableCell className="align-top">{labels.action(row.action)}</TableCell>
              <TableCell className="align-top">
                {labels.entity(row.entity)}
                {row.entityId !== null && (
                  <span className="text-muted-foreground" dir="ltr">
                    {" "}
                    #{row.entityId}
                  </span>
                )}
              </TableCell>
              <TableCell className="min-w-64 align-top whitespace-normal">
                {changes.length === 0 ? (
                  <span className="text-muted-foreground">{t("noChanges")}</span>
                ) : (
                  <ul className="grid gap-0.5 font-mono text-xs" dir="ltr">
                    {changes.map((change) => (
                      <li key={change.key} className="break-all">
                        {change.key && <span className="font-semibold">{change.key}: </span>}
                        <span className="text-muted-foreground">{change.before}</span>
                        {" → "}
                        <span>{change.after}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {(row.before !== null || row.after !== null) && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-muted-foreground">
                      {t("fullJson")}
                    </summary>
                    <div className="mt-1 grid gap-2 sm:grid-cols-2">
                      <div>
                        <div className="text-xs font-medium">{t("before")}</div>
                        <pre dir="ltr" className="overflow-x-auto rounded bg-muted p-2 text-xs">
                          {fullJson(row.before)}
                        </pre>
                      </div>
                      <div>
                        <div className="text-xs font-medium">{t("after")}</div>
                        <pre dir="ltr" className="overflow-x-auto rounded bg-muted p-2 text-xs">
                          {fullJson(row.after)}
                        </pre>
                      </div>
                    </div>
                  </details>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
