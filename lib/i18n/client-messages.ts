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

export function clientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    CLIENT_NAMESPACES.filter((key) => key in messages).map((key) => [key, messages[key]]),
  );
}
