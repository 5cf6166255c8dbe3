import type { Role } from "../schema";

export const DEMO_PASSWORD = "hadina-demo";

export const DEMO_ACCOUNTS: readonly { email: string; role: Role }[] = [
  { email: "admin@hadina.test", role: "admin" },
  { email: "staff@hadina.test", role: "staff" },
  { email: "mentor@hadina.test", role: "mentor" },
  { email: "official@hadina.test", role: "official" },
];

export type UserSeed = {
  key: string;
  email: string;
  name: string;
  role: Role;
  notesIn: "ar" | "fr";
  phone: string;
};

export const USER_SEEDS: readonly UserSeed[] = [
  {
    key: "admin",
    email: "admin@hadina.test",
    name: "Youssef El Amrani",
    role: "admin",
    notesIn: "fr",
    phone: "0661234501",
  },
  {
    key: "staff",
    email: "staff@hadina.test",
    name: "Khadija Bennani",
    role: "staff",
    notesIn: "fr",
    phone: "0661234502",
  },
  {
    key: "staff2",
    email: "staff2@hadina.test",
    name: "Hamza Tazi",
    role: "staff",
    notesIn: "ar",
    phone: "0661234503",
  },
  {
    key: "official",
    email: "official@hadina.test",
    name: "Abdellah Ouazzani",
    role: "official",
    notesIn: "fr",
    phone: "0535123456",
  },
  {
    key: "mentor",
    email: "mentor@hadina.test",
    name: "Salma Berrada",
    role: "mentor",
    notesIn: "fr",
    phone: "0661234505",
  },
  {
    key: "mentor2",
    email: "mentor2@hadina.test",
    name: "Omar Alaoui",
    role: "mentor",
    notesIn: "ar",
    phone: "0661234506",
  },
  {
    key: "mentor3",
    email: "mentor3@hadina.test",
    name: "Nadia Chraibi",
    role: "mentor",
    notesIn: "fr",
    phone: "0661234507",
  },
  {
    key: "mentor4",
    email: "mentor4@hadina.test",
    name: "Rachid Idrissi",
    role: "mentor",
    notesIn: "ar",
    phone: "0661234508",
  },
  {
    key: "mentor5",
    email: "mentor5@hadina.test",
    name: "Fatima Zahra El Fassi",
    role: "mentor",
    notesIn: "fr",
    phone: "0661234509",
  },
  {
    key: "mentor6",
    email: "mentor6@hadina.test",
    name: "Mehdi Benjelloun",
    role: "mentor",
    notesIn: "fr",
    phone: "0661234510",
  },
];

export type People = {
  adminId: number;
  staffIds: readonly [number, number];
  officialId: number;
  mentorIds: readonly number[];
  notesLanguage: ReadonlyMap<number, "ar" | "fr">;
};
