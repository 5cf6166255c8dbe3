import type { Metadata } from "next";
import Link from "next/link";
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
import { getDb } from "@/db";
import { mentorLoads } from "@/db/queries/mentors";
import { requireRole } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatDate, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { MENTOR_MAX_COOPERATIVES, SILENT_DAYS } from "@/lib/validation/session";
import { daysBetween } from "./_components/days";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mentors");
  return { title: t("title") };
}

/** Staff see every mentor's load and last session: who is overloaded, who has gone silent. */
export default async function MentorsPage() {
  await requireRole("admin", "staff");
  const today = todayIso();
  const [rows, t, locale] = await Promise.all([
    getDb().then((db) => mentorLoads(db, today)),
    getTranslations("mentors"),
    currentLocale(),
  ]);
  const n = (value: number) => formatNumber(locale, value);
  const hours = (minutes: number) => formatNumber(locale, minutes / 60, 1);
  return (
    <div className="grid min-w-0 gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-muted-foreground">
        {t("list.legend", { max: n(MENTOR_MAX_COOPERATIVES), days: n(SILENT_DAYS) })}
      </p>
      {rows.length === 0 ? (
        <p className="text-muted-foreground">{t("list.empty")}</p>
      ) : (
        <Table data-testid="mentors">
          <TableHeader>
            <TableRow>
              <TableHead>{t("list.name")}</TableHead>
              <TableHead className="text-end">{t("list.cooperatives")}</TableHead>
              <TableHead className="text-end">{t("list.sessionsMonth")}</TableHead>
              <TableHead className="text-end">{t("list.hoursMonth")}</TableHead>
              <TableHead className="text-end">{t("list.hoursYear")}</TableHead>
              <TableHead>{t("list.lastSession")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((m) => {
              const overloaded = m.cooperatives > MENTOR_MAX_COOPERATIVES;
              const silent =
                m.active &&
                (m.lastSession === null || daysBetween(m.lastSession, today) > SILENT_DAYS);
              return (
                <TableRow
                  key={m.id}
                  data-mentor-id={m.id}
                  data-overloaded={overloaded}
                  data-silent={silent}
                >
                  <TableCell className="whitespace-normal">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link
                        href={`/mentors/${m.id}`}
                        className="font-medium text-primary hover:underline"
                      >
                        {m.name}
                      </Link>
                      {!m.active && <Badge variant="outline">{t("list.inactive")}</Badge>}
                      {overloaded && <Badge variant="destructive">{t("list.overloaded")}</Badge>}
                      {silent && <Badge variant="warning">{t("list.silent")}</Badge>}
                    </div>
                  </TableCell>
                  <TableCell className="text-end tabular-nums">{n(m.cooperatives)}</TableCell>
                  <TableCell className="text-end tabular-nums">{n(m.sessionsMonth)}</TableCell>
                  <TableCell className="text-end tabular-nums">{hours(m.minutesMonth)}</TableCell>
                  <TableCell className="text-end tabular-nums">{hours(m.minutesYear)}</TableCell>
                  <TableCell className="tabular-nums">
                    {m.lastSession ? formatDate(locale, m.lastSession) : t("list.never")}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
