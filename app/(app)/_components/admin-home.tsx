import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { getDb } from "@/db";
import { usersByRole } from "@/db/queries/users";
import { requireRole } from "@/lib/dal";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

export async function AdminHome() {
  await requireRole("admin");
  const [rows, t, tRoles, locale] = await Promise.all([
    usersByRole(await getDb()),
    getTranslations("home.admin"),
    getTranslations("roles"),
    currentLocale(),
  ]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("usersByRole")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        <Table data-testid="users-by-role">
          <TableHeader>
            <TableRow>
              <TableHead>{t("role")}</TableHead>
              <TableHead className="text-end">{t("active")}</TableHead>
              <TableHead className="text-end">{t("total")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.role} data-role={row.role}>
                <TableCell>{tRoles(row.role)}</TableCell>
                <TableCell className="text-end tabular-nums">
                  {formatNumber(locale, row.active)}
                </TableCell>
                <TableCell className="text-end tabular-nums">
                  {formatNumber(locale, row.total)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
