/**
 * Node flags for the app's production server (`npm start`, `npm run demo`, and the benchmark and
 * load test, which measure the server as it ships).
 *
 * `--max-semi-space-size=32` (MB; V8's default is 16 on 64-bit): server rendering allocates a
 * page's RSC payload and HTML anew for every request, short-lived garbage that the young
 * generation collects. A larger young generation collects less often and promotes less to the
 * old one: on the national benchmark's heaviest pages p50 fell 8–10 % (an alternating A/B of the
 * same build), for up to about 100 MB more memory per process.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"] as const;
