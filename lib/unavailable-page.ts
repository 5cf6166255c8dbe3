import ar from "./i18n/messages/ar.json";
import en from "./i18n/messages/en.json";
import fr from "./i18n/messages/fr.json";
import { direction, type Locale } from "./i18n/config";

const catalogs = { ar, fr, en } satisfies Record<Locale, unknown>;

/** Seconds the page waits before reloading itself (and what Retry-After says). */
export const RETRY_AFTER_SECONDS = 10;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The page proxy.ts answers, with status 503, while the database is down: plain HTML with no
 * script (it cannot reach the database for the user's saved language, so the language comes from
 * the locale cookie or the browser), reloading itself until the service is back.
 */
export function unavailablePage(locale: Locale): string {
  const { unavailableTitle, unavailableBody } = catalogs[locale].errors;
  const title = escapeHtml(unavailableTitle);
  return `<!doctype html>
<html lang="${locale}" dir="${direction(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
body{margin:0;min-height:100dvh;display:grid;place-items:center;font-family:system-ui,sans-serif;background:#f4f6f5;color:#1c2421}
main{max-inline-size:32rem;padding:2rem;text-align:start}
h1{color:#0f6b55;font-size:1.5rem;margin-block:0 1rem}
p{line-height:1.6;margin:0}
</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${escapeHtml(unavailableBody)}</p>
</main>
</body>
</html>
`;
}
