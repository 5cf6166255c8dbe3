import { describe, expect, it } from "vitest";
import ar from "@/lib/i18n/messages/ar.json";
import en from "@/lib/i18n/messages/en.json";
import fr from "@/lib/i18n/messages/fr.json";
import {
  ACTIVE_STAGES,
  AREAS,
  AWARD_STATUSES,
  FUNDING_KINDS,
  FUNDING_SOURCES,
  LEGAL_FORMS,
  MILESTONE_STATUSES,
  ROLES,
  SECTORS,
  SESSION_MODES,
  SESSION_TOPICS,
  STAGES,
} from "@/db/schema";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

function placeholders(message: string): string[] {
  const names = [...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!);
  return [...new Set(names)].sort();
}

const catalogs = { ar: leaves(ar), fr: leaves(fr), en: leaves(en) };
const allKeys = new Set([...catalogs.ar.keys(), ...catalogs.fr.keys(), ...catalogs.en.keys()]);

describe("message catalogs", () => {
  it.each(Object.entries(catalogs))("%s has every key and no empty message", (_locale, catalog) => {
    const missing = [...allKeys].filter((key) => !catalog.has(key));
    expect(missing).toEqual([]);
    const empty = [...catalog].filter(([, value]) => value.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it("uses the same placeholders in every language", () => {
    const mismatched = [...allKeys].filter((key) => {
      const expected = placeholders(catalogs.en.get(key) ?? "").join();
      return (
        placeholders(catalogs.ar.get(key) ?? "").join() !== expected ||
        placeholders(catalogs.fr.get(key) ?? "").join() !== expected
      );
    });
    expect(mismatched).toEqual([]);
  });

  it("labels every value of every enumeration", () => {
    const enums: Record<string, readonly string[]> = {
      roles: ROLES,
      stage: STAGES,
      sector: SECTORS,
      legalForm: LEGAL_FORMS,
      area: AREAS,
      fundingSource: FUNDING_SOURCES,
      fundingKind: FUNDING_KINDS,
      awardStatus: AWARD_STATUSES,
      sessionMode: SESSION_MODES,
      sessionTopic: SESSION_TOPICS,
      milestoneStatus: MILESTONE_STATUSES,
    };
    const missing = Object.entries(enums).flatMap(([ns, values]) =>
      values.filter((v) => !catalogs.en.has(`${ns}.${v}`)).map((v) => `${ns}.${v}`),
    );
    expect(missing).toEqual([]);
    expect(ACTIVE_STAGES.every((s) => STAGES.includes(s))).toBe(true);
  });

  it("writes Arabic in Arabic script", () => {
    expect(catalogs.ar.get("auth.title")).toMatch(/[\u0600-\u06FF]/);
    expect(catalogs.ar.get("stage.incubation")).toMatch(/[\u0600-\u06FF]/);
  });
});
