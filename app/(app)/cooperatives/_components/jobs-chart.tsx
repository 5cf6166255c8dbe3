import { getTranslations } from "next-intl/server";
import { formatDate, formatNumber } from "@/lib/format";
import { direction } from "@/lib/i18n/config";
import { currentLocale } from "@/lib/i18n/server";

export type JobsPoint = {
  asOf: string;
  kind: "baseline" | "periodic";
  total: number;
  women: number;
  youth: number;
};

const WIDTH = 320;
const HEIGHT = 120;
const TOP = 14;

/**
 * A small bar chart drawn on the server: one bar per snapshot (direct jobs, women inside), the
 * baseline as a dashed line. Time runs with the reading direction (right to left in Arabic);
 * the same figures are in a table for screen readers.
 */
export async function JobsChart({ points }: { points: JobsPoint[] }) {
  const [t, tKind, locale] = await Promise.all([
    getTranslations("jobs.chart"),
    getTranslations("jobs.kind"),
    currentLocale(),
  ]);
  if (points.length === 0) return null;
  const rtl = direction(locale) === "rtl";
  const max = Math.max(1, ...points.map((p) => p.total));
  const slot = WIDTH / points.length;
  const barWidth = Math.min(slot * 0.7, 32);
  const y = (value: number) => HEIGHT - (value / max) * (HEIGHT - TOP);
  const centre = (index: number) => (rtl ? WIDTH - (index + 0.5) * slot : (index + 0.5) * slot);
  const baseline = points.find((p) => p.kind === "baseline");
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return (
    <div
      className="grid max-w-md gap-2"
      data-testid="jobs-chart"
      data-direction={rtl ? "rtl" : "ltr"}
    >
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full overflow-visible"
        aria-hidden
        focusable="false"
      >
        <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} stroke="var(--border)" />
        {points.map((p, index) => {
          const x = centre(index) - barWidth / 2;
          return (
            <g key={p.asOf} data-as-of={p.asOf} data-x={Math.round(centre(index))}>
              <rect
                x={x}
                y={y(p.total)}
                width={barWidth}
                height={HEIGHT - y(p.total)}
                fill={p.kind === "baseline" ? "var(--chart-2)" : "var(--chart-1)"}
                rx={2}
              />
              <rect
                x={x + barWidth / 4}
                y={y(p.women)}
                width={barWidth / 2}
                height={HEIGHT - y(p.women)}
                fill="var(--chart-3)"
              />
              {points.length <= 16 && (
                <text
                  x={centre(index)}
                  y={y(p.total) - 3}
                  textAnchor="middle"
                  fontSize={10}
                  fill="currentColor"
                >
                  {formatNumber(locale, p.total)}
                </text>
              )}
            </g>
          );
        })}
        {baseline && (
          <line
            x1={0}
            x2={WIDTH}
            y1={y(baseline.total)}
            y2={y(baseline.total)}
            stroke="var(--chart-2)"
            strokeDasharray="4 3"
          />
        )}
      </svg>
      <div className="flex justify-between text-xs text-muted-foreground" aria-hidden>
        <span>{formatDate(locale, first.asOf)}</span>
        {points.length > 1 && <span>{formatDate(locale, last.asOf)}</span>}
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs" aria-hidden>
        <Legend colour="var(--chart-1)" label={t("total")} />
        <Legend colour="var(--chart-3)" label={t("women")} />
        {baseline && <Legend colour="var(--chart-2)" label={t("baseline")} />}
      </div>
      {/* sr-only on a wrapper: a table is never narrower than its content, and the clipped table
          would still widen the page on a phone. */}
      <div className="sr-only">
        <table>
          <caption>{t("caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("date")}</th>
              <th scope="col">{t("kind")}</th>
              <th scope="col">{t("total")}</th>
              <th scope="col">{t("women")}</th>
              <th scope="col">{t("youth")}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.asOf}>
                <th scope="row">{formatDate(locale, p.asOf)}</th>
                <td>{tKind(p.kind)}</td>
                <td>{formatNumber(locale, p.total)}</td>
                <td>{formatNumber(locale, p.women)}</td>
                <td>{formatNumber(locale, p.youth)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Legend({ colour, label }: { colour: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span className="inline-block size-3 rounded-sm" style={{ backgroundColor: colour }} />
      {label}
    </span>
  );
}
