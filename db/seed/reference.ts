import type { Executor } from "../index";
import { milestoneTemplates, programs, provinces, regions, type Stage } from "../schema";

export const REGION = {
  key: "fes_meknes",
  nameAr: "جهة فاس مكناس",
  nameFr: "Région Fès-Meknès",
  nameEn: "Fès-Meknès Region",
};

export const PROVINCES = [
  { key: "fes", nameFr: "Préfecture de Fès", nameAr: "عمالة فاس", nameEn: "Fez Prefecture" },
  {
    key: "meknes",
    nameFr: "Préfecture de Meknès",
    nameAr: "عمالة مكناس",
    nameEn: "Meknes Prefecture",
  },
  {
    key: "boulemane",
    nameFr: "Province de Boulemane",
    nameAr: "إقليم بولمان",
    nameEn: "Boulemane Province",
  },
  {
    key: "el_hajeb",
    nameFr: "Province d'El Hajeb",
    nameAr: "إقليم الحاجب",
    nameEn: "El Hajeb Province",
  },
  { key: "ifrane", nameFr: "Province d'Ifrane", nameAr: "إقليم إفران", nameEn: "Ifrane Province" },
  {
    key: "moulay_yacoub",
    nameFr: "Province de Moulay Yacoub",
    nameAr: "إقليم مولاي يعقوب",
    nameEn: "Moulay Yacoub Province",
  },
  { key: "sefrou", nameFr: "Province de Sefrou", nameAr: "إقليم صفرو", nameEn: "Sefrou Province" },
  {
    key: "taounate",
    nameFr: "Province de Taounate",
    nameAr: "إقليم تاونات",
    nameEn: "Taounate Province",
  },
  { key: "taza", nameFr: "Province de Taza", nameAr: "إقليم تازة", nameEn: "Taza Province" },
] as const;

export type ProvinceKey = (typeof PROVINCES)[number]["key"];

export const PROGRAMS = [
  {
    key: "moazara",
    nameAr: "برنامج مؤازرة",
    nameFr: "Programme Moazara",
    nameEn: "Moazara programme",
    description:
      "Cofinancement par le Conseil régional des projets de coopératives et d'associations, jusqu'à 49 000 MAD par projet.",
  },
  {
    key: "mourafaka",
    nameAr: "برنامج مرافقة",
    nameFr: "Programme Mourafaka",
    nameEn: "Mourafaka programme",
    description:
      "Accompagnement de l'ODCO pour les coopératives de moins de 4 ans : diagnostic, formation collective et 12 séances de coaching sur 2 ans.",
  },
  {
    key: "indh_p3",
    nameAr: "المبادرة الوطنية للتنمية البشرية – البرنامج الثالث",
    nameFr: "INDH – Programme 3",
    nameEn: "INDH – Programme 3",
    description:
      "Inclusion économique des jeunes de 18 à 34 ans : subvention jusqu'à 300 000 MAD, au plus 60 % de l'investissement.",
  },
  {
    key: "intelaka",
    nameAr: "برنامج انطلاقة",
    nameFr: "Programme Intelaka",
    nameEn: "Intelaka programme",
    description:
      "Prêts bancaires garantis à taux réduit pour les porteurs de projets et les très petites entreprises.",
  },
  {
    key: "forsa",
    nameAr: "برنامج فرصة",
    nameFr: "Programme Forsa",
    nameEn: "Forsa programme",
    description:
      "Prêt d'honneur jusqu'à 100 000 MAD, avec formation et accompagnement des porteurs de projets.",
  },
  {
    key: "lalla_al_moutaaouina",
    nameAr: "جائزة للا المتعاونة",
    nameFr: "Prix Lalla Al Moutaaouina",
    nameEn: "Lalla Al Moutaaouina Prize",
    description: "Prix national qui récompense les coopératives féminines.",
  },
  {
    key: "generation_solidaire",
    nameAr: "جائزة جيل متضامن",
    nameFr: "Prix Génération Solidaire",
    nameEn: "Génération Solidaire Prize",
    description: "Prix qui encourage les coopératives créées par des jeunes.",
  },
  {
    key: "incubator_track",
    nameAr: "مسار الحاضنة الجهوية",
    nameFr: "Parcours de l'incubateur régional",
    nameEn: "Regional incubator track",
    description:
      "Parcours propre à l'incubateur : pré-incubation, incubation et post-incubation sur 18 mois.",
  },
  {
    key: "accompaniment",
    nameAr: "مواكبة",
    nameFr: "Accompagnement (Mouakaba)",
    nameEn: "Accompaniment",
    description: "Parcours régional d'accompagnement : coaching, formation et mise en marché.",
  },
  {
    key: "empowerment",
    nameAr: "تمكين",
    nameFr: "Autonomisation (Tamkine)",
    nameEn: "Empowerment",
    description:
      "Parcours régional d'autonomisation économique, en priorité pour les femmes et les jeunes.",
  },
] as const;

export type ProgramKey = (typeof PROGRAMS)[number]["key"];

type TemplateSeed = {
  key: string;
  stage: Stage;
  dueOffsetDays: number;
  labelAr: string;
  labelFr: string;
  labelEn: string;
};

export const MILESTONE_TEMPLATES: readonly TemplateSeed[] = [
  {
    key: "name_certificate",
    stage: "selected",
    dueOffsetDays: 30,
    labelAr: "الحصول على الشهادة السلبية",
    labelFr: "Certificat négatif (dénomination)",
    labelEn: "Name certificate obtained",
  },
  {
    key: "statutes_signed",
    stage: "selected",
    dueOffsetDays: 45,
    labelAr: "توقيع القانون الأساسي",
    labelFr: "Statuts signés",
    labelEn: "Statutes signed",
  },
  {
    key: "capital_deposited",
    stage: "selected",
    dueOffsetDays: 60,
    labelAr: "إيداع رأس المال في البنك",
    labelFr: "Capital déposé en banque",
    labelEn: "Capital deposited in a bank",
  },
  {
    key: "registered_local_register",
    stage: "selected",
    dueOffsetDays: 90,
    labelAr: "التقييد في السجل المحلي للتعاونيات",
    labelFr: "Immatriculation au registre local",
    labelEn: "Registered in the local register",
  },
  {
    key: "bank_account_opened",
    stage: "selected",
    dueOffsetDays: 90,
    labelAr: "فتح حساب بنكي",
    labelFr: "Compte bancaire ouvert",
    labelEn: "Bank account opened",
  },
  {
    key: "diagnostic_done",
    stage: "pre_incubation",
    dueOffsetDays: 60,
    labelAr: "إنجاز التشخيص",
    labelFr: "Diagnostic réalisé",
    labelEn: "Diagnostic completed",
  },
  {
    key: "business_plan_done",
    stage: "pre_incubation",
    dueOffsetDays: 120,
    labelAr: "إعداد مخطط الأعمال",
    labelFr: "Business plan élaboré",
    labelEn: "Business plan completed",
  },
  {
    key: "group_training_done",
    stage: "pre_incubation",
    dueOffsetDays: 150,
    labelAr: "استكمال التكوين الجماعي",
    labelFr: "Formation collective suivie",
    labelEn: "Group training completed",
  },
  {
    key: "funding_applied",
    stage: "incubation",
    dueOffsetDays: 180,
    labelAr: "إيداع طلب التمويل",
    labelFr: "Demande de financement déposée",
    labelEn: "Funding applied for",
  },
  {
    key: "funding_awarded",
    stage: "incubation",
    dueOffsetDays: 240,
    labelAr: "الحصول على التمويل",
    labelFr: "Financement obtenu",
    labelEn: "Funding awarded",
  },
  {
    key: "equipment_delivered",
    stage: "incubation",
    dueOffsetDays: 300,
    labelAr: "تسلم المعدات",
    labelFr: "Équipements livrés",
    labelEn: "Equipment delivered",
  },
  {
    key: "onssa_authorization",
    stage: "incubation",
    dueOffsetDays: 300,
    labelAr: "الحصول على الترخيص الصحي من أونسا",
    labelFr: "Autorisation sanitaire de l'ONSSA",
    labelEn: "ONSSA food-safety authorization",
  },
  {
    key: "quality_label",
    stage: "incubation",
    dueOffsetDays: 365,
    labelAr: "الحصول على علامة جودة (بيان جغرافي محمي، تسمية المنشأ، علامة فلاحية)",
    labelFr: "Label de qualité (IGP, AOP ou Label agricole)",
    labelEn: "Quality label (PGI, PDO or agricultural label)",
  },
  {
    key: "first_sale",
    stage: "incubation",
    dueOffsetDays: 240,
    labelAr: "تحقيق أول عملية بيع",
    labelFr: "Première vente réalisée",
    labelEn: "First sale made",
  },
  {
    key: "exhibition_participation",
    stage: "incubation",
    dueOffsetDays: 365,
    labelAr: "المشاركة في معرض أو سوق متنقل",
    labelFr: "Participation à un salon ou un marché itinérant",
    labelEn: "Took part in a fair or itinerant market",
  },
  {
    key: "ecommerce_listing",
    stage: "post_incubation",
    dueOffsetDays: 450,
    labelAr: "عرض المنتجات على منصة للتجارة الإلكترونية",
    labelFr: "Produits référencés sur une plateforme en ligne",
    labelEn: "Products listed on an e-commerce platform",
  },
  {
    key: "retail_listing",
    stage: "post_incubation",
    dueOffsetDays: 540,
    labelAr: "إدراج المنتجات لدى المساحات التجارية الكبرى",
    labelFr: "Produits référencés en grande distribution",
    labelEn: "Products listed by a retailer",
  },
  {
    key: "annual_general_assembly",
    stage: "post_incubation",
    dueOffsetDays: 400,
    labelAr: "عقد الجمع العام السنوي",
    labelFr: "Assemblée générale annuelle tenue",
    labelEn: "Annual general assembly held",
  },
  {
    key: "graduated",
    stage: "graduated",
    dueOffsetDays: 730,
    labelAr: "التخرج من الحاضنة",
    labelFr: "Sortie de l'incubateur (diplômée)",
    labelEn: "Graduated from the incubator",
  },
];

export async function seedReference(db: Executor): Promise<void> {
  await db.insert(regions).values(REGION).onConflictDoNothing();
  await db
    .insert(provinces)
    .values(PROVINCES.map((province) => ({ ...province, regionKey: REGION.key })))
    .onConflictDoNothing();
  await db
    .insert(programs)
    .values(PROGRAMS.map((program) => ({ ...program })))
    .onConflictDoNothing();
  await db
    .insert(milestoneTemplates)
    .values(MILESTONE_TEMPLATES.map((template, index) => ({ ...template, sortOrder: index + 1 })))
    .onConflictDoNothing();
}
