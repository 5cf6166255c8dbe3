import { getTranslations } from "next-intl/server";
import type { StageChange } from "@/db/queries/cooperative-record";
import { formatDate } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";

export async function StageTimeline({ history }: { history: StageChange[] }) {
  const [t, tStage, locale] = await Promise.all([
    getTranslations("cooperatives"),
    getTranslations("stage"),
    currentLocale(),
  ]);
  if (history.length === 0) return <p className="text-sm text-muted-foreground">{t("none")}</p>;
  return (
    <ol className="grid gap-4 border-s-2 border-border ps-4" data-testid="stage-history">
      {history.map((change) => (
        <li key={change.id} className="relative grid gap-0.5" data-to-stage={change.toStage}>
          <span
            className="absolute -start-[1.4rem] top-1.5 size-3 rounded-full bg-primary"
            aria-hidden
          />
          <span className="font-medium">
            {change.fromStage
              ? `${tStage(change.fromStage)} ${locale === "ar" ? "←" : "→"} ${tStage(change.toStage)}`
              : tStage(change.toStage)}
          </span>
          <span className="text-sm text-muted-foreground">
            {formatDate(locale, change.changedOn)}
            {change.by ? ` · ${change.by}` : ""}
          </span>
          <span className="text-sm">
            {change.reason ?? (change.fromStage ? "" : t("stageChange.initial"))}
          </span>
        </li>
      ))}
    </ol>
  );
}
