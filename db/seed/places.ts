import type { ProvinceKey } from "./reference";

type Commune = readonly [name: string, urban: boolean, weight: number];

export const COMMUNES: Record<ProvinceKey, readonly Commune[]> = {
  fes: [
    ["Fès", true, 10],
    ["Méchouar Fès Jdid", true, 2],
    ["Oulad Tayeb", false, 3],
    ["Aïn Bida", false, 2],
  ],
  meknes: [
    ["Meknès", true, 8],
    ["Ouislane", true, 2],
    ["Toulal", true, 1],
    ["Moulay Idriss Zerhoun", true, 2],
    ["Boufakrane", false, 2],
    ["Mhaya", false, 2],
    ["Aïn Jemaa", false, 2],
    ["Aïn Karma", false, 1],
    ["Majjat", false, 1],
    ["Dar Oum Soltane", false, 1],
  ],
  boulemane: [
    ["Missour", true, 1],
    ["Outat El Haj", true, 1],
    ["Boulemane", false, 2],
    ["Imouzzer Marmoucha", false, 2],
    ["Guigou", false, 2],
    ["Skoura M'Daz", false, 2],
  ],
  el_hajeb: [
    ["El Hajeb", true, 1],
    ["Aïn Taoujdate", true, 1],
    ["Sebt Jahjouh", false, 2],
    ["Agourai", false, 2],
    ["Aït Yaazem", false, 2],
    ["Bitit", false, 1],
    ["Iqaddar", false, 1],
  ],
  ifrane: [
    ["Azrou", true, 1],
    ["Ifrane", true, 1],
    ["Tigrigra", false, 2],
    ["Timahdite", false, 2],
    ["Aïn Leuh", false, 2],
    ["Ben Smim", false, 1],
    ["Dayet Aoua", false, 1],
    ["Tizguite", false, 1],
  ],
  moulay_yacoub: [
    ["Moulay Yacoub", false, 2],
    ["Aïn Chkef", false, 2],
    ["Sebt Loudaya", false, 2],
    ["Mikkes", false, 1],
    ["Louadaïn", false, 1],
    ["Aïn Kansara", false, 1],
    ["Oulad Mimoun", false, 1],
  ],
  sefrou: [
    ["Sefrou", true, 1],
    ["Imouzzer Kandar", true, 1],
    ["El Menzel", true, 1],
    ["Bhalil", true, 1],
    ["Ribat El Kheir", false, 2],
    ["Aghbalou Aqorar", false, 2],
    ["Aït Sebaa Lajrouf", false, 2],
    ["Tazouta", false, 1],
    ["Kandar Sidi Khiar", false, 1],
  ],
  taounate: [
    ["Taounate", true, 1],
    ["Tissa", true, 1],
    ["Karia Ba Mohamed", true, 1],
    ["Ghafsai", false, 2],
    ["Thar Es-Souk", false, 2],
    ["Aïn Aïcha", false, 2],
    ["Ourtzagh", false, 2],
    ["Bouhouda", false, 1],
  ],
  taza: [
    ["Taza", true, 1],
    ["Tahla", true, 1],
    ["Aknoul", true, 1],
    ["Oued Amlil", false, 2],
    ["Tainaste", false, 2],
    ["Matmata", false, 1],
    ["Bni Frassen", false, 2],
    ["Galdamane", false, 1],
  ],
};

export const COURTS: Record<ProvinceKey, string> = {
  fes: "Tribunal de première instance de Fès",
  meknes: "Tribunal de première instance de Meknès",
  boulemane: "Tribunal de première instance de Boulemane",
  el_hajeb: "Tribunal de première instance d'El Hajeb",
  ifrane: "Tribunal de première instance d'Azrou",
  moulay_yacoub: "Tribunal de première instance de Fès",
  sefrou: "Tribunal de première instance de Sefrou",
  taounate: "Tribunal de première instance de Taounate",
  taza: "Tribunal de première instance de Taza",
};

export const STREETS = [
  "Avenue Hassan II",
  "Rue Ibn Khaldoun",
  "Boulevard Mohammed V",
  "Rue Al Qods",
  "Lotissement Al Amal",
  "Hay Al Massira",
  "Derb Sidi Ahmed",
  "Rue Oued Sebou",
  "Hay Annasr",
  "Avenue des FAR",
] as const;

export const DOUARS = [
  "Ait Ali",
  "Oulad Hammou",
  "Bni Saddane",
  "Ain Smen",
  "Tizi Ouzli",
  "Ouled Jamaa",
  "Ait Hammou",
  "Lkhandek",
  "Ouled Ayad",
  "Ait Boubker",
  "Sidi Bouali",
  "Tighza",
  "Bouadel",
  "Ain Lahna",
] as const;

export const EMAIL_DOMAINS = [
  "gmail.com",
  "gmail.com",
  "yahoo.fr",
  "hotmail.com",
  "outlook.fr",
] as const;

export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.+|\.+$/g, "");
}
