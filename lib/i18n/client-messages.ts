/**
 * The catalog namespaces that client components read with `useTranslations`. Only these reach
 * the browser (the root layout passes them to NextIntlClientProvider): the rest, such as the
 * impact dashboard's or the privacy notice's texts, is rendered on the server and would only add
 * weight to every page. tests/unit/client-messages.test.ts fails when a client component reads a
 * namespace missing here.
 */
export const CLIENT_NAMESPACES = [
  "account",
  "adminUsers",
  "area",
  "auth",
  "awardStatus",
  "cohorts",
  "cooperatives",
  "errors",
  "fairs",
  "funding",
  "fundingKind",
  "fundingSource",
  "import",
  "jobs",
  "language",
  "legalForm",
  "mentors",
  "milestoneStatus",
  "milestones",
  "nav",
  "people",
  "roles",
  "sector",
  "sessionMode",
  "sessionTopic",
  "sessions",
  "stage",
  "validation",
] as const;

/**
 * What client components outside the signed-in app read (the sign-in form, the root error page):
 * the root layout sends only these, and the app's layout (app/(app)/layout.tsx) the rest, so the
 * sign-in page — the first a mentor opens on a weak connection — carries a few KB of texts
 * instead of every form's. tests/unit/client-messages.test.ts follows the imports from the pages
 * outside the app to check this list.
 */
export const PUBLIC_NAMESPACES: readonly (typeof CLIENT_NAMESPACES)[number][] = ["auth", "errors"];

export function clientMessages(
  messages: Record<string, unknown>,
  namespaces: readonly string[] = CLIENT_NAMESPACES,
): Record<string, unknown> {
  return Object.fromEntries(
    namespaces.filter((key) => key in messages).map((key) => [key, messages[key]]),
  );
}
