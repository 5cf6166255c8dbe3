import zlib from "node:zlib";
import autocannon, { type Result } from "autocannon";
import { type Measurement, summarize } from "./stats";

export type Probe =
  | { kind: "ok"; body: string; contentType: string }
  | { kind: "missing" }
  | { kind: "failed"; reason: string };

/** One request first: a 404 is a route not built yet, a redirect a sign-in that did not hold. */
export async function probe(url: string, cookie: string): Promise<Probe> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status === 404) return { kind: "missing" };
  if (response.status >= 300 && response.status < 400)
    return { kind: "failed", reason: `${response.status} → ${response.headers.get("location")}` };
  if (!response.ok) return { kind: "failed", reason: `HTTP ${response.status}` };
  return { kind: "ok", body, contentType: response.headers.get("content-type") ?? "" };
}

type Tally = { latencies: number[]; non2xx: number };

function run(url: string, cookie: string, connections: number, seconds: number, tally?: Tally) {
  return new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, headers: { cookie }, timeout: 30 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      if (!tally) return;
      if (status >= 200 && status < 300) tally.latencies.push(ms);
      else tally.non2xx++;
    });
  });
}

/**
 * A warm-up run (discarded), then the measured one; percentiles from the time of every 2xx
 * response (an error page answered fast must not pass for a fast page).
 */
export async function measure(
  url: string,
  cookie: string,
  options: { connections: number; warmup: number; duration: number },
): Promise<Measurement> {
  if (options.warmup > 0) await run(url, cookie, options.connections, options.warmup);
  const tally: Tally = { latencies: [], non2xx: 0 };
  const started = performance.now();
  const result = await run(url, cookie, options.connections, options.duration, tally);
  const seconds = (performance.now() - started) / 1000;
  return summarize(tally.latencies, seconds, {
    errors: result.errors + result.timeouts,
    non2xx: tally.non2xx,
  });
}

/** The JavaScript files a page's HTML loads with `<script src>`, same origin only. */
export function scriptSources(html: string): string[] {
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*?\bsrc="([^"]+)"/g)) {
    const src = match[1]!.replace(/&amp;/g, "&");
    if (src.startsWith("/")) sources.add(src);
  }
  return [...sources];
}

const gzipCache = new Map<string, number>();

/** First-load JavaScript of a page: the gzipped sizes of the chunks its HTML references, summed. */
export async function firstLoadJs(
  baseUrl: string,
  html: string,
): Promise<{ files: number; gzipBytes: number }> {
  let gzipBytes = 0;
  const sources = scriptSources(html);
  for (const src of sources) {
    let size = gzipCache.get(src);
    if (size === undefined) {
      const response = await fetch(`${baseUrl}${src}`);
      if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
      size = zlib.gzipSync(Buffer.from(await response.arrayBuffer())).length;
      gzipCache.set(src, size);
    }
    gzipBytes += size;
  }
  return { files: sources.length, gzipBytes };
}
