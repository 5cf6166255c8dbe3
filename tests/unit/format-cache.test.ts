import { describe, expect, it } from "vitest";
import { dateFormat, formatMoney, formatNumber, numberFormat } from "@/lib/format";

describe("Intl formatters are built once and reused", () => {
  it("returns the same formatter for the same locale and options, another for others", () => {
    const a = numberFormat("fr-MA", { maximumFractionDigits: 1 });
    expect(numberFormat("fr-MA", { maximumFractionDigits: 1 })).toBe(a);
    expect(numberFormat("fr-MA", { maximumFractionDigits: 2 })).not.toBe(a);
    expect(numberFormat("en-MA", { maximumFractionDigits: 1 })).not.toBe(a);
    const d = dateFormat("ar-MA", { timeZone: "UTC", dateStyle: "medium" });
    expect(dateFormat("ar-MA", { timeZone: "UTC", dateStyle: "medium" })).toBe(d);
    expect(dateFormat("ar-MA", { timeZone: "UTC", dateStyle: "long" })).not.toBe(d);
  });

  it("formats as a new formatter would, whatever was formatted before", () => {
    expect(formatNumber("en", 1234.567, 1)).toBe("1,234.6");
    expect(formatNumber("en", 1234.567)).toBe("1,235");
    expect(formatMoney("en", 1500)).toBe(
      new Intl.NumberFormat("en-MA", {
        numberingSystem: "latn",
        style: "currency",
        currency: "MAD",
        maximumFractionDigits: 0,
        minimumFractionDigits: 0,
      }).format(1500),
    );
    expect(formatNumber("ar", 1234)).toMatch(/^1.?234$/u);
  });
});
