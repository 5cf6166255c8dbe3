import { describe, expect, it } from "vitest";
import { createRng } from "@/db/seed/random";
import {
  distribute,
  exactSelector,
  splitCentimes,
  uuidFrom,
  weightedPicker,
} from "@/scripts/bench/sampling";

describe("exactSelector", () => {
  it("keeps exactly the wanted number of candidates", () => {
    const keep = exactSelector(createRng(1), 1000, 137);
    const kept = Array.from({ length: 1000 }, keep).filter(Boolean).length;
    expect(kept).toBe(137);
  });

  it("keeps every candidate when more are wanted than exist", () => {
    const keep = exactSelector(createRng(2), 10, 50);
    expect(Array.from({ length: 10 }, keep).every(Boolean)).toBe(true);
  });
});

describe("distribute", () => {
  it("splits a total into near-equal whole parts that add up", () => {
    const parts = distribute(createRng(3), 250, 84);
    expect(parts).toHaveLength(84);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(250);
    expect(new Set(parts)).toEqual(new Set([2, 3]));
  });

  it("gives nothing to split among no parts", () => {
    expect(distribute(createRng(4), 10, 0)).toEqual([]);
  });
});

describe("splitCentimes", () => {
  it("gives positive tranches that sum to the amount", () => {
    const tranches = splitCentimes(createRng(5), 4_900_000, 3);
    expect(tranches).toHaveLength(3);
    expect(tranches.reduce((a, b) => a + b, 0)).toBe(4_900_000);
    expect(tranches.every((t) => t >= 1)).toBe(true);
  });

  it("refuses more tranches than centimes", () => {
    expect(() => splitCentimes(createRng(6), 2, 3)).toThrow("Cannot split 2 into 3");
  });
});

describe("weightedPicker", () => {
  it("never picks an index of weight zero", () => {
    const pick = weightedPicker(createRng(7), [0, 5, 0, 1]);
    const picked = new Set(Array.from({ length: 500 }, pick));
    expect(picked).toEqual(new Set([1, 3]));
  });
});

describe("uuidFrom", () => {
  it("makes version-4 UUIDs, the same for the same seed", () => {
    const a = uuidFrom(createRng(8));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFrom(createRng(8))).toBe(a);
  });
});
