import { getTranslations } from "next-intl/server";
import { AwardItem } from "@/app/(app)/funding/_components/award-item";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { programOptions } from "@/db/queries/cooperative-record";
import { cooperativeFunding } from "@/db/queries/funding-ledger";
import { releaseCandidates } from "@/db/queries/milestones";
import { canEditCooperatives, cooperativeScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { currentLocale } from "@/lib/i18n/server";
import { loadMilestones } from "./load";
import { AwardFormOnDemand } from "./on-demand-forms";

/**
 * A cooperative's awards with their tranches, and for admins and staff the forms to record them.
 * Renders nothing for an archived cooperative; the awards are read within the viewer's scope, so
 * a cooperative the viewer may not see shows none (the profile answers 404 before that).
 */
export async function FundingSection({
  viewer,
  cooperativeId,
  archived,
}: {
  viewer: Viewer;
  cooperativeId: number;
  archived: boolean;
}) {
  if (archived) return null;
  const db = await getDb();
  const scope = cooperativeScope(viewer);
  const editable = canEditCooperatives(viewer);
  const [awards, programs, milestones, t, tMilestone, locale] = await Promise.all([
    cooperativeFunding(db, { access: scope, cooperativeId }),
    editable ? programOptions(db) : Promise.resolve([]),
    editable
      ? loadMilestones(cooperativeId).then((list) => releaseCandidates(list?.milestones ?? []))
      : Promise.resolve([]),
    getTranslations("funding"),
    getTranslations("milestoneStatus"),
    currentLocale(),
  ]);
  const today = todayIso();
  const milestoneOptions = milestones.map((m) => ({
    value: String(m.id),
    label: `${m.names[locale]} (${tMilestone(m.status)})`,
  }));
  return (
    <Card data-testid="funding-section" className="min-w-0">
      <CardHeader>
        <CardTitle>
          <h2>{t("section.title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {awards.length === 0 && (
          <p className="rounded-md border border-dashed p-6 text-center text-sm text-muted-foreground">
            {t("section.empty")}
          </p>
        )}
        {awards.map((award) => (
          <AwardItem
            key={award.id}
            award={award}
            editable={editable}
            milestones={milestoneOptions}
            today={today}
          />
        ))}
        {editable && (
          <AwardFormOnDemand
            cooperativeId={cooperativeId}
            programs={programs.map((p) => ({ value: p.key, label: p[locale] }))}
            today={today}
          />
        )}
      </CardContent>
    </Card>
  );
}
