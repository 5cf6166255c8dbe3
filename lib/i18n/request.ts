import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { getViewer } from "@/lib/dal";
import { LOCALE_COOKIE, TIME_ZONE, resolveLocale } from "./config";
import { loadMessages } from "./messages";

export default getRequestConfig(async () => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const viewer = await getViewer().catch(() => null);
  const locale = resolveLocale({
    saved: viewer?.locale,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerStore.get("accept-language"),
  });
  return { locale, timeZone: TIME_ZONE, messages: await loadMessages(locale), now: new Date() };
});
