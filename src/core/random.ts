// The one seeded random generator of the core: tests, benchmarks and generators get the same numbers on every machine.

/** Mulberry32: a tiny seeded PRNG. Returns floats in [0, 1). @example const rand = seededRandom(42); rand(); */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
