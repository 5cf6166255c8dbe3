import type { AWARD_STATUSES, FUNDING_KINDS, FUNDING_SOURCES } from "../../db/schema";
import { fromDays, quarterEndsBetween, toDays } from "../../db/seed/dates";
import { formatMad } from "../../db/seed/money";
import { createRng } from "../../db/seed/random";
import type { CoopPlan } from "./plan-country";
import { at, type TableLoad } from "./rows-core";
import { distribute, exactSelector, splitCentimes, weightedPicker } from "./sampling";

type Source = (typeof FUNDING_SOURCES)[number];
type Kind = (typeof FUNDING_KINDS)[number];
type Status = (typeof AWARD_STATUSES)[number];

/** Source, kind and amount range (MAD) of each programme's awards. */
const TERMS: Record<string, readonly [Source, Kind, number, number]> = {
  moazara: ["region_council", "grant", 10_000, 49_000],
  mourafaka: ["odco", "in_kind", 5_000, 30_000],
  indh_p3: ["indh", "grant", 50_000, 300_000],
  intelaka: ["bank_loan", "loan", 50_000, 300_000],
  forsa: ["honour_loan", "honour_loan", 20_000, 100_000],
  lalla_al_moutaaouina: ["ministry_ess", "prize", 10_000, 50_000],
  generation_solidaire: ["ministry_ess", "prize", 10_000, 50_000],
  incubator_track: ["region_council", "grant", 20_000, 80_000],
  accompaniment: ["region_council", "in_kind", 5_000, 40_000],
  empowerment: ["entraide_nationale", "grant", 10_000, 60_000],
};

const STATUSES = [
  ["completed", 40],
  ["disbursing", 30],
  ["approved", 16],
  ["requested", 7],
  ["rejected", 5],
  ["cancelled", 2],
] as const satisfies readonly (readonly [Status, number])[];

export type AwardPlan = { id: number; centimes: number; status: Status; awardedOn: number };

/** `target` awards to cooperatives that reached incubation, at random; kept for the tranches. */
export function planAwards(
  seed: number,
  coops: readonly CoopPlan[],
  target: number,
  today: number,
) {
  const rng = createRng(seed);
  const funded = coops.filter((c) => c.incubatedOn !== null);
  const awards: (AwardPlan & { coop: CoopPlan; programKey: string; coFinancing: number })[] = [];
  if (funded.length === 0) return awards;
  const pick = weightedPicker(
    rng,
    funded.map(() => 1),
  );
  const programKeys = Object.keys(TERMS);
  for (let id = 1; id <= target; id++) {
    const coop = funded[pick()]!;
    const programKey =
      rng.chance(0.6) && coop.cohort ? coop.cohort.programKey : rng.pick(programKeys);
    const [, , low, high] = TERMS[programKey]!;
    const centimes = rng.int(low / 100, high / 100) * 10_000;
    awards.push({
      id,
      coop,
      programKey,
      centimes,
      coFinancing: rng.chance(0.5) ? 0 : Math.round(centimes * rng.float(0.1, 0.4)),
      status: rng.weighted(STATUSES),
      awardedOn: rng.int(coop.incubatedOn!, Math.max(coop.incubatedOn!, today - 1)),
    });
  }
  return awards;
}

export function awardLoad(
  awards: ReturnType<typeof planAwards>,
  programIds: Map<string, number>,
  staffId: number,
): TableLoad {
  return {
    table: "funding_awards",
    columns: [
      "id",
      "cooperative_id",
      "program_id",
      "source",
      "kind",
      "amount_mad",
      "co_financing_mad",
      "awarded_on",
      "status",
      "created_by",
      "created_at",
      "updated_at",
    ],
    rows: function* () {
      for (const a of awards) {
        const [source, kind] = TERMS[a.programKey]!;
        const created = at(a.awardedOn, 10);
        yield [
          a.id,
          a.coop.id,
          programIds.get(a.programKey),
          source,
          kind,
          formatMad(a.centimes),
          formatMad(a.coFinancing),
          fromDays(a.awardedOn),
          a.status,
          staffId,
          created,
          created,
        ];
      }
    },
  };
}

/** Exactly `target` tranches over the awards being or done disbursing, never past an award. */
export function disbursementLoad(
  seed: number,
  awards: readonly AwardPlan[],
  target: number,
  staffId: number,
  today: number,
): TableLoad {
  return {
    table: "disbursements",
    columns: [
      "award_id",
      "status",
      "disbursed_on",
      "amount_mad",
      "reference",
      "created_by",
      "created_at",
    ],
    rows: function* () {
      const rng = createRng(seed);
      const paying = awards.filter((a) => a.status === "completed" || a.status === "disbursing");
      const counts = distribute(rng, target, paying.length);
      for (let i = 0; i < paying.length; i++) {
        const award = paying[i]!;
        const parts = counts[i]!;
        if (parts === 0) continue;
        const completed = award.status === "completed";
        const total = completed || parts > 1 ? award.centimes : Math.round(award.centimes * 0.6);
        const tranches = splitCentimes(rng, total, parts);
        const span = Math.max(0, Math.min(today - award.awardedOn, 360));
        for (let j = 0; j < parts; j++) {
          const planned = !completed && parts > 1 && j === parts - 1;
          const on = award.awardedOn + Math.floor((span * (j + 1)) / parts);
          yield [
            award.id,
            planned ? "planned" : "disbursed",
            planned ? null : fromDays(on),
            formatMad(tranches[j]!),
            planned ? null : `OV-${fromDays(on).slice(0, 4)}-${award.id}-${j + 1}`,
            staffId,
            at(planned ? award.awardedOn : on, 12),
          ];
        }
      }
    },
  };
}

const JOB_SOURCES = ["Rapport trimestriel", "Visite de suivi", "Déclaration du mentor"] as const;

/**
 * A baseline for every cooperative that entered incubation, on that day, then quarterly reports
 * up to today (or just past its withdrawal); `target` rows in all, the reports kept at random.
 */
export function jobsLoad(
  seed: number,
  coops: readonly CoopPlan[],
  target: number,
  staffId: number,
  today: number,
): TableLoad & { candidates: number } {
  const todayIso = fromDays(today);
  const quarters = (coop: CoopPlan) => {
    const withdrawn = coop.stage === "withdrawn" ? coop.closedOn : null;
    const until = withdrawn === null ? todayIso : fromDays(Math.min(today, withdrawn + 92));
    return quarterEndsBetween(fromDays(coop.incubatedOn!), until);
  };
  const baselined = coops.filter((c) => c.incubatedOn !== null);
  const candidates = baselined.reduce((sum, coop) => sum + quarters(coop).length, 0);
  return {
    candidates: candidates + baselined.length,
    table: "jobs_snapshots",
    columns: [
      "cooperative_id",
      "kind",
      "as_of",
      "jobs_total",
      "jobs_women",
      "jobs_youth",
      "seasonal_jobs",
      "members_total",
      "source",
      "submitted_by",
      "created_at",
    ],
    rows: function* () {
      const rng = createRng(seed);
      const keep = exactSelector(rng, candidates, target - baselined.length);
      for (const coop of baselined) {
        const baseline = coop.legalForm === "auto_entrepreneur" ? 1 : rng.int(2, 10);
        const growth = rng.float(0, 0.8);
        const women = coop.womenCoop ? rng.float(0.75, 1) : rng.float(0.1, 0.6);
        const youth = rng.float(0.15, 0.7);
        const withdrawn = coop.stage === "withdrawn" ? coop.closedOn : null;
        const row = (kind: string, asOf: number, total: number) => {
          const source = kind === "baseline" ? "Diagnostic d'entrée" : rng.pick(JOB_SOURCES);
          return [
            coop.id,
            kind,
            fromDays(asOf),
            total,
            Math.round(total * women),
            Math.round(total * youth),
            rng.int(0, 4),
            coop.membersTotal,
            source,
            source === "Rapport trimestriel" ? staffId : (coop.mentorId ?? staffId),
            at(asOf + 3, 10),
          ];
        };
        yield row("baseline", coop.incubatedOn!, baseline);
        let q = 0;
        for (const quarter of quarters(coop)) {
          q++;
          if (!keep()) continue;
          const asOf = toDays(quarter);
          const total =
            withdrawn !== null && asOf > withdrawn
              ? rng.int(0, Math.max(0, baseline - 1))
              : Math.max(0, Math.round(baseline + growth * q + rng.float(-1, 1)));
          yield row("periodic", asOf, total);
        }
      }
    },
  };
}
