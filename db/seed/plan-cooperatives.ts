import type { cooperatives, LEGAL_FORMS, SECTORS, Stage } from "../schema";
import { addDays, minDate, timestampOn } from "./dates";
import { formatMad } from "./money";
import {
  ACTIVITIES,
  AUTO_ENTREPRENEURS,
  COOP_WORDS,
  FAMILY_NAMES,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
} from "./names";
import { COMMUNES, COURTS, DOUARS, EMAIL_DOMAINS, slugify, STREETS } from "./places";
import {
  APPLICANT_COUNT,
  COHORT_SPECS,
  type CohortPlan,
  pathsOf,
  planHistory,
  type StageEntry,
} from "./plan-cohorts";
import type { Rng } from "./random";
import type { ProvinceKey } from "./reference";

export type Sector = (typeof SECTORS)[number];
export type LegalForm = (typeof LEGAL_FORMS)[number];

export type CoopPlan = {
  id: number;
  province: ProvinceKey;
  sector: Sector;
  legalForm: LegalForm;
  area: "urban" | "rural";
  womenCoop: boolean;
  membersTotal: number;
  membersWomen: number;
  membersYouth: number;
  cohort: CohortPlan | null;
  stage: Stage;
  history: StageEntry[];
  foundedOn: string;
  registeredOn: string | null;
  mentorId: number | null;
  row: Omit<typeof cooperatives.$inferInsert, "id">;
};

const PROVINCE_COUNTS: Record<ProvinceKey, number> = {
  fes: 26,
  meknes: 24,
  taounate: 14,
  taza: 12,
  sefrou: 11,
  el_hajeb: 10,
  ifrane: 9,
  moulay_yacoub: 8,
  boulemane: 6,
};

const LEGAL_FORM_COUNTS: Record<LegalForm, number> = {
  cooperative: 100,
  association: 12,
  social_enterprise: 3,
  cooperative_union: 2,
  auto_entrepreneur: 3,
  association_network: 0,
};

const SECTOR_WEIGHTS: Record<Sector, number> = {
  agriculture: 58,
  handicraft: 12,
  food_products: 8,
  aromatic_medicinal_plants: 7,
  argan: 2,
  forestry: 0,
  tourism: 3,
  housing: 0,
  waste_recycling: 3,
  services_digital: 3,
  transport: 0,
  literacy: 0,
  other: 3,
};

function expand<K extends string>(counts: Record<K, number>): K[] {
  return (Object.entries(counts) as [K, number][]).flatMap(([key, count]) =>
    Array<K>(count).fill(key),
  );
}

function personName(rng: Rng, female: boolean): string {
  return `${rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES)} ${rng.pick(FAMILY_NAMES)}`;
}

function phone(rng: Rng): string {
  const prefix = rng.weighted([
    ["06", 6],
    ["07", 3],
    ["0535", 1],
  ] as const);
  let digits = prefix;
  while (digits.length < 10) digits += String(rng.int(0, 9));
  return digits;
}

function pickSector(rng: Rng, province: ProvinceKey, legalForm: LegalForm): Sector {
  if (legalForm === "auto_entrepreneur")
    return rng.pick(["services_digital", "handicraft"] as const);
  const urbanBoost = province === "fes" || province === "meknes" ? 2 : 1;
  return rng.weighted(
    (Object.entries(SECTOR_WEIGHTS) as [Sector, number][]).map(([sector, weight]) => [
      sector,
      sector === "handicraft" || sector === "services_digital" ? weight * urbanBoost : weight,
    ]),
  );
}

function naming(
  rng: Rng,
  used: Set<string>,
  p: Pick<CoopPlan, "legalForm" | "sector" | "province" | "womenCoop">,
) {
  if (p.legalForm === "auto_entrepreneur") {
    const person =
      AUTO_ENTREPRENEURS.find((candidate) => !used.has(candidate.ar)) ?? AUTO_ENTREPRENEURS[0];
    used.add(person.ar);
    return {
      name: person.ar,
      nameLatin: person.latin,
      handle: slugify(person.latin),
      female: person.female,
    };
  }
  const activities = ACTIVITIES[p.sector].filter(
    (a) => !a.provinces || a.provinces.includes(p.province),
  );
  for (let attempt = 0; ; attempt++) {
    const [wordAr, wordFr] = rng.pick(COOP_WORDS);
    const activity = rng.pick(activities);
    const women = p.womenCoop;
    const [ar, fr] = {
      cooperative: [
        `تعاونية ${wordAr}${women ? " النسوية" : ""}`,
        `Coopérative${women ? " féminine" : ""} ${wordFr}`,
      ],
      cooperative_union: [`اتحاد تعاونيات ${wordAr}`, `Union des coopératives ${wordFr}`],
      association: [
        `جمعية ${wordAr}${women ? " النسوية" : ""}`,
        `Association${women ? " féminine" : ""} ${wordFr}`,
      ],
      association_network: [`شبكة جمعيات ${wordAr}`, `Réseau d'associations ${wordFr}`],
      social_enterprise: [`المقاولة الاجتماعية ${wordAr}`, `Entreprise sociale ${wordFr}`],
      auto_entrepreneur: [wordAr, wordFr],
    }[p.legalForm];
    const name = `${ar} ${activity.ar}`;
    if (!used.has(name) || attempt > 50) {
      used.add(name);
      const prefix = p.legalForm.startsWith("association") ? "asso" : "coop";
      return {
        name,
        nameLatin: `${fr} ${activity.fr}`,
        handle: `${prefix}.${slugify(wordFr)}`,
        female: women,
      };
    }
  }
}

function members(rng: Rng, legalForm: LegalForm, womenCoop: boolean) {
  if (legalForm === "auto_entrepreneur") return { total: 1, women: 0, youth: 1 };
  const total = 7 + Math.floor(53 * rng.next() ** 2);
  const women = womenCoop
    ? total - rng.int(0, Math.floor(total * 0.1))
    : Math.round(total * rng.float(0, 0.5));
  const youth = Math.round(total * rng.float(0.15, 0.7));
  return { total, women, youth };
}

export function planCooperatives(
  rng: Rng,
  cohorts: readonly CohortPlan[],
  today: string,
  staffId: number,
): CoopPlan[] {
  const slots: { cohort: CohortPlan | null; history: StageEntry[] }[] = [];
  COHORT_SPECS.forEach((spec, index) => {
    const cohort = cohorts[index];
    if (!cohort) throw new Error(`Missing cohort ${index}`);
    for (const path of pathsOf(spec))
      slots.push({ cohort, history: planHistory(rng, cohort, path, today) });
  });
  for (let i = 0; i < APPLICANT_COUNT; i++) {
    slots.push({
      cohort: null,
      history: [{ stage: "applicant", on: addDays(today, -rng.int(3, 80)) }],
    });
  }
  slots.sort((a, b) => (a.history[0]?.on ?? "").localeCompare(b.history[0]?.on ?? ""));

  const provincesList = rng.shuffle(expand(PROVINCE_COUNTS));
  const legalForms = rng.shuffle(expand(LEGAL_FORM_COUNTS));
  const usedNames = new Set<string>();
  return slots.map(({ cohort, history }, index): CoopPlan => {
    const province = provincesList[index] ?? "fes";
    const legalForm = legalForms[index] ?? "cooperative";
    const sector = pickSector(rng, province, legalForm);
    const autoEntrepreneur = legalForm === "auto_entrepreneur";
    const womenCoop = !autoEntrepreneur && legalForm !== "cooperative_union" && rng.chance(0.16);
    const m = members(rng, legalForm, womenCoop);
    const [commune, urban] = rng.weighted(
      COMMUNES[province].map((c) => [[c[0], c[1]] as const, c[2]] as const),
    );
    const { name, nameLatin, handle, female } = naming(rng, usedNames, {
      legalForm,
      sector,
      province,
      womenCoop,
    });
    if (autoEntrepreneur) m.women = female ? 1 : 0;
    const appliedOn = history[0]?.on ?? today;
    const stage = history[history.length - 1]?.stage ?? "applicant";
    const selectedOn = history[1]?.on;
    const forming =
      cohort !== null && selectedOn !== undefined && (stage === "selected" || rng.chance(0.45));
    const foundedOn =
      forming && selectedOn
        ? addDays(selectedOn, rng.int(15, 40))
        : addDays(appliedOn, -rng.int(90, 1500));
    const registeredCandidate =
      forming && selectedOn
        ? addDays(selectedOn, rng.int(55, 110))
        : minDate(addDays(foundedOn, rng.int(20, 120)), addDays(appliedOn, -3));
    const stoppedOn =
      stage === "withdrawn" ? (history[history.length - 1]?.on ?? today) : addDays(today, -1);
    const registered =
      stage !== "selected" && registeredCandidate <= stoppedOn && foundedOn <= stoppedOn;
    const registeredOn = registered ? registeredCandidate : null;
    const year = (registeredOn ?? foundedOn).slice(0, 4);
    const registrationNumber = !registeredOn
      ? null
      : legalForm === "association"
        ? `Récépissé définitif n° ${rng.int(12, 480)}/${year}`
        : autoEntrepreneur
          ? `RNAE ${rng.int(100000, 999999)}${rng.int(1000, 9999)}`
          : `${rng.int(10, 999)}/${year}`;
    const registeredInCourt =
      registeredOn !== null && legalForm !== "association" && !autoEntrepreneur;
    const shareCapital =
      legalForm === "association" || autoEntrepreneur
        ? null
        : formatMad(Math.max(1000, m.total * rng.int(1, 10) * 100) * 100);
    const contactName = autoEntrepreneur
      ? nameLatin
      : personName(rng, womenCoop || rng.chance(0.45));
    const lastOn = history[history.length - 1]?.on ?? appliedOn;
    return {
      id: 0,
      province,
      sector,
      legalForm,
      area: urban ? "urban" : "rural",
      womenCoop,
      membersTotal: m.total,
      membersWomen: m.women,
      membersYouth: m.youth,
      cohort,
      stage,
      history,
      foundedOn,
      registeredOn,
      mentorId: null,
      row: {
        name,
        nameLatin,
        legalForm,
        sector,
        province,
        commune,
        area: urban ? "urban" : "rural",
        registrationNumber,
        registeredOn,
        court: registeredInCourt ? COURTS[province] : null,
        foundedOn: foundedOn <= stoppedOn ? foundedOn : null,
        womenCoop,
        membersTotal: m.total,
        membersWomen: m.women,
        membersYouth: m.youth,
        shareCapitalMad: shareCapital,
        stage,
        cohortId: null,
        contactName,
        phone: phone(rng),
        email: rng.chance(0.8) ? `${handle}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}` : null,
        address: urban
          ? `${rng.int(1, 240)}, ${rng.pick(STREETS)}, ${commune}`
          : `Douar ${rng.pick(DOUARS)}, commune ${commune}`,
        createdBy: staffId,
        createdAt: timestampOn(appliedOn, 10, rng.int(0, 59)),
        updatedAt: timestampOn(lastOn, 16, rng.int(0, 59)),
      },
    };
  });
}
