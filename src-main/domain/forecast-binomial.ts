/**
 * Binomial draws for the forecast's simulation (forecast-simulate.ts): a table per (n, p), searched
 * for each uniform draw, giving exactly the answer of the plain loop it replaces.
 */

/** 2^32: mulberry32's numbers are its 32-bit outputs over this. */
export const TWO_32 = 4294967296;

/**
 * Draws from Binomial(n, p) by inversion: with u the one uniform draw, the answer is the first k
 * whose cumulative probability reaches u (at most n). Where (1−p)^n underflows, n trials instead.
 * A table holds the cumulative probabilities of one (n, p), worked out once by the same recurrence
 * the plain loop uses (so the same sums, bit for bit), and then searched for every draw: a group's
 * quarter asks for the same (n, p) in run after run.
 */
export interface Binomial {
  n: number;
  /** The answer when no draw is needed (p ≤ 0 or ≥ 1), else -1. */
  fixed: number;
  /** p > 0.5 is drawn as n − Binomial(n, 1 − p). */
  flip: boolean;
  /** The p drawn with (1 − p when flipped). */
  p: number;
  /** cdf[k] = P(X ≤ k) for k < n, summed in the plain loop's order; null: n trials. */
  cdf: Float64Array | null;
  /**
   * guide[j], for the G = size of the guide (a power of two, about twice n) slices [j/G, (j+1)/G)
   * of the uniform draws: the answer for every draw in the slice where they all share one (no
   * cdf value falls in it), else -1 − the first k with cdf[k] ≥ j/G, where a search starts. Made
   * on a table's first search. Most draws then read their answer with no comparison at all: the
   * few steps of a search, each a branch the processor could not predict, were most of a
   * draw's time once its table is at hand.
   */
  guide: Int32Array | null;
}

export function binomialOf(n: number, p: number): Binomial {
  if (n <= 0 || p <= 0) return { n, fixed: 0, flip: false, p, cdf: null, guide: null };
  if (p >= 1) return { n, fixed: n, flip: false, p, cdf: null, guide: null };
  const flip = p > 0.5;
  if (flip) p = 1 - p;
  const q = 1 - p;
  let pmf = Math.pow(q, n);
  if (pmf < 1e-280) return { n, fixed: -1, flip, p, cdf: null, guide: null };
  const cdf = new Float64Array(n);
  let sum = pmf;
  cdf[0] = sum;
  for (let k = 0; k < n - 1; k++) {
    pmf *= ((n - k) / (k + 1)) * (p / q);
    sum += pmf;
    cdf[k + 1] = sum;
  }
  return { n, fixed: -1, flip, p, cdf, guide: null };
}

/**
 * Tables of up to this many sums are read from the first sum on (scan) rather than through a
 * guide (search): a small table is mostly drawn from in turn (forecast-draws.ts drawGroup: a
 * group of a few dozen households, each run's draw from the table of the count it has left,
 * ~3,000 such tables in the live forecast at a million households), so each draw fetched the
 * table from memory, and then its guide, made on its first draw for a few draws, from
 * elsewhere. The sums up to the answer are a cache line or two. A table drawn from run after
 * run (drawApart, drawKept) is searched through its guide, at hand in the cache.
 */
const SCANNED = 64;

/** One draw: the first k whose cumulative probability reaches the uniform draw (at most n), as the plain loop finds it. */
export function draw(t: Binomial, rand: () => number): number {
  if (t.fixed >= 0) return t.fixed;
  let k = 0;
  const cdf = t.cdf;
  if (cdf === null) {
    for (let i = 0; i < t.n; i++) if (rand() < t.p) k++;
  } else {
    return t.n <= SCANNED ? scan(t, rand()) : search(t, rand());
  }
  return t.flip ? t.n - k : k;
}

/** search's answer read from the first sum on: the count of sums below u, as they never fall. */
export function scan(t: Binomial, u: number): number {
  const cdf = t.cdf!;
  const n = t.n;
  let k = 0;
  while (k < n && cdf[k]! < u) k++;
  return t.flip ? n - k : k;
}

/** The guide's size for a table of n: a power of two (so u · G is exact), at least twice n. */
const guideSize = (n: number): number => 2 ** Math.ceil(Math.log2(2 * n));

/**
 * A table's draw for the uniform number `u` (0 ≤ u < 1): the first k with cdf[k] ≥ u (n for
 * none), the plain loop's answer, as the sums never fall: k is the count of cdf values below u.
 */
export function search(t: Binomial, u: number): number {
  const cdf = t.cdf!;
  const n = t.n;
  let guide = t.guide;
  if (guide === null) {
    const size = guideSize(n);
    guide = t.guide = new Int32Array(size);
    // below: how many cdf values are below j / size (exact: size is a power of two).
    let below = 0;
    while (below < n && cdf[below]! < 0) below++;
    for (let j = 0; j < size; j++) {
      const start = below;
      const next = (j + 1) / size;
      while (below < n && cdf[below]! < next) below++;
      // No cdf value in [j/size, (j+1)/size): every u in it has `start` values below it.
      guide[j] = below === start ? start : -1 - start;
    }
  }
  // u · size is exact, so u falls in slice j exactly when j/size ≤ u < (j+1)/size.
  const g = guide[Math.floor(u * guide.length)]!;
  let k = g;
  if (g < 0) {
    k = -1 - g;
    while (k < n && cdf[k]! < u) k++;
  }
  return t.flip ? n - k : k;
}

/** One draw from Binomial(n, p) as the simulation makes it, for the uniform number u (tests compare it with the plain loop). */
export const drawOne = (n: number, p: number, u: number): number => draw(binomialOf(n, p), () => u);
