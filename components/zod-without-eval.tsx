"use client";

import { z } from "zod";

// zod probes `new Function("")` on its first object parse to decide whether to compile parsers;
// under the Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation. In
// the browser it parses without compiling instead. Rendered once, in the root layout.
if (typeof window !== "undefined") z.config({ jitless: true });

export function ZodWithoutEval() {
  return null;
}
