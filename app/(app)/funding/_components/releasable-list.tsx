import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hidesPersonName } from "@/app/(app)/cooperatives/_components/display";
import type { ReleasableTranche } from "@/db/queries/funding-ledger";
import type { Viewer } from "@/lib/dal";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { ReleaseForm } from "./release-form";

/** Planned tranches whose milestone staff have verified: money that may now be paid. */
export async function ReleasableList({
  viewer,
  tranches,
  editable,
  today,
}: {
  viewer: Viewer;
  tranches: ReleasableTranche[];
  editable: boolean;
  today: string;
}) {
  const [t, tCoop, tSource, locale] = await Promise.all([
    getTranslations("funding.releasable"),
    getTranslations("cooperatives"),
    getTranslations("fundingSource"),
    currentLocale(),
  ]);
  return (
    <Card data-testid="releasable-tranches">
      <CardHeader>
        <CardTitle>
          <h2>{t("title")}</h2>
        </CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {tranches.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ul className="grid gap-3">
            {tranches.map((tranche) => (
              <li
                key={tranche.id}
                className="grid gap-2 rounded-md border p-3"
                data-tranche-id={tranche.id}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link
                    href={`/cooperatives/${tranche.cooperativeId}`}
                    className="font-medium text-primary hover:underline"
                  >
                    {hidesPersonName(viewer, tranche.legalForm)
                      ? tCoop("autoEntrepreneurName", { id: String(tranche.cooperativeId) })
                      : tranche.cooperativeName}
                  </Link>
                  <span className="font-semibold tabular-nums">
                    {formatMoney(locale, Number(tranche.amountMad), 2)}
                  </span>
                </div>
                <p className="text-sm text-muted-foreground">
                  {tSource(tranche.source)} ·{" "}
                  {t("milestone", {
                    milestone: tranche.milestone[locale],
                    date: tranche.completedOn ? formatDate(locale, tranche.completedOn) : "",
                  })}
                </p>
                {editable && <ReleaseForm trancheId={tranche.id} today={today} />}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
