import type { eventParticipations, events, EVENT_KINDS } from "../schema";
import { addDays, addMonths, minDate, timestampOn } from "./dates";
import { formatMad } from "./money";
import { stageOn } from "./plan-cohorts";
import type { CoopPlan } from "./plan-cooperatives";
import type { Rng } from "./random";
import type { ProvinceKey } from "./reference";

type EventKind = (typeof EVENT_KINDS)[number];

type EventSpec = {
  name: (year: string) => string;
  kind: EventKind;
  province: ProvinceKey;
  location: string;
  monthsFromToday: number;
  days: number;
  size: readonly [number, number];
};

const EVENT_SPECS: readonly EventSpec[] = [
  {
    name: (year) => `Salon régional de l'économie sociale et solidaire ${year}`,
    kind: "regional_fair",
    province: "fes",
    location: "Esplanade Bab Makina, Fès",
    monthsFromToday: -13,
    days: 5,
    size: [18, 26],
  },
  {
    name: () => "Salon des coopératives créatives",
    kind: "creative_fair",
    province: "meknes",
    location: "Place El Hedim, Meknès",
    monthsFromToday: -7,
    days: 4,
    size: [10, 16],
  },
  {
    name: () => "Marché itinérant des coopératives — Ifrane",
    kind: "itinerant_market",
    province: "ifrane",
    location: "Place de la Poste, Ifrane",
    monthsFromToday: -5,
    days: 3,
    size: [8, 12],
  },
  {
    name: (year) => `Salon régional de l'économie sociale et solidaire ${year}`,
    kind: "regional_fair",
    province: "fes",
    location: "Esplanade Bab Makina, Fès",
    monthsFromToday: -2,
    days: 5,
    size: [22, 30],
  },
  {
    name: () => "Marché itinérant des coopératives — Taza",
    kind: "itinerant_market",
    province: "taza",
    location: "Jardin public, Taza",
    monthsFromToday: 1,
    days: 3,
    size: [8, 12],
  },
];

const EXHIBITING = new Set(["incubation", "post_incubation", "graduated"]);

export type EventPlan = {
  id: number;
  row: Omit<typeof events.$inferInsert, "id">;
  participants: {
    coop: CoopPlan;
    row: Omit<typeof eventParticipations.$inferInsert, "id" | "eventId">;
  }[];
};

export function planEvents(rng: Rng, coops: readonly CoopPlan[], today: string): EventPlan[] {
  return EVENT_SPECS.map((spec) => {
    const startsOn = addDays(addMonths(today, spec.monthsFromToday), rng.int(-6, 6));
    const endsOn = addDays(startsOn, spec.days - 1);
    const past = endsOn < today;
    const eligible = coops.filter((coop) => EXHIBITING.has(stageOn(coop.history, startsOn) ?? ""));
    const local = eligible.filter((coop) => coop.province === spec.province);
    const others = eligible.filter((coop) => coop.province !== spec.province);
    const count = rng.int(spec.size[0], spec.size[1]);
    const chosen = [...rng.sample(local, Math.ceil(count / 3)), ...rng.sample(others, count)].slice(
      0,
      count,
    );
    return {
      id: 0,
      row: {
        name: spec.name(startsOn.slice(0, 4)),
        kind: spec.kind,
        province: spec.province,
        location: spec.location,
        startsOn,
        endsOn,
        createdAt: timestampOn(minDate(addDays(today, -1), addDays(startsOn, -45)), 10, 0),
      },
      participants: chosen.map((coop) => ({
        coop,
        row: {
          cooperativeId: coop.id,
          salesMad: past && rng.chance(0.8) ? formatMad(rng.int(30, 900) * 50 * 100) : null,
          notes: past && rng.chance(0.1) ? "Prix du meilleur stand" : null,
          createdAt: timestampOn(
            minDate(addDays(today, -1), addDays(startsOn, -rng.int(10, 30))),
            11,
            rng.int(0, 59),
          ),
        },
      })),
    };
  });
}
