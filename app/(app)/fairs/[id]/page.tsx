import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { hidesPersonName } from "@/app/(app)/cooperatives/_components/display";
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
import { provinceOptions } from "@/db/queries/cooperative-record";
import { eventParticipants, participationCandidates } from "@/db/queries/fairs";
import { canEditCooperatives } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatMoney, formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { eventDates, eventTiming } from "../_components/event-dates";
import { EventForm } from "../_components/event-form";
import { fairAccess, loadEvent } from "../_components/load";
import { ParticipationForm } from "../_components/participation-form";
import { RemoveParticipation } from "../_components/remove-participation";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { event } = await loadEvent((await params).id);
  return { title: event.name };
}

const TIMING_VARIANT = { upcoming: "secondary", ongoing: "success", past: "outline" } as const;

export default async function EventPage({ params }: Props) {
  const { viewer, event } = await loadEvent((await params).id);
  const editable = canEditCooperatives(viewer);
  const { scope } = fairAccess(viewer);
  const db = await getDb();
  const [participants, candidates, provinces, t, tCoop, locale] = await Promise.all([
    eventParticipants(db, { scope, eventId: event.id }),
    editable ? participationCandidates(db, { scope, eventId: event.id }) : Promise.resolve([]),
    editable ? provinceOptions(db) : Promise.resolve([]),
    getTranslations("fairs"),
    getTranslations("cooperatives"),
    currentLocale(),
  ]);
  const timing = eventTiming(todayIso(), event.startsOn, event.endsOn);
  const range = (values: { start: string; end: string }) => t("dateRange", values);
  const money = (value: string | null) =>
    value === null ? t("notReported") : formatMoney(locale, Number(value), 2);
  const name = (p: { cooperativeId: number; cooperativeName: string; legalForm: string }) =>
    hidesPersonName(viewer, p.legalForm)
      ? tCoop("autoEntrepreneurName", { id: String(p.cooperativeId) })
      : p.cooperativeName;
  return (
    <div className="grid min-w-0 gap-6" data-testid="event-page" data-event-id={event.id}>
      <div className="grid gap-2">
        <Link href="/fairs" className="text-sm text-primary hover:underline">
          {t("detail.back")}
        </Link>
        <h1 className="text-2xl font-bold" dir="auto">
          {event.name}
        </h1>
        <p className="text-muted-foreground">
          {eventDates(locale, range, event.startsOn, event.endsOn)}
          {" · "}
          {event.provinceNames?.[locale] ?? t("none")}
          {event.location && <span dir="auto">{` · ${event.location}`}</span>}
        </p>
        <div className="flex flex-wrap gap-2">
          <Badge variant="outline">{t(`kind.${event.kind}`)}</Badge>
          <Badge variant={TIMING_VARIANT[timing]} data-timing={timing}>
            {t(`status.${timing}`)}
          </Badge>
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:max-w-md" data-testid="event-totals">
        <div className="grid gap-0.5">
          <dt className="text-sm text-muted-foreground">{t("detail.participantsCount")}</dt>
          <dd className="text-2xl font-bold tabular-nums">
            {formatNumber(locale, event.participants)}
          </dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-sm text-muted-foreground">{t("detail.totalSales")}</dt>
          <dd className="text-2xl font-bold tabular-nums">{money(event.salesMad)}</dd>
        </div>
      </dl>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t("detail.participants")}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          {participants.length === 0 ? (
            <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
              {t("detail.noParticipants")}
            </p>
          ) : (
            <Table data-testid="event-participants">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("participant.cooperative")}</TableHead>
                  <TableHead>{t("participant.province")}</TableHead>
                  <TableHead className="text-end">{t("participant.sales")}</TableHead>
                  <TableHead>{t("participant.notes")}</TableHead>
                  {editable && (
                    <TableHead>
                      <span className="sr-only">{t("remove.action")}</span>
                    </TableHead>
                  )}
                </TableRow>
              </TableHeader>
              <TableBody>
                {participants.map((p) => (
                  <TableRow key={p.id} data-cooperative-id={p.cooperativeId}>
                    <TableCell className="whitespace-normal">
                      <Link
                        href={`/cooperatives/${p.cooperativeId}`}
                        className="font-medium text-primary hover:underline"
                        dir="auto"
                      >
                        {name(p)}
                      </Link>
                    </TableCell>
                    <TableCell>{p.provinceNames[locale]}</TableCell>
                    <TableCell className="text-end tabular-nums">{money(p.salesMad)}</TableCell>
                    <TableCell className="whitespace-normal" dir="auto">
                      {p.notes ?? t("none")}
                    </TableCell>
                    {editable && (
                      <TableCell className="align-top">
                        <RemoveParticipation id={p.id} cooperative={name(p)} />
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {editable &&
            (candidates.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("forms.noCandidates")}</p>
            ) : (
              <ParticipationForm
                eventId={event.id}
                cooperatives={candidates.map((c) => ({
                  value: String(c.id),
                  label: c.nameLatin ? `${c.name} (${c.nameLatin})` : c.name,
                }))}
              />
            ))}
        </CardContent>
      </Card>
      {editable && (
        <details className="rounded-md border p-3" data-testid="edit-event">
          <summary className="cursor-pointer font-medium">{t("detail.edit")}</summary>
          <div className="mt-3">
            <EventForm
              event={event}
              provinces={provinces.map((p) => ({ value: p.key, label: p[locale] }))}
            />
          </div>
        </details>
      )}
    </div>
  );
}
