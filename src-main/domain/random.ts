/** What mulberry32 adds to its state before each draw. */
export const STEP = 0x6d2b79f5;

/**
 * 2^-32: a draw's whole number times this is exactly the number over 2^32 (a power of two scales
 * a number below 2^32 exactly either way), without a division, which took longer than the rest of
 * a draw: each of the forecast's walks and runs makes millions of them.
 */
export const BY_TWO_32 = 2 ** -32;

/**
 * mulberry32's draw from its state (after the step), as a whole number below 2^32: next() is
 * this over 2^32. Apart so a hot loop can keep the state in a local of its own (see simulate).
 */
export function mix(a: number): number {
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/** mulberry32: a small, fast, seedable PRNG, so sample data and the forecast are reproducible from their seed. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + STEP) >>> 0;
    return mix(a) * BY_TWO_32;
  };
  return {
    next,
    /** The state: createRandom(state()) draws from here on exactly as this one does. */
    state: () => a,
    /** A second source that goes on from where this one is now, each drawing apart from then on. */
    copy: () => createRandom(a),
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number): boolean => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** Picks by weight: `[[value, weight], …]`. */
    weighted: <T>(items: ReadonlyArray<readonly [T, number]>): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of items) {
        r -= w;
        if (r < 0) return value;
      }
      return items[items.length - 1]![0];
    },
  };
}
export type Random = ReturnType<typeof createRandom>;
