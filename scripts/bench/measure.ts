import zlib from "node:zlib";
import autocannon, { type Options, type Result } from "autocannon";
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

/** One autocannon run: every response's status and the time of each 2xx, errors and timeouts. */
export type Load = {
  latencies: number[];
  /** Responses by HTTP status. */
  statuses: Map<number, number>;
  non2xx: number;
  /** Connection errors (refused, reset), timeouts not included. */
  errors: number;
  timeouts: number;
  seconds: number;
};

export type LoadOptions = {
  connections: number;
  duration: number;
  /** Seconds before autocannon gives a request up (autocannon's default: 10). */
  timeout?: number;
  method?: string;
  headers?: Record<string, string>;
  /** Per-request setup (a new body each time) and response hook, as autocannon takes them. */
  requests?: Options["requests"];
};

/** `connections` clients sending requests one after another to `url` for `duration` seconds. */
export function load(url: string, options: LoadOptions): Promise<Load> {
  const tally: Load = {
    latencies: [],
    statuses: new Map(),
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    seconds: 0,
  };
  const started = performance.now();
  return new Promise<Load>((resolve, reject) => {
    const instance = autocannon(
      // Keys left undefined would override autocannon's defaults: only the ones given are passed.
      Object.fromEntries(
        Object.entries({ url, ...options }).filter(([, value]) => value !== undefined),
      ) as Options,
      (error, result: Result) => {
        if (error) return reject(error);
        tally.seconds = (performance.now() - started) / 1000;
        // autocannon counts a timeout as an error too.
        tally.errors = result.errors - result.timeouts;
        tally.timeouts = result.timeouts;
        resolve(tally);
      },
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
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
  const run = (duration: number) =>
    load(url, { connections: options.connections, duration, headers: { cookie }, timeout: 30 });
  if (options.warmup > 0) await run(options.warmup);
  const tally = await run(options.duration);
  return summarize(tally.latencies, tally.seconds, {
    errors: tally.errors + tally.timeouts,
    non2xx: tally.non2xx,
  });
}

/** The JavaScript files a page's HTML loads with `<script src>`, same origin only. */
export function scriptSources(html: string): string[] {
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*?\bsrc="([^"]+)"[^>]*>/g)) {
    // `nomodule` scripts (Next's legacy polyfills) are skipped by every browser that runs modules.
    if (/\bnomodule\b/i.test(match[0])) continue;
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
