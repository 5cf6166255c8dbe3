import type { Rng } from "../../db/seed/random";

/**
 * Selection sampling (Knuth's algorithm S): which of `total` candidates, visited in order, to keep
 * so that exactly `wanted` are kept, each with the same chance. `wanted` above `total` keeps all.
 */
export function exactSelector(rng: Rng, total: number, wanted: number): () => boolean {
  let seen = 0;
  let kept = 0;
  const target = Math.min(wanted, total);
  return () => {
    const keep = (total - seen) * rng.next() < target - kept;
    seen++;
    if (keep) kept++;
    return keep;
  };
}

/** `total` split into `parts` whole counts, each `floor(total / parts)` or one more, chosen at random. */
export function distribute(rng: Rng, total: number, parts: number): number[] {
  if (parts <= 0) return [];
  const base = Math.floor(total / parts);
  const extra = exactSelector(rng, parts, total - base * parts);
  return Array.from({ length: parts }, () => base + (extra() ? 1 : 0));
}

/** An amount in centimes split into `parts` positive tranches summing exactly to it. */
export function splitCentimes(rng: Rng, centimes: number, parts: number): number[] {
  if (parts < 1 || centimes < parts) throw new Error(`Cannot split ${centimes} into ${parts}`);
  const weights = Array.from({ length: parts }, () => 0.5 + rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const tranches = weights.map((w) => Math.max(1, Math.floor((centimes * w) / sum)));
  const last = centimes - tranches.slice(0, -1).reduce((a, b) => a + b, 0);
  if (last < 1)
    return Array.from({ length: parts }, (_, i) => (i === 0 ? centimes - parts + 1 : 1));
  tranches[parts - 1] = last;
  return tranches;
}

/** Picks indices in proportion to non-negative weights, by binary search over the running sums. */
export function weightedPicker(rng: Rng, weights: readonly number[]): () => number {
  const cumulative = new Float64Array(weights.length);
  let running = 0;
  weights.forEach((w, i) => {
    running += Math.max(0, w);
    cumulative[i] = running;
  });
  if (running <= 0) throw new Error("No positive weight to pick from");
  return () => {
    const roll = rng.next() * running;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) > roll) high = mid;
      else low = mid + 1;
    }
    return low;
  };
}

/** A version-4 UUID from the generator, so the synthetic country is the same on every run. */
export function uuidFrom(rng: Rng): string {
  const word = () => Math.floor(rng.next() * 0x1_0000_0000);
  const hex = (n: number, len: number) => n.toString(16).padStart(len, "0");
  const a = word();
  const b = word();
  const c = word();
  const d = word();
  return (
    `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(0x4000 | (b & 0x0fff), 4)}-` +
    `${hex(0x8000 | (c >>> 18), 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`
  );
}
