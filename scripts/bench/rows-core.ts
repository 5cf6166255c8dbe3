import { fromDays } from "../../db/seed/dates";
import { formatMad } from "../../db/seed/money";
import {
  ACTIVITIES,
  COOP_WORDS,
  FAMILY_NAMES,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
} from "../../db/seed/names";
import { STAGE_REASONS, WITHDRAWAL_REASONS } from "../../db/seed/plan-cohorts";
import { slugify } from "../../db/seed/places";
import { createRng } from "../../db/seed/random";
import type { CopyValue } from "./copy-format";
import { type CohortPlan, communeOf, type CoopPlan, courtOf } from "./plan-country";

export type TableLoad = {
  table: string;
  columns: readonly string[];
  rows: () => Iterable<readonly CopyValue[]>;
};

/** A timestamp on a day number (days since 1970-01-01), at an hour UTC. */
export const at = (day: number, hour: number) => new Date(day * 86_400_000 + hour * 3_600_000);

export function cohortLoad(
  cohorts: readonly CohortPlan[],
  programIds: Map<string, number>,
): TableLoad {
  return {
    table: "cohorts",
    columns: [
      "id",
      "name",
      "program_id",
      "start_on",
      "end_on",
      "capacity",
      "status",
      "created_at",
      "updated_at",
    ],
    rows: function* () {
      for (const c of cohorts) {
        const programId = programIds.get(c.programKey);
        if (programId === undefined) throw new Error(`Programme ${c.programKey} is missing`);
        const created = at(c.start - 90, 9);
        yield [
          c.id,
          c.name,
          programId,
          fromDays(c.start),
          fromDays(c.end),
          c.capacity,
          c.status,
          created,
          created,
        ];
      }
    },
  };
}

const PREFIXES = {
  cooperative: ["تعاونية", "Coopérative"],
  cooperative_union: ["اتحاد تعاونيات", "Union des coopératives"],
  association: ["جمعية", "Association"],
  association_network: ["شبكة جمعيات", "Réseau d'associations"],
  social_enterprise: ["المقاولة الاجتماعية", "Entreprise sociale"],
} as const;

export function cooperativeLoad(
  seed: number,
  coops: readonly CoopPlan[],
  staffId: number,
): TableLoad {
  return {
    table: "cooperatives",
    columns: [
      "id",
      "name",
      "name_latin",
      "legal_form",
      "sector",
      "province",
      "commune",
      "area",
      "registration_number",
      "registered_on",
      "court",
      "founded_on",
      "women_coop",
      "members_total",
      "members_women",
      "members_youth",
      "share_capital_mad",
      "stage",
      "cohort_id",
      "contact_name",
      "phone",
      "email",
      "address",
      "archived_at",
      "created_by",
      "created_at",
      "updated_at",
    ],
    rows: function* () {
      const rng = createRng(seed);
      for (const coop of coops) {
        const female = coop.womenCoop || rng.chance(0.4);
        const person = `${rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES)} ${rng.pick(FAMILY_NAMES)}`;
        let name: string;
        let nameLatin: string;
        if (coop.legalForm === "auto_entrepreneur") {
          name = person;
          nameLatin = person;
        } else {
          const [wordAr, wordFr] = rng.pick(COOP_WORDS);
          const activity = rng.pick(ACTIVITIES[coop.sector]);
          const [ar, fr] = PREFIXES[coop.legalForm];
          const women = coop.womenCoop && !coop.legalForm.includes("_");
          name = `${ar} ${wordAr}${women ? " النسوية" : ""} ${activity.ar}`;
          nameLatin = `${fr}${women ? " féminine" : ""} ${wordFr} ${activity.fr}`;
        }
        const applied = coop.history[0]!.on;
        const founded = applied - rng.int(200, 3000);
        const registered = rng.chance(0.8);
        const updated = coop.history[coop.history.length - 1]!.on;
        yield [
          coop.id,
          name,
          nameLatin,
          coop.legalForm,
          coop.sector,
          coop.province,
          communeOf(rng, coop),
          coop.area,
          registered ? `${rng.int(1, 2400)}/${fromDays(founded).slice(0, 4)}` : null,
          registered ? fromDays(founded + rng.int(10, 90)) : null,
          registered ? courtOf(coop) : null,
          fromDays(founded),
          coop.womenCoop,
          coop.membersTotal,
          coop.membersWomen,
          coop.membersYouth,
          formatMad(100 * 1000 * rng.int(1, 50)),
          coop.stage,
          coop.cohort?.id ?? null,
          person,
          `0${rng.pick(["6", "7"])}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`,
          rng.chance(0.6) ? `${slugify(person)}.${coop.id}@gmail.com` : null,
          `Douar ${rng.int(1, 60)}, ${coop.town}`,
          coop.archived ? at(updated + 1, 10) : null,
          staffId,
          at(applied, 9),
          at(updated, 9),
        ];
      }
    },
  };
}

export function stageChangeLoad(
  seed: number,
  coops: readonly CoopPlan[],
  staffId: number,
): TableLoad {
  return {
    table: "stage_changes",
    columns: [
      "cooperative_id",
      "from_stage",
      "to_stage",
      "changed_on",
      "changed_by",
      "reason",
      "created_at",
    ],
    rows: function* () {
      const rng = createRng(seed);
      for (const coop of coops) {
        for (let i = 0; i < coop.history.length; i++) {
          const entry = coop.history[i]!;
          const reason =
            entry.stage === "withdrawn" ? rng.pick(WITHDRAWAL_REASONS) : STAGE_REASONS[entry.stage];
          yield [
            coop.id,
            coop.history[i - 1]?.stage ?? null,
            entry.stage,
            fromDays(entry.on),
            staffId,
            reason,
            at(entry.on, 11),
          ];
        }
      }
    },
  };
}

export function assignmentLoad(coops: readonly CoopPlan[], staffId: number): TableLoad {
  return {
    table: "mentor_assignments",
    columns: ["mentor_id", "cooperative_id", "start_on", "end_on", "created_by", "created_at"],
    rows: function* () {
      for (const coop of coops) {
        if (coop.mentorId === null || !coop.cohort) continue;
        const start = coop.cohort.start;
        const end = coop.closedOn === null ? null : fromDays(Math.max(start, coop.closedOn));
        yield [coop.mentorId, coop.id, fromDays(start), end, staffId, at(start, 10)];
      }
    },
  };
}
