import type { AREAS, LEGAL_FORMS, SECTORS, Stage } from "../../db/schema";
import { addMonths, firstOfMonth, fromDays, toDays } from "../../db/seed/dates";
import { COMMUNES, COURTS } from "../../db/seed/places";
import type { ProvinceKey } from "../../db/seed/reference";
import { createRng, type Rng } from "../../db/seed/random";
import { distribute, weightedPicker } from "./sampling";
import { ENROLLED_SHARE, type Scale } from "./scale";
import type { BenchRegion } from "./regions";

export const PIPELINE: readonly Stage[] = [
  "applicant",
  "selected",
  "pre_incubation",
  "incubation",
  "post_incubation",
  "graduated",
];

export type CohortPlan = {
  id: number;
  name: string;
  programKey: string;
  /** Day numbers (days since 1970-01-01). */
  start: number;
  end: number;
  capacity: number;
  status: "planned" | "active" | "closed";
};

export type CoopPlan = {
  id: number;
  region: number;
  province: string;
  town: string;
  legalForm: (typeof LEGAL_FORMS)[number];
  sector: (typeof SECTORS)[number];
  area: (typeof AREAS)[number];
  womenCoop: boolean;
  membersTotal: number;
  membersWomen: number;
  membersYouth: number;
  cohort: CohortPlan | null;
  history: { stage: Stage; on: number }[];
  stage: Stage;
  /** The furthest stage of the pipeline reached, withdrawal aside. */
  reached: Stage;
  incubatedOn: number | null;
  closedOn: number | null;
  mentorId: number | null;
  archived: boolean;
};

const LEGAL_FORM_WEIGHTS = [
  ["cooperative", 82],
  ["association", 10],
  ["social_enterprise", 3],
  ["cooperative_union", 2],
  ["auto_entrepreneur", 2.5],
  ["association_network", 0.5],
] as const;

const SECTOR_WEIGHTS = [
  ["agriculture", 62],
  ["handicraft", 16],
  ["food_products", 6],
  ["aromatic_medicinal_plants", 4],
  ["argan", 3],
  ["forestry", 1],
  ["tourism", 2],
  ["housing", 1],
  ["waste_recycling", 1],
  ["services_digital", 2],
  ["transport", 1],
  ["literacy", 0.5],
  ["other", 0.5],
] as const;

const PROGRAM_WEIGHTS = [
  ["incubator_track", 14],
  ["moazara", 16],
  ["mourafaka", 14],
  ["indh_p3", 12],
  ["accompaniment", 12],
  ["empowerment", 12],
  ["intelaka", 6],
  ["forsa", 6],
  ["lalla_al_moutaaouina", 4],
  ["generation_solidaire", 4],
] as const;

function townOf(provinceNameFr: string): string {
  return provinceNameFr.replace(/^(Préfecture|Province) d(e |')/, "");
}

export function planCohorts(
  rng: Rng,
  scale: Scale,
  today: number,
  regions: readonly BenchRegion[],
) {
  const enrolled = Math.round(scale.cooperatives * ENROLLED_SHARE);
  const sizes = distribute(rng, enrolled, scale.cohorts);
  const todayIso = fromDays(today);
  return sizes.map((size, i): CohortPlan & { size: number } => {
    const [first, last] = scale.cohortMonthsAgo;
    const monthsAgo = Math.round(first - (i * (first - last)) / Math.max(1, scale.cohorts - 1));
    const startIso = firstOfMonth(addMonths(todayIso, -monthsAgo));
    const start = toDays(startIso);
    const end = toDays(addMonths(startIso, 18)) - 1;
    const programKey = rng.weighted(PROGRAM_WEIGHTS);
    const region = regions[i % regions.length]!;
    return {
      id: i + 1,
      name: `Cohorte ${startIso.slice(0, 7)} — ${region.nameFr.replace(/^Région (de l')?/, "")} — ${programKey} #${i + 1}`,
      programKey,
      start,
      end,
      capacity: size + rng.int(0, 20),
      status: end < today ? "closed" : start > today ? "planned" : "active",
      size,
    };
  });
}

function members(rng: Rng, legalForm: CoopPlan["legalForm"], womenCoop: boolean) {
  if (legalForm === "auto_entrepreneur") return { total: 1, women: womenCoop ? 1 : 0, youth: 1 };
  const total = 7 + Math.floor(53 * rng.next() ** 2);
  const women = womenCoop
    ? total - rng.int(0, Math.floor(total * 0.1))
    : Math.round(total * rng.float(0, 0.5));
  return { total, women, youth: Math.round(total * rng.float(0.15, 0.7)) };
}

/** The stages an enrolled cooperative went through, from its cohort's dates, up to today. */
function enrolledHistory(rng: Rng, cohort: CohortPlan, today: number) {
  const s = cohort.start;
  const steps: { stage: Stage; on: number }[] = [
    { stage: "applicant", on: s - rng.int(60, 120) },
    { stage: "selected", on: s - rng.int(10, 45) },
    { stage: "pre_incubation", on: s },
    { stage: "incubation", on: s + rng.int(90, 200) },
    { stage: "post_incubation", on: s + rng.int(330, 450) },
  ];
  if (rng.chance(0.65)) steps.push({ stage: "graduated", on: cohort.end + rng.int(0, 60) });
  if (rng.chance(0.07)) {
    const on = s + rng.int(30, 600);
    const kept = steps.filter((step) => step.on < on);
    kept.push({ stage: "withdrawn", on });
    return kept.filter((step) => step.on <= today);
  }
  return steps.filter((step) => step.on <= today);
}

function waitingHistory(rng: Rng, today: number) {
  const applied = today - rng.int(3, 400);
  const steps: { stage: Stage; on: number }[] = [{ stage: "applicant", on: applied }];
  const selected = applied + rng.int(20, 90);
  if (rng.chance(0.35) && selected <= today) steps.push({ stage: "selected", on: selected });
  return steps;
}

export function planCooperatives(
  seed: number,
  scale: Scale,
  today: number,
  regions: readonly BenchRegion[],
  cohorts: readonly (CohortPlan & { size: number })[],
): CoopPlan[] {
  const rng = createRng(seed);
  const pickRegion = weightedPicker(
    rng,
    regions.map((r) => r.weight),
  );
  const provincePickers = regions.map((r) =>
    weightedPicker(
      rng,
      r.provinces.map((p) => p.weight),
    ),
  );
  const order = rng.shuffle(Array.from({ length: scale.cooperatives }, (_, i) => i));
  const cohortOf: (CohortPlan | null)[] = Array.from({ length: scale.cooperatives }, () => null);
  let next = 0;
  for (const cohort of cohorts)
    for (let k = 0; k < cohort.size; k++) cohortOf[order[next++]!] = cohort;

  return cohortOf.map((cohort, i) => {
    const region = pickRegion();
    const province = regions[region]!.provinces[provincePickers[region]!()]!;
    const legalForm = rng.weighted(LEGAL_FORM_WEIGHTS);
    const womenCoop = rng.chance(0.12);
    const m = members(rng, legalForm, womenCoop);
    const history = cohort ? enrolledHistory(rng, cohort, today) : waitingHistory(rng, today);
    if (history.length === 0) history.push({ stage: "applicant", on: today - rng.int(1, 30) });
    const last = history[history.length - 1]!;
    const reached =
      [...history].reverse().find((h) => h.stage !== "withdrawn")?.stage ?? "applicant";
    const closing = history.find((h) => h.stage === "graduated" || h.stage === "withdrawn");
    return {
      id: i + 1,
      region,
      province: province.key,
      town: townOf(province.nameFr),
      legalForm,
      sector: rng.weighted(SECTOR_WEIGHTS),
      area: rng.chance(0.62) ? "rural" : "urban",
      womenCoop,
      membersTotal: m.total,
      membersWomen: m.women,
      membersYouth: m.youth,
      cohort,
      history,
      stage: last.stage,
      reached,
      incubatedOn: history.find((h) => h.stage === "incubation")?.on ?? null,
      closedOn: closing?.on ?? null,
      mentorId: null,
      archived: rng.chance(0.003),
    };
  });
}

export function communeOf(rng: Rng, coop: CoopPlan): string {
  const communes = COMMUNES[coop.province as ProvinceKey];
  return communes ? rng.weighted(communes.map((c) => [c[0], c[2]] as const)) : coop.town;
}

export function courtOf(coop: CoopPlan): string {
  return COURTS[coop.province as ProvinceKey] ?? `Tribunal de première instance de ${coop.town}`;
}

export const stageIndex = (stage: Stage) => PIPELINE.indexOf(stage);
