import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
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
import { listCooperatives } from "@/db/queries/cooperatives";
import { cooperativeScope, type Viewer } from "@/lib/dal";
import { currentLocale } from "@/lib/i18n/server";

export async function MentorHome({ viewer }: { viewer: Viewer }) {
  const [rows, t, tStage, locale] = await Promise.all([
    listCooperatives(await getDb(), cooperativeScope(viewer)),
    getTranslations("home.mentor"),
    getTranslations("stage"),
    currentLocale(),
  ]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-muted-foreground">{t("empty")}</p>
        ) : (
          <Table data-testid="mentor-cooperatives">
            <TableHeader>
              <TableRow>
                <TableHead>{t("name")}</TableHead>
                <TableHead>{t("province")}</TableHead>
                <TableHead>{t("stage")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-cooperative-id={row.id}>
                  <TableCell className="whitespace-normal">
                    <div className="font-medium">{row.name}</div>
                    {row.nameLatin && (
                      <div className="text-sm text-muted-foreground" dir="ltr">
                        {row.nameLatin}
                      </div>
                    )}
                  </TableCell>
                  <TableCell className="whitespace-normal">{row.province[locale]}</TableCell>
                  <TableCell>
                    <Badge variant="secondary">{tStage(row.stage)}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
