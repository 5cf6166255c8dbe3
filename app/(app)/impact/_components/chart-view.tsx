"use client";

import { useRouter } from "next/navigation";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCompact, formatMoney, formatNumber, formatPercent } from "@/lib/format";
import type { Locale } from "@/lib/i18n/config";

export type ValueFormat = "number" | "money" | "percent";
export type Axis = "primary" | "secondary";

export type ChartSeries = {
  key: string;
  /** The series' name in the viewer's language (legend and tooltip). */
  name: string;
  kind: "bar" | "line";
  stack?: string;
  axis?: Axis;
  format: ValueFormat;
  color: string;
};

export type ChartDatum = { label: string; href?: string } & Record<
  string,
  string | number | null | undefined
>;

export type ChartViewProps = {
  /** "columns": categories along the bottom (time); "bars": categories down the side (names). */
  layout: "columns" | "bars";
  series: ChartSeries[];
  data: ChartDatum[];
  locale: Locale;
  rtl: boolean;
  height: number;
};

const AXES: Axis[] = ["primary", "secondary"];

/** Long names (a province, a programme) are cut on the axis of a phone; the tooltip and table say them whole. */
const clip = (label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label);

/**
 * One recharts chart of the impact dashboard. SVG does not mirror, so in Arabic the time axis
 * runs right to left and the value axis sits on the right; numbers use the page's formatters.
 */
export default function ChartView({ layout, series, data, locale, rtl, height }: ChartViewProps) {
  const router = useRouter();
  const full = (format: ValueFormat, value: number) =>
    format === "money"
      ? formatMoney(locale, value)
      : format === "percent"
        ? formatPercent(locale, value)
        : formatNumber(locale, value);
  const short = (format: ValueFormat) => (value: number) =>
    format === "percent" ? formatPercent(locale, value) : formatCompact(locale, value);
  const axisOf = (s: ChartSeries): Axis => s.axis ?? "primary";
  const order = (dataKey: unknown) => series.findIndex((s) => s.key === dataKey);
  const axes = AXES.flatMap((axis) => {
    const first = series.find((s) => axisOf(s) === axis);
    return first ? [{ axis, format: first.format }] : [];
  });
  const bars = layout === "bars";
  const clickable = data.some((d) => d.href);
  const open = (item: { payload?: ChartDatum }) => {
    if (item.payload?.href) router.push(item.payload.href);
  };
  const valueAxes = axes.map(({ axis, format }) => {
    const domain: [number, number | "auto"] | undefined = format === "percent" ? [0, 1] : undefined;
    return bars ? (
      <XAxis
        key={axis}
        xAxisId={axis}
        type="number"
        orientation={axis === "primary" ? "bottom" : "top"}
        reversed={rtl}
        tickFormatter={short(format)}
        domain={domain}
        allowDecimals={format !== "number"}
        fontSize={12}
      />
    ) : (
      <YAxis
        key={axis}
        yAxisId={axis}
        type="number"
        orientation={(axis === "primary") !== rtl ? "left" : "right"}
        tickFormatter={short(format)}
        domain={domain}
        allowDecimals={format !== "number"}
        width="auto"
        fontSize={12}
      />
    );
  });
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart
        data={data}
        layout={bars ? "vertical" : "horizontal"}
        accessibilityLayer={false}
        stackOffset="sign"
        margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={!bars} vertical={bars} />
        {bars ? (
          <YAxis
            type="category"
            dataKey="label"
            orientation={rtl ? "right" : "left"}
            width="auto"
            interval={0}
            tickFormatter={clip}
            fontSize={12}
          />
        ) : (
          <XAxis dataKey="label" reversed={rtl} fontSize={12} />
        )}
        {valueAxes}
        <Tooltip
          itemSorter={(item) => order(item.dataKey)}
          formatter={(value, name) => {
            const spec = series.find((s) => s.name === name);
            return typeof value === "number" && spec ? full(spec.format, value) : value;
          }}
        />
        <Legend itemSorter={(item) => order(item.dataKey)} />
        {series.map((s) => {
          const axisProps = bars ? { xAxisId: axisOf(s) } : { yAxisId: axisOf(s) };
          return s.kind === "line" ? (
            <Line
              key={s.key}
              {...axisProps}
              dataKey={s.key}
              name={s.name}
              stroke={s.color}
              strokeWidth={2}
              type="monotone"
            />
          ) : (
            <Bar
              key={s.key}
              {...axisProps}
              dataKey={s.key}
              name={s.name}
              fill={s.color}
              stackId={s.stack}
              maxBarSize={bars ? 22 : 48}
              cursor={clickable ? "pointer" : undefined}
              onClick={clickable ? open : undefined}
            />
          );
        })}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
