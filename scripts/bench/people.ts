import { FAMILY_NAMES, FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from "../../db/seed/names";
import { DEMO_ACCOUNTS, USER_SEEDS } from "../../db/seed/people";
import { createRng } from "../../db/seed/random";
import type { CopyValue } from "./copy-format";
import type { CoopPlan } from "./plan-country";
import type { BenchRegion } from "./regions";
import { weightedPicker } from "./sampling";
import type { Scale } from "./scale";

export type BenchPeople = {
  adminId: number;
  staffId: number;
  demoMentorId: number;
  officialId: number;
  /** Mentors other than the demo mentor, by region index. */
  mentorsByRegion: number[][];
  rows: CopyValue[][];
};

export const USER_COLUMNS = ["id", "email", "name", "role", "password_hash", "phone"] as const;

const ACTIVE: readonly string[] = ["pre_incubation", "incubation", "post_incubation"];

/** The demo's four accounts (ids 1–4), then synthetic mentors, all with one password hash. */
export function planPeople(
  seed: number,
  scale: Scale,
  regions: readonly BenchRegion[],
  passwordHash: string,
): BenchPeople {
  const rng = createRng(seed);
  const rows: CopyValue[][] = DEMO_ACCOUNTS.map((account, i) => {
    const seedUser = USER_SEEDS.find((user) => user.email === account.email);
    return [
      i + 1,
      account.email,
      seedUser?.name ?? account.email,
      account.role,
      passwordHash,
      seedUser?.phone,
    ];
  });
  const idOf = (role: string) => DEMO_ACCOUNTS.findIndex((a) => a.role === role) + 1;
  const mentorsByRegion: number[][] = regions.map(() => []);
  const pickRegion = weightedPicker(
    rng,
    regions.map((r) => r.weight),
  );
  for (let n = 1; n < scale.mentors; n++) {
    const id = rows.length + 1;
    const female = rng.chance(0.5);
    const first = rng.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    const name = `${first} ${rng.pick(FAMILY_NAMES)}`;
    const email = `mentor.${String(n).padStart(4, "0")}@bench.hadina.test`;
    const phone = `06${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
    rows.push([id, email, name, "mentor", passwordHash, phone]);
    const region = regions.length === 1 ? 0 : pickRegion();
    mentorsByRegion[region]!.push(id);
  }
  mentorsByRegion.forEach((list, i) => {
    if (list.length === 0) mentorsByRegion[i] = mentorsByRegion.flat();
  });
  return {
    adminId: idOf("admin"),
    staffId: idOf("staff"),
    demoMentorId: idOf("mentor"),
    officialId: idOf("official"),
    mentorsByRegion,
    rows,
  };
}

/**
 * A mentor of the cooperative's region for every enrolled cooperative whose cohort has started;
 * the demo mentor gets the first active ones of the first region (Fès-Meknès).
 */
export function assignMentors(
  seed: number,
  coops: CoopPlan[],
  people: BenchPeople,
  demoCount: number,
  today: number,
): void {
  const rng = createRng(seed);
  let demo = 0;
  for (const coop of coops) {
    if (!coop.cohort || coop.cohort.start > today) continue;
    const isDemo =
      demo < demoCount &&
      coop.region === 0 &&
      !coop.archived &&
      coop.closedOn === null &&
      ACTIVE.includes(coop.stage);
    if (isDemo) demo++;
    coop.mentorId = isDemo ? people.demoMentorId : rng.pick(people.mentorsByRegion[coop.region]!);
  }
}
