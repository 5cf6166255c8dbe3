import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { stageHistory } from "@/db/queries/cooperative-record";
import { canEditCooperatives, canSeeContacts } from "@/lib/dal";
import { currentLocale } from "@/lib/i18n/server";
import { searchParam } from "@/lib/search-param";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";
import { ArchiveControl } from "../_components/archive-control";
import { hidesPersonName } from "../_components/display";
import { AssignmentsSection } from "../_components/assignments-section";
import { FairsSection } from "../_components/fairs-section";
import { FundingSection } from "../_components/funding-section";
import { JobsSection } from "../_components/jobs-section";
import { MilestonesSection } from "../_components/milestones-section";
import { SessionsSection } from "../_components/sessions-section";
import { StageFormOnDemand } from "../_components/on-demand-forms";
import { loadCooperative } from "../_components/load";
import { StageTimeline } from "../_components/stage-timeline";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { viewer, cooperative } = await loadCooperative((await params).id);
  const t = await getTranslations("cooperatives");
  const hidden = hidesPersonName(viewer, cooperative.legalForm);
  return {
    title: hidden ? t("autoEntrepreneurName", { id: String(cooperative.id) }) : cooperative.name,
  };
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

export default async function CooperativePage({ params, searchParams }: Props) {
  const { viewer, cooperative: c } = await loadCooperative((await params).id);
  const mentorQ = searchParam(await searchParams, "mentor_q");
  const [history, t, f, tStage, tSector, tLegal, tArea, locale] = await Promise.all([
    getDb().then((db) => stageHistory(db, c.id)),
    getTranslations("cooperatives"),
    getTranslations("cooperatives.fields"),
    getTranslations("stage"),
    getTranslations("sector"),
    getTranslations("legalForm"),
    getTranslations("area"),
    currentLocale(),
  ]);
  const none = t("none");
  const hidden = hidesPersonName(viewer, c.legalForm);
  const editable = canEditCooperatives(viewer);
  const date = (value: string | null) => (value ? formatDate(locale, value) : none);
  return (
    <div
      className="grid min-w-0 gap-6"
      data-testid="cooperative-profile"
      data-cooperative-id={c.id}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h1 className="text-2xl font-bold">
            {hidden ? t("autoEntrepreneurName", { id: String(c.id) }) : c.name}
          </h1>
          {!hidden && c.nameLatin && (
            <p className="text-muted-foreground" dir="auto">
              {c.nameLatin}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Badge data-testid="stage" data-stage={c.stage}>
              {tStage(c.stage)}
            </Badge>
            <Badge variant="outline">{tSector(c.sector)}</Badge>
            {c.archivedAt && <Badge variant="warning">{t("archivedBadge")}</Badge>}
          </div>
        </div>
        {editable && (
          <div className="flex flex-wrap gap-2">
            {!c.archivedAt && (
              <Link
                href={`/cooperatives/${c.id}/edit`}
                className={buttonVariants({ variant: "outline" })}
              >
                {t("edit")}
              </Link>
            )}
            <ArchiveControl id={c.id} archived={Boolean(c.archivedAt)} />
          </div>
        )}
      </div>
      {c.archivedAt && (
        <p role="status" className="rounded-md border border-warning bg-warning/10 p-3 text-sm">
          {t("archive.archivedNotice")}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("sections.identity")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-4">
              <Fact label={f("legal_form")}>{tLegal(c.legalForm)}</Fact>
              <Fact label={f("sector")}>{tSector(c.sector)}</Fact>
              <Fact label={f("province")}>{c.provinceNames[locale]}</Fact>
              <Fact label={f("commune")}>{c.commune ?? none}</Fact>
              <Fact label={f("area")}>{tArea(c.area)}</Fact>
              <Fact label={f("women_coop")}>{c.womenCoop ? t("yes") : t("no")}</Fact>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("sections.legal")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-4">
              <Fact label={f("registration_number")}>
                <span dir="auto">{c.registrationNumber ?? none}</span>
              </Fact>
              <Fact label={f("registered_on")}>{date(c.registeredOn)}</Fact>
              <Fact label={f("court")}>{c.court ?? none}</Fact>
              <Fact label={f("founded_on")}>{date(c.foundedOn)}</Fact>
              <Fact label={f("share_capital_mad")}>
                {c.shareCapitalMad === null
                  ? none
                  : formatMoney(locale, Number(c.shareCapitalMad), 2)}
              </Fact>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("sections.members")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-3 gap-4">
              <Fact label={f("members_total")}>{formatNumber(locale, c.membersTotal)}</Fact>
              <Fact label={f("members_women")}>{formatNumber(locale, c.membersWomen)}</Fact>
              <Fact label={f("members_youth")}>{formatNumber(locale, c.membersYouth)}</Fact>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("sections.contacts")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            {canSeeContacts(viewer) ? (
              <dl className="grid grid-cols-2 gap-4" data-testid="contacts">
                <Fact label={f("contact_name")}>{c.contactName ?? none}</Fact>
                <Fact label={f("phone")}>
                  {c.phone ? (
                    <a href={`tel:${c.phone}`} dir="ltr" className="text-primary hover:underline">
                      {c.phone}
                    </a>
                  ) : (
                    none
                  )}
                </Fact>
                <Fact label={f("email")}>
                  {c.email ? (
                    <a
                      href={`mailto:${c.email}`}
                      dir="ltr"
                      className="text-primary hover:underline"
                    >
                      {c.email}
                    </a>
                  ) : (
                    none
                  )}
                </Fact>
                <Fact label={f("address")}>{c.address ?? none}</Fact>
              </dl>
            ) : (
              <p className="text-sm text-muted-foreground">{t("contactsHidden")}</p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("sections.pipeline")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <dl className="grid grid-cols-2 gap-4">
              <Fact label={f("cohort")}>{c.cohort?.name ?? t("noCohort")}</Fact>
              <Fact label={f("program")}>{c.cohort ? c.cohort.programNames[locale] : none}</Fact>
              <Fact label={f("stage")}>{tStage(c.stage)}</Fact>
            </dl>
            {editable && !c.archivedAt && <StageFormOnDemand id={c.id} current={c.stage} />}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>{t("sections.history")}</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <StageTimeline history={history} />
          </CardContent>
        </Card>
      </div>
      <div className="grid gap-6 md:grid-cols-2 [&>*]:min-w-0">
        <FundingSection viewer={viewer} cooperativeId={c.id} archived={Boolean(c.archivedAt)} />
        <JobsSection viewer={viewer} cooperativeId={c.id} />
        <FairsSection viewer={viewer} cooperativeId={c.id} />
        <MilestonesSection viewer={viewer} cooperativeId={c.id} />
        <SessionsSection viewer={viewer} cooperativeId={c.id} archived={Boolean(c.archivedAt)} />
        <AssignmentsSection
          viewer={viewer}
          cooperativeId={c.id}
          archived={Boolean(c.archivedAt)}
          mentorQ={mentorQ}
        />
      </div>
    </div>
  );
}
