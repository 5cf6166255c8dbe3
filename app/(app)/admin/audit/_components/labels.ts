import "server-only";
import { getTranslations } from "next-intl/server";

/**
 * Actions and entities are open-ended keys written by every feature: a known one is shown in
 * the reader's language, an unknown one as its key.
 */
export async function auditLabels() {
  const t = await getTranslations("audit");
  return {
    action: (key: string) => (t.has(`actions.${key}`) ? t(`actions.${key}`) : key),
    entity: (key: string) => (t.has(`entities.${key}`) ? t(`entities.${key}`) : key),
  };
}
