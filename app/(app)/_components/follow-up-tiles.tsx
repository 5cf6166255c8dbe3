import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { followUpCounts, type FollowUpCounts } from "@/db/queries/progress";
import { cooperativeScope, type Viewer } from "@/lib/dal";
import { todayIso } from "@/lib/dates";
import { formatNumber } from "@/lib/format";
import { currentLocale } from "@/lib/i18n/server";
import { cn } from "@/lib/utils";

const TILES: { key: keyof FollowUpCounts; href: string }[] = [
  { key: "overdue", href: "/milestones?overdue=true" },
  { key: "awaiting", href: "/milestones?awaiting=true" },
  { key: "releasable", href: "/funding" },
];

/** What staff have to act on: overdue milestones, reports to verify, tranches ready to pay. */
export async function FollowUpTiles({ viewer }: { viewer: Viewer }) {
  const [counts, t, locale] = await Promise.all([
    getDb().then((db) =>
      followUpCounts(db, { scope: cooperativeScope(viewer), today: todayIso() }),
    ),
    getTranslations("progress.tiles"),
    currentLocale(),
  ]);
  return (
    <section aria-labelledby="follow-up-title" className="grid gap-3">
      <h2 id="follow-up-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-3">
        {TILES.map(({ key, href }) => {
          const count = counts[key];
          return (
            <li key={key}>
              <Link
                href={href}
                className="grid h-full gap-1 rounded-xl border bg-card p-4 shadow-sm hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none"
                data-testid={`tile-${key}`}
                data-count={count}
              >
                <span className="text-sm text-muted-foreground">{t(`${key}.label`)}</span>
                <span
                  className={cn(
                    "text-3xl font-bold tabular-nums",
                    count > 0 && key !== "releasable" && "text-destructive",
                  )}
                >
                  {formatNumber(locale, count)}
                </span>
                <span className="text-sm text-muted-foreground">
                  {count === 0 ? t(`${key}.none`) : t(`${key}.hint`)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
