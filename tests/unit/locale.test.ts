import { describe, expect, it } from "vitest";
import { direction, fromAcceptLanguage, resolveLocale } from "@/lib/i18n/config";
import { formatDate, formatMoney, formatNumber, formatPercent } from "@/lib/format";

describe("locale resolution", () => {
  it("prefers the saved choice, then the cookie, then Accept-Language, then Arabic", () => {
    expect(resolveLocale({ saved: "en", cookie: "fr", acceptLanguage: "fr" })).toBe("en");
    expect(resolveLocale({ saved: null, cookie: "fr", acceptLanguage: "en" })).toBe("fr");
    expect(resolveLocale({ cookie: "de", acceptLanguage: "en-GB,en;q=0.9" })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "de-DE,de;q=0.9" })).toBe("ar");
    expect(resolveLocale({})).toBe("ar");
  });

  it("ranks Accept-Language by quality", () => {
    expect(fromAcceptLanguage("en;q=0.5, fr-MA;q=0.8, ar;q=0.1")).toBe("fr");
    expect(fromAcceptLanguage("fr;q=0, en")).toBe("en");
    expect(fromAcceptLanguage("")).toBeNull();
  });

  it("writes Arabic right to left", () => {
    expect(direction("ar")).toBe("rtl");
    expect(direction("fr")).toBe("ltr");
    expect(direction("en")).toBe("ltr");
  });
});

describe("formatting for Morocco", () => {
  it("uses Latin digits in Arabic", () => {
    expect(formatNumber("ar", 1234567)).toMatch(/^1[.,\s\u00a0\u202f]?234[.,\s\u00a0\u202f]?567$/);
    expect(formatNumber("ar", 1234567)).not.toMatch(/[\u0660-\u0669]/);
  });

  it("shows money in dirhams", () => {
    expect(formatMoney("fr", 12500)).toMatch(/^12[\s\u00a0\u202f.]500\s?MAD$/);
    expect(formatMoney("ar", 12500)).toMatch(/12[.,]500.*د\.م\./);
    expect(formatMoney("en", 12500.5, 2)).toMatch(/12,500\.50/);
  });

  it("formats a calendar date without shifting the day", () => {
    expect(formatDate("fr", "2026-01-01")).toMatch(/^1 janv?\.? 2026$/);
    expect(formatDate("ar", "2026-03-31")).toMatch(/31/);
    expect(formatPercent("en", 0.875)).toBe("88%");
  });
});
