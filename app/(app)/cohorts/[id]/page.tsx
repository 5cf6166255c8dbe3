import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { getDb } from "@/db";
import { cohortFunnel, cohortMembers, enrolmentCandidates } from "@/db/queries/cohorts";
import { formatDate, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { removeAction } from "../actions";
import { EnrolButton } from "../_components/enrol-button";
import { CohortProgress } from "../_components/progress-grid";
import { loadCohort } from "../_components/load";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { cohort } = await loadCohort((await params).id);
  return { title: cohort.name };
}

export default async function CohortPage({ params, searchParams }: Props) {
  const { cohort } = await loadCohort((await params).id);
  const rawFind = (await searchParams).find;
  const find = typeof rawFind === "string" ? rawFind.trim().slice(0, 200) : "";
  const db = await getDb();
  const [funnel, members, candidates, t, tStage, locale] = await Promise.all([
    cohortFunnel(db, cohort.id),
    cohortMembers(db, cohort.id),
    find ? enrolmentCandidates(db, cohort.id, find) : Promise.resolve([]),
    getTranslations("cohorts"),
    getTranslations("stage"),
    currentLocale(),
  ]);
  const widest = Math.max(1, ...funnel.map((f) => f.count));
  const full = cohort.enrolled >= cohort.capacity;
  return (
    <div className="grid min-w-0 gap-6" data-testid="cohort-page">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-bold">{cohort.name}</h1>
          <p className="text-muted-foreground">
            {cohort.programNames[locale]} · {formatDate(locale, cohort.startOn)} –{" "}
            {formatDate(locale, cohort.endOn)}
          </p>
          <div className="flex gap-2">
            <Badge variant={cohort.status === "active" ? "success" : "secondary"}>
              {t(`status.${cohort.status}`)}
            </Badge>
            <Badge variant={full ? "warning" : "outline"} data-testid="fill">
              {t("fillValue", {
                enrolled: formatNumber(locale, cohort.enrolled),
                capacity: formatNumber(locale, cohort.capacity),
              })}
            </Badge>
          </div>
        </div>
        <nav aria-label={t("listsOf")} className="flex flex-wrap gap-2">
          {(["cooperatives", "milestones", "sessions", "funding"] as const).map((list) => (
            <Link
              key={list}
              href={`/${list}?cohort=${cohort.id}`}
              className={buttonVariants({ variant: "ghost", size: "sm" })}
              data-testid={`cohort-${list}-link`}
            >
              {t(`lists.${list}`)}
            </Link>
          ))}
          <Link
            href={`/cohorts/${cohort.id}/edit`}
            className={buttonVariants({ variant: "outline" })}
          >
            {t("edit")}
          </Link>
        </nav>
      </div>
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("funnel")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-2" data-testid="funnel">
              {funnel.map((row) => (
                <li
                  key={row.stage}
                  className="grid grid-cols-[9rem_1fr_3rem] items-center gap-2 text-sm"
                  data-stage={row.stage}
                >
                  <span>{tStage(row.stage)}</span>
                  <span className="h-3 rounded-full bg-muted" aria-hidden>
                    <span
                      className="block h-3 rounded-full bg-primary"
                      style={{ inlineSize: `${(row.count / widest) * 100}%` }}
                    />
                  </span>
                  <span className="text-end tabular-nums">{formatNumber(locale, row.count)}</span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("enrol")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {cohort.status === "closed" ? (
              <p className="text-sm text-muted-foreground">{t("errors.closed")}</p>
            ) : (
              <form method="get" className="flex gap-2" role="search">
                <Input
                  name="find"
                  type="search"
                  defaultValue={find}
                  placeholder={t("findPlaceholder")}
                  aria-label={t("findPlaceholder")}
                />
                <Button type="submit" variant="secondary">
                  {t("find")}
                </Button>
              </form>
            )}
            {find && candidates.length === 0 && (
              <p className="text-sm text-muted-foreground">{t("noCandidates")}</p>
            )}
            <ul className="grid gap-2">
              {candidates.map((c) => (
                <li
                  key={c.id}
                  className="flex items-center justify-between gap-2 rounded-md border p-2 text-sm"
                >
                  <span>
                    <span className="font-medium">{c.name}</span>
                    {c.cohortName && (
                      <span className="text-muted-foreground"> · {c.cohortName}</span>
                    )}
                  </span>
                  <EnrolButton cohortId={cohort.id} cooperativeId={c.id} />
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("members")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {members.length === 0 ? (
            <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
              {t("noMembers")}
            </p>
          ) : (
            <Table data-testid="cohort-members">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("cooperative")}</TableHead>
                  <TableHead>{t("stage")}</TableHead>
                  <TableHead>
                    <span className="sr-only">{t("remove")}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {members.map((m) => (
                  <TableRow key={m.id} data-cooperative-id={m.id}>
                    <TableCell className="whitespace-normal">
                      <Link
                        href={`/cooperatives/${m.id}`}
                        className="font-medium text-primary hover:underline"
                      >
                        {m.name}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <Badge variant="secondary">{tStage(m.stage)}</Badge>
                    </TableCell>
                    <TableCell className="text-end">
                      <form action={removeAction}>
                        <input type="hidden" name="cohort_id" value={cohort.id} />
                        <input type="hidden" name="cooperative_id" value={m.id} />
                        <Button type="submit" variant="ghost" size="sm">
                          {t("remove")}
                        </Button>
                      </form>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <CohortProgress cohortId={cohort.id} />
    </div>
  );
}
