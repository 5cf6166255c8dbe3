import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { getDb } from "@/db";
import { mentorChoices, sessionMentor } from "@/db/queries/assignments";
import { cohortChoices } from "@/db/queries/cooperative-record";
import {
  cooperativeChoices,
  cooperativeOption,
  searchSessions,
  type SessionListFilters,
} from "@/db/queries/sessions";
import {
  canEditCooperatives,
  canLogSessions,
  cooperativeAccess,
  cooperativeScope,
  verifySession,
} from "@/lib/dal";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { searchParam } from "@/lib/search-param";
import { parseSessionFilters, sessionQuery } from "@/lib/validation/session";
import { PageLinks } from "@/components/pagination";
import { SessionFilters } from "./_components/session-filters";
import { SessionItems } from "./_components/session-items";

/** 20 cards: each carries its notes, topics and links, and mentors read the list on phones. */
const PAGE_SIZE = 20;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sessions");
  return { title: t("title") };
}

/** Sessions across cooperatives: staff and admins all, a mentor those of assigned cooperatives. */
export default async function SessionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await verifySession();
  if (!canLogSessions(viewer.role)) notFound();
  const params = await searchParams;
  const staff = canEditCooperatives(viewer);
  // The mentor's name search exists for staff only, who filter by mentor.
  const filters: SessionListFilters = {
    ...parseSessionFilters(params),
    mentorName: staff ? searchParam(params, "mentor_q") : undefined,
  };
  const db = await getDb();
  const scope = cooperativeScope(viewer);
  const [page, mentors, mentor, cooperatives, cooperative, cohorts, t, locale] = await Promise.all([
    searchSessions(db, { access: cooperativeAccess(viewer), filters, pageSize: PAGE_SIZE }),
    staff ? mentorChoices(db) : undefined,
    staff && filters.mentorId ? sessionMentor(db, filters.mentorId) : null,
    cooperativeChoices(db, scope),
    filters.cooperativeId ? cooperativeOption(db, scope, filters.cooperativeId) : null,
    cohortChoices(db, filters),
    getTranslations("sessions"),
    currentLocale(),
  ]);
  const n = (value: number) => formatNumber(locale, value);
  const search = { mentor_q: filters.mentorName };
  const query = sessionQuery(filters, { ...search, page: undefined });
  const download = (format: "csv" | "xlsx") =>
    `/api/export/sessions${query}${query ? "&" : "?"}labels=1${format === "csv" ? "" : "&format=xlsx"}`;
  const outline = buttonVariants({ variant: "outline", size: "sm" });
  return (
    <div className="grid min-w-0 gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <div className="flex flex-wrap gap-2">
          <Link href="/sessions/new" className={buttonVariants({ size: "sm" })}>
            {t("new")}
          </Link>
          <a href={download("csv")} className={outline} download>
            {t("list.export")}
          </a>
          <a href={download("xlsx")} className={outline} download>
            {t("list.exportXlsx")}
          </a>
        </div>
      </div>
      <SessionFilters
        filters={filters}
        mentors={mentors && mentors.map((m) => ({ value: String(m.id), label: m.name }))}
        mentor={mentor}
        cooperatives={cooperatives?.map((c) => ({ value: String(c.id), label: c.name })) ?? null}
        cooperative={cooperative}
        cohorts={cohorts}
      />
      <p
        className="text-sm text-muted-foreground"
        data-testid="sessions-count"
        data-total={page.total}
        data-capped={page.capped || undefined}
      >
        {page.capped
          ? t("list.countCapped", { n: n(page.total) })
          : t("list.count", { count: page.total, n: n(page.total) })}
        {page.total > 0 &&
          !page.capped &&
          ` · ${t("list.hours", { hours: formatNumber(locale, page.minutes / 60, 1) })}`}
      </p>
      {page.rows.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
          {t("list.empty")}
        </p>
      ) : (
        <SessionItems viewer={viewer} sessions={page.rows} />
      )}
      <PageLinks
        page={filters.page}
        total={page.total}
        pageSize={PAGE_SIZE}
        href={(page) =>
          `/sessions${sessionQuery(filters, { ...search, page: page > 1 ? page : undefined })}`
        }
        namespace="sessions.list"
      />
    </div>
  );
}
