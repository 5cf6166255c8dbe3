import type { SESSION_TOPICS, Stage } from "../../db/schema";
import { fromDays } from "../../db/seed/dates";
import { createRng } from "../../db/seed/random";
import { type CoopPlan, stageIndex } from "./plan-country";
import { at, type TableLoad } from "./rows-core";
import { exactSelector, uuidFrom, weightedPicker } from "./sampling";

export type Template = { id: number; stage: Stage; dueOffsetDays: number };

function milestoneBase(coop: CoopPlan): number | null {
  if (coop.cohort) return coop.cohort.start;
  return coop.history.find((h) => h.stage === "selected")?.on ?? null;
}

/** Each cooperative holds the milestones of every stage it reached; `target` of them are kept. */
export function milestoneLoad(
  seed: number,
  coops: readonly CoopPlan[],
  templates: readonly Template[],
  target: number,
  staffId: number,
  today: number,
): TableLoad & { candidates: number } {
  const eligible = (coop: CoopPlan) =>
    milestoneBase(coop) === null
      ? 0
      : templates.filter((t) => stageIndex(t.stage) <= stageIndex(coop.reached)).length;
  const candidates = coops.reduce((sum, coop) => sum + eligible(coop), 0);
  return {
    candidates,
    table: "milestones",
    columns: [
      "id",
      "cooperative_id",
      "template_id",
      "stage",
      "status",
      "due_on",
      "completed_on",
      "reported_by",
      "reported_at",
      "verified_by",
      "verified_at",
      "comment",
    ],
    rows: function* () {
      const rng = createRng(seed);
      const keep = exactSelector(rng, candidates, target);
      let id = 0;
      for (const coop of coops) {
        const base = milestoneBase(coop);
        if (base === null) continue;
        const reached = stageIndex(coop.reached);
        for (const template of templates) {
          const stage = stageIndex(template.stage);
          if (stage > reached || !keep()) continue;
          const due = base + template.dueOffsetDays;
          const roll = rng.next();
          let status: string;
          if (stage < reached || template.stage === "graduated")
            status = roll < 0.93 ? "done" : roll < 0.97 ? "waived" : "reported";
          else if (due < today)
            status =
              roll < 0.5
                ? "done"
                : roll < 0.6
                  ? "reported"
                  : roll < 0.75
                    ? "in_progress"
                    : roll < 0.8
                      ? "blocked"
                      : "todo";
          else status = roll < 0.1 ? "done" : roll < 0.4 ? "in_progress" : "todo";
          const completed =
            status === "done" || status === "reported"
              ? Math.max(base, Math.min(today, due + rng.int(-20, 40)))
              : null;
          const reportedBy = completed !== null ? (coop.mentorId ?? staffId) : null;
          const verified = status === "done";
          yield [
            ++id,
            coop.id,
            template.id,
            template.stage,
            status,
            fromDays(due),
            status === "done" ? fromDays(completed!) : null,
            reportedBy,
            completed !== null ? at(completed, 16) : null,
            verified ? staffId : null,
            verified ? at(completed!, 18) : null,
            status === "blocked" ? "En attente d'un document de l'administration" : null,
          ];
        }
      }
    },
  };
}

type Topic = (typeof SESSION_TOPICS)[number];

const TOPICS: readonly Topic[] = [
  "governance",
  "accounting",
  "marketing",
  "production",
  "quality",
  "funding",
  "legal",
  "digital",
  "other",
];

const NOTES: Record<Topic, string> = {
  governance: "Revue du règlement intérieur et de la répartition des rôles au sein du bureau.",
  accounting: "Suivi du livre recettes-dépenses et rapprochement avec le compte bancaire.",
  marketing: "Étude des prix et des points de vente possibles dans la province.",
  production: "Organisation de l'atelier et planification de la production du trimestre.",
  quality: "Préparation du dossier d'autorisation sanitaire ONSSA.",
  funding: "Montage du dossier de demande de financement et des devis.",
  legal: "Mise à jour des statuts et du registre des membres.",
  digital: "Création de la page de vente en ligne et photos des produits.",
  other: "Point général sur l'avancement du plan d'action.",
};

const NEXT_STEPS = [
  "Envoyer les devis avant la prochaine séance.",
  "Tenir la réunion du bureau et transmettre le procès-verbal.",
  "Compléter le livre de caisse du mois.",
  "Contacter deux points de vente en ville.",
  "الاتصال بالمصالح المختصة لاستكمال الملف.",
] as const;

const MODES = [
  ["in_person", 35],
  ["field_visit", 30],
  ["remote", 15],
  ["phone", 20],
] as const;

/** `target` sessions spread over mentored cooperatives in proportion to their days in the programme. */
export function sessionLoad(
  seed: number,
  coops: readonly CoopPlan[],
  target: number,
  today: number,
): TableLoad {
  return {
    table: "mentoring_sessions",
    columns: [
      "id",
      "cooperative_id",
      "mentor_id",
      "held_on",
      "duration_minutes",
      "mode",
      "topics",
      "attendees",
      "notes",
      "next_steps",
      "follow_up_on",
      "created_at",
      "updated_at",
    ],
    rows: function* () {
      const rng = createRng(seed);
      const mentored = coops.filter(
        (c) => c.mentorId !== null && c.cohort && c.cohort.start < today,
      );
      if (mentored.length === 0) return;
      const windows = mentored.map((c) => {
        const from = c.cohort!.start;
        const until = Math.min(today - 1, c.closedOn ?? today);
        return [from, Math.max(from, until)] as const;
      });
      const pick = weightedPicker(
        rng,
        windows.map(([from, until]) => until - from + 1),
      );
      for (let n = 0; n < target; n++) {
        const i = pick();
        const coop = mentored[i]!;
        const [from, until] = windows[i]!;
        const heldOn = rng.int(from, until);
        const mode = rng.weighted(MODES);
        const topics = rng.sample(TOPICS, rng.int(1, 3));
        const created = at(heldOn, rng.int(15, 20));
        yield [
          uuidFrom(rng),
          coop.id,
          coop.mentorId,
          fromDays(heldOn),
          mode === "phone" ? rng.pick([30, 45, 60]) : 15 * rng.int(4, 16),
          mode,
          topics,
          mode === "phone" ? 1 : Math.min(coop.membersTotal, rng.int(1, 8)),
          topics.map((t) => NOTES[t]).join(" "),
          rng.chance(0.85) ? rng.pick(NEXT_STEPS) : null,
          rng.chance(0.4) ? fromDays(heldOn + rng.int(14, 45)) : null,
          created,
          created,
        ];
      }
    },
  };
}
