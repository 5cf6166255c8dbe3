import type { milestones, MILESTONE_STATUSES, Stage } from "../schema";
import { addDays, clampDate, diffDays, maxDate, minDate, timestampOn } from "./dates";
import { enteredOn, leftOn } from "./plan-cohorts";
import type { CoopPlan, Sector } from "./plan-cooperatives";
import type { People } from "./people";
import type { Rng } from "./random";

type Status = (typeof MILESTONE_STATUSES)[number];
export type TemplateRef = { id: number; key: string; stage: Stage; dueOffsetDays: number };

export type MilestonePlan = {
  id: number;
  coop: CoopPlan;
  key: string;
  status: Status;
  completedOn: string | null;
  row: Omit<typeof milestones.$inferInsert, "id">;
};

const FOOD: ReadonlySet<Sector> = new Set([
  "agriculture",
  "food_products",
  "aromatic_medicinal_plants",
  "argan",
]);
const NO_LABEL: ReadonlySet<Sector> = new Set([
  "services_digital",
  "tourism",
  "waste_recycling",
  "other",
]);

const DONE_RATE: Record<string, number> = {
  quality_label: 0.4,
  exhibition_participation: 0.75,
  ecommerce_listing: 0.75,
  retail_listing: 0.5,
  onssa_authorization: 0.8,
};

const EVIDENCE: Record<string, string> = {
  name_certificate: "Certificat négatif délivré par l'ODCO",
  statutes_signed: "Statuts signés et légalisés",
  capital_deposited: "Attestation de blocage du capital",
  registered_local_register: "Extrait du registre local des coopératives",
  bank_account_opened: "Attestation de RIB",
  diagnostic_done: "Rapport de diagnostic",
  business_plan_done: "Business plan validé en comité",
  group_training_done: "Feuilles de présence de la formation",
  funding_applied: "Accusé de dépôt du dossier de financement",
  funding_awarded: "Convention de financement signée",
  equipment_delivered: "PV de réception des équipements",
  onssa_authorization: "Autorisation sanitaire ONSSA",
  quality_label: "Certificat de labellisation",
  first_sale: "Facture de la première vente",
  exhibition_participation: "Photos du stand et badge exposant",
  ecommerce_listing: "Lien de la boutique en ligne",
  retail_listing: "Contrat de référencement",
  annual_general_assembly: "PV de l'assemblée générale",
  graduated: "Décision du comité de sortie",
};

const BLOCKERS = [
  "En attente du passage de l'ONSSA",
  "Dossier bloqué à la banque",
  "Désaccord au sein du bureau",
  "Fournisseur en retard de livraison",
  "Pièce d'identité d'un membre manquante",
] as const;

function notApplicable(key: string, sector: Sector): boolean {
  return (
    (key === "onssa_authorization" && !FOOD.has(sector)) ||
    (key === "quality_label" && NO_LABEL.has(sector))
  );
}

const REGISTRATION_KEYS = new Set([
  "capital_deposited",
  "registered_local_register",
  "bank_account_opened",
]);

function formationDate(coop: CoopPlan, key: string, entry: string, rng: Rng): string | null {
  const selectedOn = enteredOn(coop.history, "selected");
  if (!selectedOn || entry !== selectedOn) return null;
  if (coop.foundedOn < selectedOn) return addDays(selectedOn, rng.int(2, 25));
  const registered = coop.registeredOn;
  switch (key) {
    case "name_certificate":
      return addDays(coop.foundedOn, -rng.int(5, 12));
    case "statutes_signed":
      return coop.foundedOn;
    case "capital_deposited":
      return registered ? addDays(registered, -rng.int(5, 15)) : null;
    case "registered_local_register":
      return registered;
    case "bank_account_opened":
      return registered ? addDays(registered, rng.int(3, 15)) : null;
    default:
      return null;
  }
}

function settle(rng: Rng, date: string, low: string, high: string): string {
  if (high <= low) return low;
  if (date > high) return addDays(high, -rng.int(0, Math.min(30, diffDays(high, low))));
  return clampDate(date, low, high);
}

function chooseStatus(
  rng: Rng,
  phase: "passed" | "current" | "frozen",
  key: string,
  dueOn: string,
  limit: string,
): Status {
  if (phase === "passed") {
    if (rng.chance(DONE_RATE[key] ?? 0.93)) return "done";
    return rng.weighted([
      ["waived", 35],
      ["in_progress", 35],
      ["reported", 30],
    ] as const);
  }
  if (phase === "frozen") {
    return dueOn < limit
      ? rng.weighted([
          ["done", 45],
          ["in_progress", 20],
          ["blocked", 20],
          ["todo", 15],
        ] as const)
      : rng.weighted([
          ["todo", 60],
          ["in_progress", 25],
          ["blocked", 15],
        ] as const);
  }
  return dueOn <= limit
    ? rng.weighted([
        ["done", 50],
        ["reported", 15],
        ["in_progress", 17],
        ["blocked", 8],
        ["todo", 10],
      ] as const)
    : rng.weighted([
        ["todo", 55],
        ["in_progress", 30],
        ["reported", 8],
        ["done", 5],
        ["blocked", 2],
      ] as const);
}

export function planMilestones(
  rng: Rng,
  coops: readonly CoopPlan[],
  templates: readonly TemplateRef[],
  people: People,
  today: string,
): MilestonePlan[] {
  const yesterday = addDays(today, -1);
  const plans: MilestonePlan[] = [];
  for (const coop of coops) {
    if (!coop.cohort) continue;
    const withdrawnOn = enteredOn(coop.history, "withdrawn");
    for (const { stage, on: entry } of coop.history) {
      if (stage === "applicant" || stage === "withdrawn") continue;
      const exit = leftOn(coop.history, stage);
      const phase = exit === null ? "current" : exit === withdrawnOn ? "frozen" : "passed";
      const limit = phase === "frozen" && exit ? exit : yesterday;
      for (const template of templates.filter((t) => t.stage === stage)) {
        const dueOn = addDays(coop.cohort.startOn, template.dueOffsetDays);
        const formation = formationDate(coop, template.key, entry, rng);
        const formed = formation !== null && formation <= limit;
        const unregistered = REGISTRATION_KEYS.has(template.key) && coop.registeredOn === null;
        let status: Status = notApplicable(template.key, coop.sector)
          ? "waived"
          : formed
            ? "done"
            : unregistered
              ? rng.weighted([
                  ["in_progress", 2],
                  ["blocked", 1],
                  ["todo", phase === "frozen" ? 2 : 0],
                ] as const)
              : chooseStatus(rng, phase, template.key, dueOn, limit);
        if (template.key === "graduated") status = "done";
        let completedOn: string | null = null;
        if (status === "done") {
          const natural = template.key === "graduated" ? entry : addDays(dueOn, rng.int(-30, 10));
          const upper = phase === "passed" && exit ? minDate(yesterday, addDays(exit, 45)) : limit;
          completedOn = formed && formation ? formation : settle(rng, natural, entry, upper);
        }
        const reportedOn =
          status === "done"
            ? completedOn
            : status === "reported"
              ? settle(rng, addDays(dueOn, rng.int(-20, 10)), entry, limit)
              : null;
        const verifiedOn = completedOn
          ? clampDate(addDays(completedOn, rng.int(0, 8)), completedOn, yesterday)
          : null;
        const mentorId = coop.mentorId;
        const comment =
          status === "blocked"
            ? rng.pick(BLOCKERS)
            : status === "waived"
              ? notApplicable(template.key, coop.sector)
                ? "Sans objet pour cette activité"
                : "Dispense accordée par l'équipe : acquis avant l'entrée dans le parcours"
              : status === "in_progress" && rng.chance(0.15)
                ? "Renvoyé par l'équipe : justificatif illisible, merci de le déposer à nouveau."
                : null;
        const lastTouched = maxDate(entry, verifiedOn ?? entry, reportedOn ?? entry);
        plans.push({
          id: 0,
          coop,
          key: template.key,
          status,
          completedOn,
          row: {
            cooperativeId: coop.id,
            templateId: template.id,
            stage,
            status,
            dueOn,
            completedOn,
            evidenceText: reportedOn ? (EVIDENCE[template.key] ?? null) : null,
            comment,
            reportedBy: reportedOn && mentorId !== null ? mentorId : null,
            reportedAt:
              reportedOn && mentorId !== null
                ? timestampOn(reportedOn, rng.int(9, 15), rng.int(0, 59))
                : null,
            verifiedBy: verifiedOn ? rng.pick(people.staffIds) : null,
            verifiedAt: verifiedOn ? timestampOn(verifiedOn, 16, rng.int(0, 59)) : null,
            createdAt: timestampOn(entry, 8, rng.int(0, 59)),
            updatedAt: timestampOn(lastTouched, 18, 0),
          },
        });
      }
    }
  }
  return plans;
}
