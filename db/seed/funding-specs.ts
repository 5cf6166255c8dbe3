import type { AWARD_STATUSES, FUNDING_KINDS, FUNDING_SOURCES } from "../schema";
import type { Rng } from "./random";
import type { ProgramKey } from "./reference";

export type Source = (typeof FUNDING_SOURCES)[number];
export type Kind = (typeof FUNDING_KINDS)[number];
export type AwardStatus = (typeof AWARD_STATUSES)[number];
export type SpecKey = ProgramKey | "own";

export type Spec = {
  source: Source;
  kind: Kind;
  min: number;
  max: number;
  coFinancing: (rng: Rng, amount: number) => number;
};

const percent = (low: number, high: number) => (rng: Rng, amount: number) =>
  Math.round((amount * rng.int(low, high)) / 100);

export const SPECS: Record<SpecKey, Spec> = {
  moazara: {
    source: "region_council",
    kind: "grant",
    min: 10_000,
    max: 49_000,
    coFinancing: percent(10, 30),
  },
  mourafaka: { source: "odco", kind: "in_kind", min: 15_000, max: 40_000, coFinancing: () => 0 },
  indh_p3: {
    source: "indh",
    kind: "grant",
    min: 100_000,
    max: 300_000,
    coFinancing: (rng, amount) => Math.ceil((amount * 2) / 3) + percent(0, 30)(rng, amount),
  },
  intelaka: {
    source: "bank_loan",
    kind: "loan",
    min: 50_000,
    max: 200_000,
    coFinancing: percent(10, 10),
  },
  forsa: {
    source: "honour_loan",
    kind: "honour_loan",
    min: 30_000,
    max: 100_000,
    coFinancing: () => 0,
  },
  lalla_al_moutaaouina: {
    source: "ministry_ess",
    kind: "prize",
    min: 20_000,
    max: 60_000,
    coFinancing: () => 0,
  },
  generation_solidaire: {
    source: "ministry_ess",
    kind: "prize",
    min: 10_000,
    max: 40_000,
    coFinancing: () => 0,
  },
  incubator_track: {
    source: "region_council",
    kind: "in_kind",
    min: 30_000,
    max: 120_000,
    coFinancing: percent(0, 10),
  },
  accompaniment: {
    source: "ads",
    kind: "grant",
    min: 20_000,
    max: 100_000,
    coFinancing: percent(0, 20),
  },
  empowerment: {
    source: "entraide_nationale",
    kind: "grant",
    min: 20_000,
    max: 100_000,
    coFinancing: percent(0, 20),
  },
  own: {
    source: "own_contribution",
    kind: "in_kind",
    min: 10_000,
    max: 40_000,
    coFinancing: () => 0,
  },
};

export const NOTES: Partial<Record<SpecKey, readonly string[]>> = {
  moazara: ["Acquisition de matériel de production", "Aménagement du local de la coopérative"],
  indh_p3: ["Unité de valorisation portée par des jeunes", "Extension de l'unité de production"],
  incubator_track: ["Kit d'équipement de démarrage", "Matériel de conditionnement et d'étiquetage"],
  own: ["Apport en nature des membres (local et matériel)"],
  intelaka: ["Crédit d'investissement sur 5 ans"],
};

export const RELEASED_BY_DONE = [
  "funding_awarded",
  "equipment_delivered",
  "first_sale",
  "business_plan_done",
];
export const RELEASED_BY_OPEN = [
  "equipment_delivered",
  "first_sale",
  "onssa_authorization",
  "ecommerce_listing",
  "retail_listing",
];
