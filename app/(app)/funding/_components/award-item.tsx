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
import type { CooperativeAward } from "@/db/queries/funding-ledger";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { AWARD_TRANSITIONS, OPEN_AWARD_STATUSES } from "@/lib/validation/funding";
import { AwardStatusForm } from "./award-status-form";
import { DisbursementForm } from "./disbursement-form";
import { ReleaseForm } from "./release-form";
import { AwardStatusBadge } from "./status-badge";

type Option = { value: string; label: string };

/** One award in a cooperative's profile: its figures, its tranches and, for staff, its forms. */
export async function AwardItem({
  award,
  editable,
  milestones,
  today,
}: {
  award: CooperativeAward;
  editable: boolean;
  milestones: Option[];
  today: string;
}) {
  const [t, tSource, tKind, tMilestone, locale] = await Promise.all([
    getTranslations("funding"),
    getTranslations("fundingSource"),
    getTranslations("fundingKind"),
    getTranslations("milestoneStatus"),
    currentLocale(),
  ]);
  const mad = (value: string) => formatMoney(locale, Number(value), 2);
  const open = (OPEN_AWARD_STATUSES as readonly string[]).includes(award.status);
  const next = AWARD_TRANSITIONS[award.status];
  const figures = [
    ["amount", award.amountMad],
    ["coFinancing", award.coFinancingMad],
    ["disbursed", award.disbursedMad],
    ["planned", award.plannedMad],
    ["remaining", award.remainingMad],
  ] as const;
  return (
    <article
      className="grid gap-3 rounded-lg border p-4"
      data-testid="award"
      data-award-id={award.id}
      data-status={award.status}
      data-remaining={award.remainingMad}
      data-disbursed={award.disbursedMad}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold">
          {award.programNames?.[locale] ?? t("award.noProgram")} · {tSource(award.source)}
        </h3>
        <div className="flex flex-wrap gap-2">
          <Badge variant="outline">{tKind(award.kind)}</Badge>
          <AwardStatusBadge status={award.status} />
        </div>
      </div>
      <p className="text-sm text-muted-foreground">
        {t("award.awardedOn", { date: formatDate(locale, award.awardedOn) })}
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {figures.map(([key, value]) => (
          <div key={key} className="grid gap-0.5">
            <dt className="text-xs text-muted-foreground">{t(`award.${key}`)}</dt>
            <dd className="font-medium tabular-nums" data-figure={key}>
              {mad(value)}
            </dd>
          </div>
        ))}
      </dl>
      {award.notes && (
        <p className="text-sm whitespace-pre-line" dir="auto">
          {award.notes}
        </p>
      )}
      {award.tranches.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("award.noTranches")}</p>
      ) : (
        <Table data-testid="tranches">
          <TableHeader>
            <TableRow>
              <TableHead>{t("award.date")}</TableHead>
              <TableHead className="text-end">{t("award.trancheAmount")}</TableHead>
              <TableHead>{t("award.reference")}</TableHead>
              <TableHead>{t("award.milestone")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {award.tranches.map((tranche) => {
              const waiting = tranche.status === "planned";
              const ready =
                waiting && open && (!tranche.milestone || tranche.milestoneStatus === "done");
              return (
                <TableRow
                  key={tranche.id}
                  data-tranche-id={tranche.id}
                  data-status={tranche.status}
                >
                  <TableCell>
                    {tranche.disbursedOn ? (
                      formatDate(locale, tranche.disbursedOn)
                    ) : (
                      <Badge variant="secondary">{t("award.plannedBadge")}</Badge>
                    )}
                  </TableCell>
                  <TableCell className="text-end tabular-nums">{mad(tranche.amountMad)}</TableCell>
                  <TableCell dir="auto">{tranche.reference ?? t("none")}</TableCell>
                  <TableCell className="grid gap-2 whitespace-normal">
                    {tranche.milestone ? (
                      <span>
                        {tranche.milestone[locale]}
                        {tranche.milestoneStatus && ` (${tMilestone(tranche.milestoneStatus)})`}
                      </span>
                    ) : (
                      t("none")
                    )}
                    {ready && tranche.milestone && (
                      <Badge variant="success">{t("award.releasable")}</Badge>
                    )}
                    {ready && editable && <ReleaseForm trancheId={tranche.id} today={today} />}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {editable && next.length > 0 && <AwardStatusForm awardId={award.id} next={next} />}
      {editable && open && Number(award.remainingMad) > 0 && (
        <DisbursementForm awardId={award.id} milestones={milestones} today={today} />
      )}
    </article>
  );
}
