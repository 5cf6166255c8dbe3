"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import type { ChartTableRow } from "./chart-table";
import type { ChartViewProps } from "./chart-view";

const placeholder = <div className="size-full animate-pulse rounded-md bg-muted" />;

/**
 * recharts loads only where a chart is shown, after the page: its table is there meanwhile.
 * SVG text is anchored left to right (recharts places it so); the axes are mirrored instead.
 */
const ChartView = dynamic(() => import("./chart-view"), {
  ssr: false,
  loading: () => placeholder,
});

/**
 * A chart draws when it comes near the screen (or the page is printed), not all at once after the
 * page loads: on a phone the charts below the first screen were a second of blocked main thread
 * before anyone scrolled to them, and their code was fetched on a slow connection all the same.
 * `eager` draws at once (the printable report). `rows` are its table's rows, the same array.
 */
export function Chart({
  eager = false,
  rows,
  ...props
}: Omit<ChartViewProps, "data"> & { rows: ChartTableRow[]; eager?: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(eager);

  useEffect(() => {
    const element = container.current;
    if (near || !element) return;
    const show = () => setNear(true);
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) show();
      },
      { rootMargin: "200px 0px" },
    );
    observer.observe(element);
    window.addEventListener("beforeprint", show);
    return () => {
      observer.disconnect();
      window.removeEventListener("beforeprint", show);
    };
  }, [near]);

  return (
    <div
      ref={container}
      style={{ height: props.height }}
      className="w-full min-w-0 [&_svg]:[direction:ltr]"
      aria-hidden
    >
      {near ? (
        <ChartView
          {...props}
          data={rows.map((row) => ({ label: row.label, href: row.href, ...row.values }))}
        />
      ) : (
        placeholder
      )}
    </div>
  );
}
