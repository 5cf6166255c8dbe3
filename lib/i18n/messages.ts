import type { Locale } from "./config";
import type en from "./messages/en.json";

export type Messages = typeof en;

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  ar: () => import("./messages/ar.json"),
  fr: () => import("./messages/fr.json"),
  en: () => import("./messages/en.json"),
};

export async function loadMessages(locale: Locale): Promise<Messages> {
  return (await loaders[locale]()).default;
}
