import type { Stage } from "../schema";
import { addDays, addMonths, diffDays, firstOfMonth, minDate } from "./dates";
import type { Rng } from "./random";
import type { ProgramKey } from "./reference";

export const PIPELINE = [
  "applicant",
  "selected",
  "pre_incubation",
  "incubation",
  "post_incubation",
  "graduated",
] as const satisfies readonly Stage[];

export type StageEntry = { stage: Stage; on: string };

type Path = { final: Stage; withdrawnFrom?: Stage; count: number };

export type CohortSpec = {
  monthsAgo: number;
  programKey: ProgramKey;
  programLabel: string;
  capacity: number;
  paths: readonly Path[];
};

export const COHORT_SPECS: readonly CohortSpec[] = [
  {
    monthsAgo: 24,
    programKey: "incubator_track",
    programLabel: "Parcours de l'incubateur",
    capacity: 35,
    paths: [
      { final: "graduated", count: 8 },
      { final: "withdrawn", withdrawnFrom: "incubation", count: 2 },
      { final: "withdrawn", withdrawnFrom: "post_incubation", count: 1 },
      { final: "post_incubation", count: 19 },
      { final: "incubation", count: 2 },
    ],
  },
  {
    monthsAgo: 17,
    programKey: "moazara",
    programLabel: "Moazara",
    capacity: 32,
    paths: [
      { final: "graduated", count: 2 },
      { final: "withdrawn", withdrawnFrom: "pre_incubation", count: 1 },
      { final: "post_incubation", count: 17 },
      { final: "incubation", count: 10 },
    ],
  },
  {
    monthsAgo: 12,
    programKey: "accompaniment",
    programLabel: "Mouakaba",
    capacity: 30,
    paths: [
      { final: "withdrawn", withdrawnFrom: "pre_incubation", count: 1 },
      { final: "post_incubation", count: 3 },
      { final: "incubation", count: 19 },
      { final: "pre_incubation", count: 3 },
    ],
  },
  {
    monthsAgo: 6,
    programKey: "empowerment",
    programLabel: "Tamkine",
    capacity: 30,
    paths: [
      { final: "withdrawn", withdrawnFrom: "selected", count: 1 },
      { final: "pre_incubation", count: 14 },
      { final: "incubation", count: 4 },
      { final: "selected", count: 3 },
    ],
  },
];

export const APPLICANT_COUNT = 10;

const MONTHS_FR = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
] as const;

export type CohortPlan = {
  index: number;
  name: string;
  programKey: ProgramKey;
  startOn: string;
  endOn: string;
  capacity: number;
  status: "planned" | "active" | "closed";
};

export function planCohorts(today: string): CohortPlan[] {
  return COHORT_SPECS.map((spec, index) => {
    const startOn = firstOfMonth(addMonths(today, -spec.monthsAgo));
    const endOn = addDays(addMonths(startOn, 18), -1);
    const status = endOn < today ? "closed" : startOn > today ? "planned" : "active";
    const month = MONTHS_FR[Number(startOn.slice(5, 7)) - 1] ?? "";
    return {
      index,
      name: `Cohorte ${month} ${startOn.slice(0, 4)} — ${spec.programLabel}`,
      programKey: spec.programKey,
      startOn,
      endOn,
      capacity: spec.capacity,
      status,
    };
  });
}

const ENTRY_OFFSETS: Partial<Record<Stage, readonly [number, number]>> = {
  selected: [0, 0],
  pre_incubation: [30, 60],
  incubation: [150, 200],
  post_incubation: [370, 430],
  graduated: [480, 540],
};

export function pathsOf(spec: CohortSpec): Path[] {
  return spec.paths.flatMap((path) => Array.from({ length: path.count }, () => path));
}

export function planHistory(rng: Rng, cohort: CohortPlan, path: Path, today: string): StageEntry[] {
  const last = path.withdrawnFrom ?? path.final;
  const stages = PIPELINE.slice(1, PIPELINE.indexOf(last as (typeof PIPELINE)[number]) + 1);
  const offsets = stages.map((stage) => {
    const [low, high] = ENTRY_OFFSETS[stage] ?? [0, 0];
    return rng.int(low, high);
  });
  const entered: Stage[] = [...stages];
  if (path.withdrawnFrom) {
    offsets.push((offsets[offsets.length - 1] ?? 0) + rng.int(40, 150));
    entered.push("withdrawn");
  }
  const maxOffset = diffDays(minDate(addDays(today, -2), cohort.endOn), cohort.startOn);
  const furthest = offsets[offsets.length - 1] ?? 0;
  const scale = furthest > maxOffset ? maxOffset / furthest : 1;
  let previous = -1;
  const history: StageEntry[] = [
    { stage: "applicant", on: addDays(cohort.startOn, -rng.int(21, 75)) },
  ];
  entered.forEach((stage, i) => {
    const offset = Math.max(Math.round((offsets[i] ?? 0) * scale), previous + 1);
    previous = offset;
    history.push({ stage, on: addDays(cohort.startOn, offset) });
  });
  return history;
}

export function stageOn(history: readonly StageEntry[], date: string): Stage | null {
  let current: Stage | null = null;
  for (const entry of history) if (entry.on <= date) current = entry.stage;
  return current;
}

export function enteredOn(history: readonly StageEntry[], stage: Stage): string | null {
  return history.find((entry) => entry.stage === stage)?.on ?? null;
}

export function leftOn(history: readonly StageEntry[], stage: Stage): string | null {
  const index = history.findIndex((entry) => entry.stage === stage);
  return index < 0 ? null : (history[index + 1]?.on ?? null);
}

export const STAGE_REASONS: Record<Stage, string> = {
  applicant: "Dépôt de la candidature",
  selected: "Retenue par le comité de sélection",
  pre_incubation: "Démarrage de la pré-incubation",
  incubation: "Diagnostic et business plan validés",
  post_incubation: "Activité lancée, passage en post-incubation",
  graduated: "Objectifs atteints, sortie de l'incubateur",
  withdrawn: "Retrait",
};

export const WITHDRAWAL_REASONS = [
  "Désistement de la majorité des membres",
  "Conflit interne entre les membres du bureau",
  "Activité arrêtée faute de débouchés",
  "Départ de la présidente hors de la région",
  "Ne répond plus aux convocations depuis plusieurs mois",
  "Projet abandonné faute de local",
] as const;
