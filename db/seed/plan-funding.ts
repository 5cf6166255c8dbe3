import type { disbursements, fundingAwards } from "../schema";
import { addDays, clampDate, minDate, timestampOn } from "./dates";
import {
  type AwardStatus,
  type Kind,
  NOTES,
  RELEASED_BY_DONE,
  RELEASED_BY_OPEN,
  type Spec,
  type SpecKey,
  SPECS,
} from "./funding-specs";
import { formatMad, parseMad } from "./money";
import { enteredOn } from "./plan-cohorts";
import type { CoopPlan } from "./plan-cooperatives";
import type { MilestonePlan } from "./plan-milestones";
import type { People } from "./people";
import type { Rng } from "./random";

export type AwardPlan = {
  id: number;
  coop: CoopPlan;
  row: Omit<typeof fundingAwards.$inferInsert, "id">;
  tranches: Omit<typeof disbursements.$inferInsert, "id" | "awardId">[];
};

export const SUPPORT_KINDS_SET: ReadonlySet<Kind> = new Set(["grant", "prize", "in_kind"]);

function drawAmount(rng: Rng, spec: Spec): number {
  return rng.int(spec.min / 500, spec.max / 500) * 500 * 100;
}

function firstProgram(rng: Rng, coop: CoopPlan, youthful: boolean): SpecKey {
  if (coop.cohort && rng.chance(0.6)) return coop.cohort.programKey;
  return rng.weighted<SpecKey>([
    ["moazara", 4],
    ["indh_p3", youthful ? 2 : 0],
    ["mourafaka", 2],
    ["intelaka", 1],
    ["forsa", 1],
  ]);
}

function secondProgram(rng: Rng, coop: CoopPlan, youthful: boolean, first: SpecKey): SpecKey {
  const options: [SpecKey, number][] = [
    ["indh_p3", youthful ? 2 : 0],
    ["lalla_al_moutaaouina", coop.womenCoop ? 4 : 0],
    ["generation_solidaire", youthful ? 2 : 0],
    ["intelaka", 1],
    ["forsa", 1],
    ["own", 2],
    ["mourafaka", 1],
  ];
  return rng.weighted(options.filter(([key]) => key !== first));
}

function splitAmount(amount: number, count: number): number[] {
  const shares = [[1], [0.6, 0.4], [0.4, 0.35, 0.25]][count - 1] ?? [1];
  const parts = shares.slice(0, -1).map((share) => Math.round((amount * share) / 10_000) * 10_000);
  return [...parts, amount - parts.reduce((sum, part) => sum + part, 0)];
}

function releaseMilestone(
  rng: Rng,
  own: readonly MilestonePlan[],
  disbursedOn: string | null,
): number | null {
  const keys = disbursedOn ? RELEASED_BY_DONE : RELEASED_BY_OPEN;
  const candidates = own.filter(
    (m) =>
      keys.includes(m.key) &&
      (disbursedOn
        ? m.status === "done" && m.completedOn !== null && m.completedOn <= disbursedOn
        : m.status !== "done" && m.status !== "waived"),
  );
  return candidates.length > 0 ? rng.pick(candidates).id : null;
}

function planAward(
  rng: Rng,
  coop: CoopPlan,
  key: SpecKey,
  awardedOn: string,
  requestedOnly: boolean,
  milestones: readonly MilestonePlan[],
  people: People,
  today: string,
): AwardPlan {
  const spec = SPECS[key];
  const amount = drawAmount(rng, spec);
  const withdrawnOn = enteredOn(coop.history, "withdrawn");
  const stopAt = minDate(addDays(today, -1), withdrawnOn ?? today);
  const tranches: AwardPlan["tranches"] = [];
  let status: AwardStatus = requestedOnly ? (withdrawnOn ? "cancelled" : "requested") : "approved";
  if (!requestedOnly && rng.chance(0.05)) status = "rejected";
  if (status === "approved") {
    const count = spec.kind === "prize" ? 1 : amount <= 5_000_000 ? rng.int(1, 2) : rng.int(2, 3);
    let on = addDays(awardedOn, rng.int(15, 60));
    let disbursed = 0;
    const parts = splitAmount(amount, count);
    for (const [i, part] of parts.entries()) {
      const done = on <= stopAt;
      if (!done && (withdrawnOn || rng.chance(0.4))) break;
      tranches.push({
        status: done ? "disbursed" : "planned",
        disbursedOn: done ? on : null,
        amountMad: formatMad(part),
        reference: done ? `OV-${on.slice(0, 4)}-${rng.int(1000, 9999)}` : null,
        releaseMilestoneId:
          (i > 0 || !done) && rng.chance(done ? 0.5 : 0.9)
            ? releaseMilestone(rng, milestones, done ? on : null)
            : null,
        createdBy: people.staffIds[0],
        createdAt: timestampOn(done ? on : awardedOn, 11, rng.int(0, 59)),
      });
      if (!done) break;
      disbursed++;
      on = addDays(on, rng.int(75, 200));
    }
    const all = disbursed === parts.length;
    status = all
      ? "completed"
      : withdrawnOn
        ? "cancelled"
        : disbursed > 0
          ? "disbursing"
          : "approved";
  }
  const notes = NOTES[key];
  return {
    id: 0,
    coop,
    tranches,
    row: {
      cooperativeId: coop.id,
      programId: null,
      source: spec.source,
      kind: spec.kind,
      amountMad: formatMad(amount),
      coFinancingMad: formatMad(spec.coFinancing(rng, amount)),
      awardedOn,
      status,
      notes: notes && rng.chance(0.6) ? rng.pick(notes) : null,
      createdBy: people.staffIds[0],
      createdAt: timestampOn(awardedOn, 10, rng.int(0, 59)),
      updatedAt: timestampOn(tranches[tranches.length - 1]?.disbursedOn ?? awardedOn, 12, 0),
    },
  };
}

export function planFunding(
  rng: Rng,
  coops: readonly CoopPlan[],
  milestones: readonly MilestonePlan[],
  people: People,
  programIds: ReadonlyMap<string, number>,
  today: string,
): AwardPlan[] {
  const awards: AwardPlan[] = [];
  const end = addDays(today, -1);
  for (const coop of coops) {
    const preOn = enteredOn(coop.history, "pre_incubation");
    if (!preOn) continue;
    const own = milestones.filter((m) => m.coop === coop);
    const youthful = coop.membersYouth >= coop.membersTotal * 0.4;
    const incOn = enteredOn(coop.history, "incubation");
    const stop = minDate(end, enteredOn(coop.history, "withdrawn") ?? end);
    const add = (key: SpecKey, awardedOn: string, requestedOnly: boolean) => {
      const plan = planAward(rng, coop, key, awardedOn, requestedOnly, own, people, today);
      plan.row.programId =
        key === "own"
          ? coop.cohort
            ? (programIds.get(coop.cohort.programKey) ?? null)
            : null
          : (programIds.get(key) ?? null);
      awards.push(plan);
    };
    if (!incOn) {
      if (rng.chance(0.55))
        add(
          firstProgram(rng, coop, youthful),
          clampDate(addDays(preOn, rng.int(20, 100)), preOn, stop),
          true,
        );
      continue;
    }
    if (!rng.chance(0.9)) continue;
    const first = firstProgram(rng, coop, youthful);
    const firstOn = addDays(incOn, rng.int(20, 90));
    add(first, minDate(firstOn, stop), firstOn > stop);
    if (!rng.chance(0.4)) continue;
    const secondOn = addDays(firstOn, rng.int(60, 240));
    if (secondOn <= stop) add(secondProgram(rng, coop, youthful, first), secondOn, false);
  }
  return awards;
}

export function supportByCooperative(
  awards: readonly AwardPlan[],
  today: string,
): Map<CoopPlan, number> {
  const totals = new Map<CoopPlan, number>();
  for (const award of awards) {
    if (!SUPPORT_KINDS_SET.has(award.row.kind) || award.row.source === "own_contribution") continue;
    for (const tranche of award.tranches) {
      if (tranche.status !== "disbursed" || !tranche.disbursedOn || tranche.disbursedOn > today)
        continue;
      totals.set(award.coop, (totals.get(award.coop) ?? 0) + parseMad(tranche.amountMad));
    }
  }
  return totals;
}
