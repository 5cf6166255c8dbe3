import type { jobsSnapshots } from "../schema";
import {
  addDays,
  diffDays,
  lastCompleteQuarterEnd,
  minDate,
  quarterEndsBetween,
  timestampOn,
} from "./dates";
import { enteredOn } from "./plan-cohorts";
import type { CoopPlan } from "./plan-cooperatives";
import type { People } from "./people";
import type { Rng } from "./random";

export type SnapshotRow = Omit<typeof jobsSnapshots.$inferInsert, "id">;

const SEASONAL_SECTORS = new Set(["agriculture", "aromatic_medicinal_plants"]);
const PERIODIC_SOURCES = [
  ["Rapport trimestriel", 4],
  ["Visite de suivi", 3],
  ["Déclaration CNSS", 2],
  ["Déclaration du mentor", 1],
] as const;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function seasonal(rng: Rng, coop: CoopPlan, asOf: string): number {
  if (!SEASONAL_SECTORS.has(coop.sector)) return 0;
  const month = Number(asOf.slice(5, 7));
  return month >= 5 && month <= 10 ? rng.int(4, 25) : rng.int(0, 6);
}

function growthTarget(rng: Rng, coop: CoopPlan, baseline: number, supportCentimes: number): number {
  if (enteredOn(coop.history, "withdrawn")) return -rng.int(0, Math.min(3, baseline - 1));
  if (supportCentimes <= 0)
    return rng.weighted([
      [0, 3],
      [1, 2],
      [2, 1],
    ] as const);
  return Math.min(30, Math.round(supportCentimes / 100 / rng.float(18_000, 40_000)));
}

export function planJobs(
  rng: Rng,
  coops: readonly CoopPlan[],
  support: ReadonlyMap<CoopPlan, number>,
  people: People,
  today: string,
): SnapshotRow[] {
  const lastQuarter = lastCompleteQuarterEnd(today);
  const yesterday = addDays(today, -1);
  const rows: SnapshotRow[] = [];
  for (const coop of coops) {
    const incubatedOn = enteredOn(coop.history, "incubation");
    const preIncubatedOn = enteredOn(coop.history, "pre_incubation");
    const reportsOnly = !incubatedOn && coop.stage === "pre_incubation";
    const baselineOn = incubatedOn ?? (reportsOnly ? preIncubatedOn : null);
    if (!baselineOn) continue;
    const withdrawnOn = enteredOn(coop.history, "withdrawn");
    const graduatedOn = enteredOn(coop.history, "graduated");
    const baseline = rng.int(2, 10);
    const growth = growthTarget(rng, coop, baseline, support.get(coop) ?? 0);
    const womenShare = coop.womenCoop
      ? rng.float(0.75, 1)
      : clamp(coop.membersWomen / Math.max(1, coop.membersTotal) + rng.float(-0.1, 0.15), 0, 1);
    const youthShare = clamp(
      coop.membersYouth / Math.max(1, coop.membersTotal) + rng.float(-0.1, 0.1),
      0.1,
      1,
    );
    const snapshot = (
      asOf: string,
      total: number,
      kind: "baseline" | "periodic",
      source: string,
      notes: string | null,
    ) => {
      const submittedBy =
        source === "Visite de suivi" || source === "Déclaration du mentor" ? coop.mentorId : null;
      rows.push({
        cooperativeId: coop.id,
        kind,
        asOf,
        jobsTotal: total,
        jobsWomen: Math.round(total * womenShare),
        jobsYouth: Math.round(total * youthShare),
        seasonalJobs: seasonal(rng, coop, asOf),
        source,
        notes,
        submittedBy: submittedBy ?? people.staffIds[rng.int(0, 1)] ?? null,
        createdAt: timestampOn(
          minDate(yesterday, addDays(asOf, kind === "baseline" ? 0 : rng.int(5, 25))),
          14,
          rng.int(0, 59),
        ),
      });
    };
    if (reportsOnly) {
      for (const quarter of quarterEndsBetween(baselineOn, lastQuarter)) {
        if (!rng.chance(0.15)) {
          snapshot(
            quarter,
            baseline + rng.int(0, 1),
            "periodic",
            rng.weighted(PERIODIC_SOURCES),
            null,
          );
        }
      }
      continue;
    }
    snapshot(baselineOn, baseline, "baseline", "Diagnostic d'entrée", null);

    let quarters = quarterEndsBetween(baselineOn, lastQuarter);
    if (withdrawnOn) {
      const after = quarters.findIndex((q) => q >= withdrawnOn);
      quarters = after < 0 ? quarters : quarters.slice(0, after + 1);
    }
    const span = Math.max(1, diffDays(lastQuarter, baselineOn));
    quarters.forEach((quarter, i) => {
      const last = i === quarters.length - 1;
      const skip = graduatedOn && quarter > graduatedOn ? 0.25 : 0.15;
      if (rng.chance(skip)) return;
      let total: number;
      let notes: string | null = null;
      if (withdrawnOn) {
        total = quarter >= withdrawnOn ? baseline + growth : baseline + rng.int(0, 1);
        if (quarter >= withdrawnOn) notes = "Activité réduite après le retrait du parcours";
      } else {
        const progress = diffDays(quarter, baselineOn) / span;
        const noise = last
          ? 0
          : rng.weighted([
              [-1, 1],
              [0, 2],
              [1, 1],
            ] as const);
        total = baseline + Math.round(growth * progress ** 0.8) + noise;
      }
      snapshot(quarter, Math.max(0, total), "periodic", rng.weighted(PERIODIC_SOURCES), notes);
    });
  }
  return rows;
}
