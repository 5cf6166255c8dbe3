import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import type { UserListItem } from "@/db/queries/admin";
import { ROLES } from "@/db/schema";
import { formatDateTime, formatNumber } from "@/lib/format";
import { isLocale, type Locale } from "@/lib/i18n/config";
import { ActiveControl } from "./active-control";
import { ResetPasswordControl } from "./reset-password-control";
import { RoleForm } from "./role-form";

export async function UsersTable({
  rows,
  viewerId,
  locale,
}: {
  rows: UserListItem[];
  viewerId: number;
  locale: Locale;
}) {
  const [t, tLanguage, tCommon] = await Promise.all([
    getTranslations("adminUsers"),
    getTranslations("language"),
    getTranslations("common"),
  ]);
  if (rows.length === 0) {
    return (
      <p className="rounded-md border border-dashed p-6 text-center text-muted-foreground">
        {t("list.empty")}
      </p>
    );
  }
  return (
    <div className="grid gap-2">
      <p className="text-sm text-muted-foreground" role="status">
        {t("list.count", { count: formatNumber(locale, rows.length) })}
      </p>
      <Table data-testid="users-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t("fields.name")}</TableHead>
            <TableHead>{t("fields.email")}</TableHead>
            <TableHead>{t("fields.role")}</TableHead>
            <TableHead>{t("fields.locale")}</TableHead>
            <TableHead>{t("list.status")}</TableHead>
            <TableHead>{t("list.lastSignIn")}</TableHead>
            <TableHead>
              <span className="sr-only">{t("list.actions")}</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((user) => {
            const self = user.id === viewerId;
            return (
              <TableRow key={user.id} data-user-id={user.id}>
                <TableCell className="font-medium">
                  <span className="flex items-center gap-2">
                    {user.name}
                    {self && <Badge variant="outline">{t("list.you")}</Badge>}
                  </span>
                </TableCell>
                <TableCell>
                  <bdi dir="ltr">{user.email}</bdi>
                </TableCell>
                <TableCell>
                  <RoleForm userId={user.id} name={user.name} role={user.role} roles={ROLES} />
                </TableCell>
                <TableCell>
                  {isLocale(user.locale) ? tLanguage(user.locale) : tCommon("none")}
                </TableCell>
                <TableCell>
                  <span className="flex flex-wrap gap-1">
                    {user.active ? (
                      <Badge variant="success">{t("list.active")}</Badge>
                    ) : (
                      <Badge variant="secondary">{t("list.inactive")}</Badge>
                    )}
                    {user.mustChangePassword && (
                      <Badge variant="warning">{t("list.mustChangePassword")}</Badge>
                    )}
                  </span>
                </TableCell>
                <TableCell className="tabular-nums">
                  {user.lastLoginAt ? formatDateTime(locale, user.lastLoginAt) : t("list.never")}
                </TableCell>
                <TableCell>
                  {!self && (
                    <span className="flex flex-wrap justify-end gap-2">
                      <ActiveControl userId={user.id} name={user.name} active={user.active} />
                      <ResetPasswordControl userId={user.id} name={user.name} />
                    </span>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
