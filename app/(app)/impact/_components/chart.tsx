"use client";

import dynamic from "next/dynamic";
import type { ChartViewProps } from "./chart-view";

/**
 * recharts loads only where a chart is shown, after the page: its table is there meanwhile.
 * SVG text is anchored left to right (recharts places it so); the axes are mirrored instead.
 */
const ChartView = dynamic(() => import("./chart-view"), {
  ssr: false,
  loading: () => <div className="size-full animate-pulse rounded-md bg-muted" />,
});

export function Chart(props: ChartViewProps) {
  return (
    <div
      style={{ height: props.height }}
      className="w-full min-w-0 [&_svg]:[direction:ltr]"
      aria-hidden
    >
      <ChartView {...props} />
    </div>
  );
}
