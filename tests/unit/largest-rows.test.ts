import { describe, expect, it } from "vitest";
import { SHOWN_ROWS, largestRows } from "@/app/(app)/impact/_components/largest-rows";

const row = (id: string, value: number | null) => ({ id, values: { jobs: value } });

describe("largestRows", () => {
  it("keeps every row when there are few", () => {
    const rows = [row("a", 1), row("b", null)];
    expect(largestRows(rows, "jobs", 5)).toEqual(rows);
  });

  it("keeps the largest by the key, in their original order, ties by position", () => {
    const rows = [row("a", 1), row("b", 9), row("c", null), row("d", 5), row("e", 9), row("f", -3)];
    expect(largestRows(rows, "jobs", 3).map((r) => r.id)).toEqual(["b", "d", "e"]);
    expect(largestRows(rows, "jobs", 4).map((r) => r.id)).toEqual(["a", "b", "d", "e"]);
  });

  it("shows a screenful at national scale", () => {
    const rows = Array.from({ length: 400 }, (_, i) => row(String(i), i % 7));
    expect(largestRows(rows, "jobs", SHOWN_ROWS)).toHaveLength(SHOWN_ROWS);
  });
});
