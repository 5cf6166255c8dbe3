import { config } from "zod";

// zod probes `new Function("")` on its first object parse to decide whether to compile parsers;
// under the Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation. In the
// browser it parses without compiling instead. Every module that defines a schema imports this
// file first (`import "@/lib/zod"`), so the setting comes with the first schema a page loads, and
// pages without a form load no zod at all (it used to be set from the root layout, which put zod
// on every page). Only a side effect: re-exporting `z` from here would defeat tree-shaking.
if (typeof window !== "undefined") config({ jitless: true });
