import { PROVINCES, REGION } from "../../db/seed/reference";

export type BenchProvince = { key: string; nameAr: string; nameFr: string; nameEn: string };
export type BenchRegion = {
  key: string;
  nameAr: string;
  nameFr: string;
  nameEn: string;
  /** Share of the country's cooperatives, in percent (public orders of magnitude). */
  weight: number;
  provinces: readonly (BenchProvince & { weight: number })[];
};

type Row = readonly [key: string, fr: string, ar: string, en: string];

function provincesOf(rows: readonly Row[]) {
  return rows.map(([key, nameFr, nameAr, nameEn]) => ({ key, nameFr, nameAr, nameEn, weight: 1 }));
}

const FES_MEKNES_WEIGHTS: Record<string, number> = {
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

export const FES_MEKNES: BenchRegion = {
  ...REGION,
  weight: 9.5,
  provinces: PROVINCES.map((p) => ({ ...p, weight: FES_MEKNES_WEIGHTS[p.key] ?? 1 })),
};

/** The country's eleven other regions, each with its main prefectures and provinces. */
export const OTHER_REGIONS: readonly BenchRegion[] = [
  {
    key: "tanger_tetouan_al_hoceima",
    nameAr: "جهة طنجة تطوان الحسيمة",
    nameFr: "Région Tanger-Tétouan-Al Hoceïma",
    nameEn: "Tangier-Tetouan-Al Hoceima Region",
    weight: 8,
    provinces: provincesOf([
      [
        "tanger_assilah",
        "Préfecture de Tanger-Assilah",
        "عمالة طنجة أصيلة",
        "Tangier-Assilah Prefecture",
      ],
      ["tetouan", "Province de Tétouan", "إقليم تطوان", "Tetouan Province"],
      ["al_hoceima", "Province d'Al Hoceïma", "إقليم الحسيمة", "Al Hoceima Province"],
      ["larache", "Province de Larache", "إقليم العرائش", "Larache Province"],
      ["chefchaouen", "Province de Chefchaouen", "إقليم شفشاون", "Chefchaouen Province"],
    ]),
  },
  {
    key: "oriental",
    nameAr: "جهة الشرق",
    nameFr: "Région de l'Oriental",
    nameEn: "Oriental Region",
    weight: 9,
    provinces: provincesOf([
      ["oujda_angad", "Préfecture d'Oujda-Angad", "عمالة وجدة أنكاد", "Oujda-Angad Prefecture"],
      ["nador", "Province de Nador", "إقليم الناظور", "Nador Province"],
      ["berkane", "Province de Berkane", "إقليم بركان", "Berkane Province"],
      ["figuig", "Province de Figuig", "إقليم فجيج", "Figuig Province"],
    ]),
  },
  {
    key: "rabat_sale_kenitra",
    nameAr: "جهة الرباط سلا القنيطرة",
    nameFr: "Région Rabat-Salé-Kénitra",
    nameEn: "Rabat-Sale-Kenitra Region",
    weight: 9,
    provinces: provincesOf([
      ["rabat", "Préfecture de Rabat", "عمالة الرباط", "Rabat Prefecture"],
      ["sale", "Préfecture de Salé", "عمالة سلا", "Sale Prefecture"],
      ["kenitra", "Province de Kénitra", "إقليم القنيطرة", "Kenitra Province"],
      ["khemisset", "Province de Khémisset", "إقليم الخميسات", "Khemisset Province"],
      ["sidi_kacem", "Province de Sidi Kacem", "إقليم سيدي قاسم", "Sidi Kacem Province"],
    ]),
  },
  {
    key: "beni_mellal_khenifra",
    nameAr: "جهة بني ملال خنيفرة",
    nameFr: "Région Béni Mellal-Khénifra",
    nameEn: "Beni Mellal-Khenifra Region",
    weight: 9,
    provinces: provincesOf([
      ["beni_mellal", "Province de Béni Mellal", "إقليم بني ملال", "Beni Mellal Province"],
      ["khenifra", "Province de Khénifra", "إقليم خنيفرة", "Khenifra Province"],
      ["azilal", "Province d'Azilal", "إقليم أزيلال", "Azilal Province"],
      ["khouribga", "Province de Khouribga", "إقليم خريبكة", "Khouribga Province"],
    ]),
  },
  {
    key: "casablanca_settat",
    nameAr: "جهة الدار البيضاء سطات",
    nameFr: "Région Casablanca-Settat",
    nameEn: "Casablanca-Settat Region",
    weight: 10,
    provinces: provincesOf([
      ["casablanca", "Préfecture de Casablanca", "عمالة الدار البيضاء", "Casablanca Prefecture"],
      ["settat", "Province de Settat", "إقليم سطات", "Settat Province"],
      ["el_jadida", "Province d'El Jadida", "إقليم الجديدة", "El Jadida Province"],
      ["berrechid", "Province de Berrechid", "إقليم برشيد", "Berrechid Province"],
    ]),
  },
  {
    key: "marrakech_safi",
    nameAr: "جهة مراكش آسفي",
    nameFr: "Région Marrakech-Safi",
    nameEn: "Marrakesh-Safi Region",
    weight: 12,
    provinces: provincesOf([
      ["marrakech", "Préfecture de Marrakech", "عمالة مراكش", "Marrakesh Prefecture"],
      ["safi", "Province de Safi", "إقليم آسفي", "Safi Province"],
      ["essaouira", "Province d'Essaouira", "إقليم الصويرة", "Essaouira Province"],
      ["al_haouz", "Province d'Al Haouz", "إقليم الحوز", "Al Haouz Province"],
      [
        "el_kelaa_des_sraghna",
        "Province d'El Kelâa des Sraghna",
        "إقليم قلعة السراغنة",
        "El Kelaa des Sraghna Province",
      ],
    ]),
  },
  {
    key: "draa_tafilalet",
    nameAr: "جهة درعة تافيلالت",
    nameFr: "Région Drâa-Tafilalet",
    nameEn: "Draa-Tafilalet Region",
    weight: 9,
    provinces: provincesOf([
      ["errachidia", "Province d'Errachidia", "إقليم الرشيدية", "Errachidia Province"],
      ["ouarzazate", "Province d'Ouarzazate", "إقليم ورزازات", "Ouarzazate Province"],
      ["zagora", "Province de Zagora", "إقليم زاكورة", "Zagora Province"],
      ["tinghir", "Province de Tinghir", "إقليم تنغير", "Tinghir Province"],
      ["midelt", "Province de Midelt", "إقليم ميدلت", "Midelt Province"],
    ]),
  },
  {
    key: "souss_massa",
    nameAr: "جهة سوس ماسة",
    nameFr: "Région Souss-Massa",
    nameEn: "Souss-Massa Region",
    weight: 12,
    provinces: provincesOf([
      [
        "agadir_ida_outanane",
        "Préfecture d'Agadir Ida-Outanane",
        "عمالة أكادير إداوتنان",
        "Agadir Ida-Outanane Prefecture",
      ],
      [
        "inezgane_ait_melloul",
        "Préfecture d'Inezgane-Aït Melloul",
        "عمالة إنزكان أيت ملول",
        "Inezgane-Ait Melloul Prefecture",
      ],
      ["taroudant", "Province de Taroudant", "إقليم تارودانت", "Taroudant Province"],
      ["tiznit", "Province de Tiznit", "إقليم تيزنيت", "Tiznit Province"],
      [
        "chtouka_ait_baha",
        "Province de Chtouka-Aït Baha",
        "إقليم اشتوكة أيت باها",
        "Chtouka-Ait Baha Province",
      ],
    ]),
  },
  {
    key: "guelmim_oued_noun",
    nameAr: "جهة كلميم واد نون",
    nameFr: "Région Guelmim-Oued Noun",
    nameEn: "Guelmim-Oued Noun Region",
    weight: 5,
    provinces: provincesOf([
      ["guelmim", "Province de Guelmim", "إقليم كلميم", "Guelmim Province"],
      ["tan_tan", "Province de Tan-Tan", "إقليم طانطان", "Tan-Tan Province"],
      ["sidi_ifni", "Province de Sidi Ifni", "إقليم سيدي إفني", "Sidi Ifni Province"],
      ["assa_zag", "Province d'Assa-Zag", "إقليم آسا الزاك", "Assa-Zag Province"],
    ]),
  },
  {
    key: "laayoune_sakia_el_hamra",
    nameAr: "جهة العيون الساقية الحمراء",
    nameFr: "Région Laâyoune-Sakia El Hamra",
    nameEn: "Laayoune-Sakia El Hamra Region",
    weight: 4,
    provinces: provincesOf([
      ["laayoune", "Province de Laâyoune", "إقليم العيون", "Laayoune Province"],
      ["boujdour", "Province de Boujdour", "إقليم بوجدور", "Boujdour Province"],
      ["es_semara", "Province d'Es-Semara", "إقليم السمارة", "Es-Semara Province"],
      ["tarfaya", "Province de Tarfaya", "إقليم طرفاية", "Tarfaya Province"],
    ]),
  },
  {
    key: "dakhla_oued_ed_dahab",
    nameAr: "جهة الداخلة وادي الذهب",
    nameFr: "Région Dakhla-Oued Ed-Dahab",
    nameEn: "Dakhla-Oued Ed-Dahab Region",
    weight: 3.5,
    provinces: provincesOf([
      ["oued_ed_dahab", "Province d'Oued Ed-Dahab", "إقليم وادي الذهب", "Oued Ed-Dahab Province"],
      ["aousserd", "Province d'Aousserd", "إقليم أوسرد", "Aousserd Province"],
    ]),
  },
];
