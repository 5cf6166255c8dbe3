/**
 * The Content-Security-Policy of every page, with a nonce made per request by proxy.ts. Next reads
 * the nonce back from the request's CSP header and puts it on its own scripts; 'strict-dynamic'
 * lets those load the chunks they import. Styles stay 'unsafe-inline' without a nonce: a nonce
 * there would make browsers ignore 'unsafe-inline' and block the inline styles Radix and recharts
 * write.
 */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  const scripts = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"];
  // React's development build evaluates code for its error overlays and call stacks.
  if (options.development) scripts.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}
