import type { mentorAssignments, mentoringSessions, SESSION_TOPICS, Stage } from "../schema";
import { addDays, minDate, timestampOn } from "./dates";
import { enteredOn, stageOn } from "./plan-cohorts";
import type { CoopPlan } from "./plan-cooperatives";
import type { People } from "./people";
import type { Rng } from "./random";

type Topic = (typeof SESSION_TOPICS)[number];
type Text = readonly [ar: string, fr: string];

const TOPIC_ORDER: readonly Topic[] = [
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

const TOPICS_BY_STAGE: Partial<Record<Stage, readonly Topic[]>> = {
  selected: ["governance", "legal", "accounting"],
  pre_incubation: ["governance", "accounting", "production", "marketing", "legal"],
  incubation: ["funding", "production", "quality", "marketing", "accounting"],
  post_incubation: ["marketing", "digital", "accounting", "quality", "governance"],
  graduated: ["marketing", "digital", "funding"],
};

const NOTES: Record<Topic, readonly Text[]> = {
  governance: [
    [
      "مراجعة النظام الداخلي وتوزيع المهام بين أعضاء المكتب.",
      "Revue du règlement intérieur et de la répartition des rôles au sein du bureau.",
    ],
    [
      "التحضير للجمع العام وإعداد محضر الاجتماع.",
      "Préparation de l'assemblée générale et de son procès-verbal.",
    ],
  ],
  accounting: [
    [
      "تتبع دفتر المداخيل والمصاريف ومطابقته مع الحساب البنكي.",
      "Suivi du livre recettes-dépenses et rapprochement avec le compte bancaire.",
    ],
    [
      "إعداد القوائم المالية السنوية مع المحاسب.",
      "Préparation des états financiers annuels avec le comptable.",
    ],
  ],
  marketing: [
    [
      "دراسة الأثمنة ونقط البيع الممكنة في فاس ومكناس.",
      "Étude des prix et des points de vente possibles à Fès et Meknès.",
    ],
    [
      "تصميم ملصق وتغليف جديدين للمنتوج.",
      "Conception d'une nouvelle étiquette et d'un nouvel emballage.",
    ],
  ],
  production: [
    [
      "زيارة وحدة الإنتاج وتنظيم مراحل العمل.",
      "Visite de l'unité de production et organisation des étapes de travail.",
    ],
    ["حساب كلفة الإنتاج لكل وحدة.", "Calcul du coût de revient unitaire."],
  ],
  quality: [
    [
      "تحضير ملف الترخيص الصحي لدى أونسا.",
      "Préparation du dossier d'autorisation sanitaire ONSSA.",
    ],
    [
      "مراجعة شروط النظافة والتتبع داخل الوحدة.",
      "Revue des règles d'hygiène et de traçabilité dans l'unité.",
    ],
  ],
  funding: [
    [
      "إعداد ملف طلب التمويل ولائحة المعدات.",
      "Montage du dossier de financement et de la liste des équipements.",
    ],
    [
      "تتبع صرف الشطر الأول من الدعم.",
      "Suivi du déblocage de la première tranche de la subvention.",
    ],
  ],
  legal: [
    [
      "ملاءمة القانون الأساسي مع القانون 112.12.",
      "Mise en conformité des statuts avec la loi 112-12.",
    ],
    [
      "تحيين السجل المحلي بعد انخراط أعضاء جدد.",
      "Mise à jour du registre local après l'adhésion de nouveaux membres.",
    ],
  ],
  digital: [
    [
      "إنشاء صفحة على شبكات التواصل الاجتماعي وتصوير المنتوجات.",
      "Création d'une page sur les réseaux sociaux et photos des produits.",
    ],
    ["التسجيل في منصة للبيع عبر الإنترنت.", "Inscription sur une plateforme de vente en ligne."],
  ],
  other: [
    [
      "نقاش حول الصعوبات التي تواجهها التعاونية.",
      "Échange sur les difficultés rencontrées par la coopérative.",
    ],
  ],
};

const NEXT_STEPS: readonly Text[] = [
  [
    "إرسال الوثائق الناقصة قبل الزيارة المقبلة.",
    "Envoyer les pièces manquantes avant la prochaine visite.",
  ],
  ["عقد اجتماع المكتب لتحديد المسؤوليات.", "Réunir le bureau pour fixer les responsabilités."],
  ["طلب عروض أثمان من ثلاثة موردين.", "Demander trois devis aux fournisseurs."],
  ["تحيين دفتر الحسابات.", "Mettre à jour le cahier de comptes."],
  ["التحضير للمشاركة في المعرض المقبل.", "Préparer la participation au prochain salon."],
  [
    "الاتصال بمصالح أونسا لتحديد موعد الزيارة.",
    "Contacter l'ONSSA pour fixer la date de la visite.",
  ],
  ["تجريب الثمن الجديد في السوق الأسبوعي.", "Tester le nouveau prix au souk hebdomadaire."],
];

export type AssignmentRow = Omit<typeof mentorAssignments.$inferInsert, "id">;
export type SessionRow = typeof mentoringSessions.$inferInsert;

function closingDate(coop: CoopPlan): string | null {
  return enteredOn(coop.history, "graduated") ?? enteredOn(coop.history, "withdrawn");
}

export function planAssignments(rng: Rng, coops: CoopPlan[], people: People): AssignmentRow[] {
  const [mainMentor, ...others] = people.mentorIds;
  if (mainMentor === undefined || others.length === 0) throw new Error("Mentors missing");
  const inCohorts = coops.filter((coop) => coop.cohort);
  const cohortIndexes = [...new Set(inCohorts.map((coop) => coop.cohort?.index ?? -1))];
  for (const index of cohortIndexes) {
    const members = inCohorts.filter(
      (coop) => coop.cohort?.index === index && coop.stage !== "withdrawn",
    );
    for (const coop of rng.sample(members, 3)) coop.mentorId = mainMentor;
  }
  rng
    .shuffle(inCohorts.filter((coop) => coop.mentorId === null))
    .forEach((coop, i) => (coop.mentorId = others[i % others.length] ?? mainMentor));
  return inCohorts.map((coop) => {
    const startOn = coop.cohort?.startOn ?? "";
    return {
      mentorId: coop.mentorId ?? mainMentor,
      cooperativeId: coop.id,
      startOn,
      endOn: closingDate(coop),
      createdBy: people.staffIds[0],
      createdAt: timestampOn(startOn, 9, rng.int(0, 59)),
    };
  });
}

function topicsFor(rng: Rng, stage: Stage): Topic[] {
  const pool = TOPICS_BY_STAGE[stage] ?? ["other"];
  const chosen = new Set(
    rng.sample(
      pool,
      rng.weighted([
        [1, 3],
        [2, 5],
        [3, 2],
      ] as const),
    ),
  );
  if (rng.chance(0.05)) chosen.add("other");
  return TOPIC_ORDER.filter((topic) => chosen.has(topic)).slice(0, 3);
}

function sessionAt(
  rng: Rng,
  coop: CoopPlan,
  mentorId: number,
  heldOn: string,
  people: People,
): SessionRow {
  const stage = stageOn(coop.history, heldOn) ?? "selected";
  const mode = rng.weighted([
    ["in_person", 35],
    ["field_visit", 30],
    ["remote", 15],
    ["phone", 20],
  ] as const);
  const durationMinutes = mode === "phone" ? rng.pick([30, 45, 60]) : 15 * rng.int(4, 16);
  const attendees =
    mode === "phone"
      ? 1
      : Math.min(
          coop.membersTotal,
          mode === "remote" ? rng.int(1, 4) : rng.int(2, mode === "field_visit" ? 12 : 8),
        );
  const topics = topicsFor(rng, stage);
  const usual = people.notesLanguage.get(mentorId) ?? "fr";
  const language = rng.chance(0.8) ? usual : usual === "ar" ? "fr" : "ar";
  const pickText = (text: Text) => (language === "ar" ? text[0] : text[1]);
  const notes = topics.map((topic) => pickText(rng.pick(NOTES[topic]))).join(" ");
  const createdAt = timestampOn(heldOn, rng.int(15, 20), rng.int(0, 59));
  return {
    id: rng.uuid(),
    cooperativeId: coop.id,
    mentorId,
    heldOn,
    durationMinutes,
    mode,
    topics,
    attendees,
    notes,
    nextSteps: rng.chance(0.85) ? pickText(rng.pick(NEXT_STEPS)) : null,
    followUpOn: rng.chance(0.4) ? addDays(heldOn, rng.int(14, 45)) : null,
    createdAt,
    updatedAt: createdAt,
  };
}

export function planSessions(
  rng: Rng,
  coops: readonly CoopPlan[],
  people: People,
  today: string,
): SessionRow[] {
  const [mainMentor] = people.mentorIds;
  const sessions: SessionRow[] = [];
  for (const coop of coops) {
    if (!coop.cohort || coop.mentorId === null) continue;
    const until = minDate(addDays(today, -1), closingDate(coop) ?? today);
    let heldOn = addDays(coop.cohort.startOn, rng.int(7, 40));
    while (heldOn <= until) {
      sessions.push(sessionAt(rng, coop, coop.mentorId, heldOn, people));
      const late = ["post_incubation", "graduated"].includes(stageOn(coop.history, heldOn) ?? "");
      const gap = coop.mentorId === mainMentor ? rng.int(40, 100) : rng.int(70, 160);
      heldOn = addDays(heldOn, gap + (late ? 45 : 0));
    }
  }
  return sessions;
}
