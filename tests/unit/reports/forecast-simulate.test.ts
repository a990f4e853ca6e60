import { describe, expect, it } from 'vitest';
import { isoToDayNumber } from '../../../src-main/domain/dates.ts';
import {
  conditionalConversion,
  FROM_STAGES,
  RUNS,
  SEED,
  type FromStage,
  type OpenEpisode,
  type StageModel,
} from '../../../src-main/domain/forecast-model.ts';
import { binomialOf, drawOne, scan, search } from '../../../src-main/domain/forecast-binomial.ts';
import { drawBins, drawLargeApart, type Group } from '../../../src-main/domain/forecast-draws.ts';
import {
  rangeOver,
  simulate,
  type Bin,
  type Simulation,
} from '../../../src-main/domain/forecast-simulate.ts';
import { fitModel, openAt } from '../../../src-main/domain/forecast.ts';
import { BY_TWO_32, createRandom, mix, STEP } from '../../../src-main/domain/random.ts';
import { makeWorld } from './forecast-world.ts';

/**
 * The simulation is made fast (binomial tables worked out once, groups that cannot be approved
 * left out) on the promise that every draw stays as it was: the same records must give the same
 * forecast to the last digit. This is the plain algorithm it replaced, kept as the reference.
 */
function firstAbove(sorted: readonly number[], w: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > w) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A draw from Binomial(n, p) by inversion (cost about n·p), or by n trials where (1−p)^n underflows. */
function binomial(rand: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rand, n, 1 - p);
  const q = 1 - p;
  let pmf = Math.pow(q, n);
  if (pmf < 1e-280) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rand() < p) k++;
    return k;
  }
  const u = rand();
  let cdf = pmf;
  let k = 0;
  while (u > cdf && k < n) {
    pmf *= ((n - k) / (k + 1)) * (p / q);
    k++;
    cdf += pmf;
  }
  return k;
}

/**
 * Walks the open episodes forward and counts approvals falling in each bin (day-number ranges
 * after `asAt`). Episodes at the same stage that have waited the same days share one future:
 * each such group is walked many times to learn its chances of approval in each bin, then each
 * run draws how many of the group's episodes are approved in each bin (a multinomial draw, as if
 * each had been walked on its own). The cost follows the number of groups, not of households.
 */
function plainSimulate(
  open: readonly OpenEpisode[],
  models: readonly StageModel[],
  asAt: number,
  bins: readonly Bin[],
  runs = RUNS,
  seed = SEED,
): Simulation {
  const rand = createRandom(seed).next;
  const nb = bins.length;
  const horizon = Math.max(asAt, ...bins.map((b) => b.to));
  const openByStage = Object.fromEntries(FROM_STAGES.map((s) => [s, 0])) as Record<FromStage, number>;
  const binOf = (day: number) => bins.findIndex((b) => day >= b.from && day <= b.to);
  const draw = (sorted: readonly number[], start: number) =>
    sorted[start + Math.floor(rand() * (sorted.length - start))]!;

  // Groups in a fixed order (stage, then days waited), so the same records give the same draws.
  const groups = new Map<string, { s0: number; waited: number; count: number; q: Float64Array }>();
  for (const e of open) {
    openByStage[e.stage]++;
    const s0 = FROM_STAGES.indexOf(e.stage);
    const waited = asAt - e.since;
    const key = `${s0}|${waited}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { s0, waited, count: 1, q: new Float64Array(nb) });
  }
  const ordered = [...groups.values()].sort((a, b) => a.s0 - b.s0 || a.waited - b.waited);

  for (const g of ordered) {
    const first = models[g.s0]!;
    const p0 = conditionalConversion(first, g.waited);
    const above0 = firstAbove(first.toNext, g.waited);
    // A group's chances need walks in proportion to its size: 200 per household, up to `runs`
    // (the error this leaves in the expected total is a fraction of one approval).
    const walks = Math.min(runs, 200 * g.count);
    for (let r = 0; r < walks; r++) {
      if (rand() >= p0) continue;
      // Residual time given it has already waited: from the longer histories, else afresh.
      let day =
        asAt +
        (above0 < first.toNext.length
          ? draw(first.toNext, above0) - g.waited
          : Math.max(1, draw(first.toNext, 0)));
      let ok = day <= horizon;
      for (let i = g.s0 + 1; ok && i < FROM_STAGES.length; i++) {
        const m = models[i]!;
        if (m.p === null || m.toNext.length === 0 || rand() >= m.p) ok = false;
        else day += draw(m.toNext, 0);
        if (day > horizon) ok = false;
      }
      if (!ok) continue;
      const b = binOf(day);
      if (b >= 0) g.q[b]!++;
    }
    for (let b = 0; b < nb; b++) g.q[b]! /= walks;
  }

  const perRun = new Float64Array(runs * nb);
  for (let r = 0; r < runs; r++) {
    for (const g of ordered) {
      let left = g.count;
      let rest = 1;
      for (let b = 0; b < nb && left > 0; b++) {
        const qb = g.q[b]!;
        if (qb > 0) {
          const k = binomial(rand, left, Math.min(1, qb / rest));
          perRun[r * nb + b]! += k;
          left -= k;
        }
        rest -= qb;
        if (rest <= 0) break;
      }
    }
  }

  const expected: number[] = [];
  const low: number[] = [];
  const high: number[] = [];
  for (let b = 0; b < nb; b++) {
    const r = rangeOver({ perRun, bins: [...bins] }, [b]);
    expected.push(ordered.reduce((sum, g) => sum + g.count * g.q[b]!, 0));
    low.push(r.low);
    high.push(r.high);
  }
  const byStage = Object.fromEntries(
    FROM_STAGES.map((s, i) => [
      s,
      Array.from({ length: nb }, (_, b) =>
        ordered.filter((g) => g.s0 === i).reduce((sum, g) => sum + g.count * g.q[b]!, 0),
      ),
    ]),
  ) as Record<FromStage, number[]>;
  return { bins: [...bins], expected, low, high, byStage, openByStage, perRun };
}

const model = (stage: FromStage, p: number | null, toNext: number[], toDrop: number[] = []): StageModel => ({
  stage,
  moved: toNext.length,
  dropped: toDrop.length,
  p,
  toNext: [...toNext].sort((a, b) => a - b),
  toDrop: [...toDrop].sort((a, b) => a - b),
  waiting: [],
});

describe('the forecast simulation', () => {
  it('draws exactly as the plain algorithm on a made-up service (every quarter, every run)', () => {
    const world = makeWorld({
      p: [0.35, 0.6, 0.7, 0.6, 0.5],
      from: '2019-04-01',
      to: '2026-11-26',
      perWeek: 40,
      seed: 3,
    });
    const asAt = isoToDayNumber('2026-11-26');
    const models = fitModel(world.episodes, asAt, isoToDayNumber('2023-04-01'), isoToDayNumber('2026-03-31'));
    const open = openAt(world.episodes, asAt);
    const bins: Bin[] = [0, 1, 2, 3].map((i) => ({
      key: `q${i}`,
      from: asAt + 1 + 91 * i,
      to: asAt + 91 * (i + 1),
    }));
    expect(open.length).toBeGreaterThan(100);
    expect(simulate(open, models, asAt, bins)).toEqual(plainSimulate(open, models, asAt, bins));
  });

  it('draws exactly as the plain algorithm where a binomial is flipped (p > 0.5) or drawn by trials (huge groups)', () => {
    const asAt = 20_000;
    // Panel converts almost surely within days: a group's chance in the first bin is above a half.
    const models = [
      model('enquiry', 0.6, [10, 20, 30, 40], [5, 6]),
      model('eoi', 0.9, [3, 5, 8]),
      model('stage1', 0.9, [4, 6]),
      model('stage2', 0.95, [2, 3]),
      model('panel', 0.99, [1, 2, 3], [50]),
    ];
    const open: OpenEpisode[] = [];
    let id = 0;
    // 3,000 at enquiry who waited the same days: (1 − p)^n underflows, so n trials are drawn;
    // panel's group is approved with a chance above a half, so its binomial is flipped.
    for (let i = 0; i < 3000; i++) open.push({ householdId: id++, stage: 'enquiry', since: asAt - 2 });
    for (let i = 0; i < 40; i++) open.push({ householdId: id++, stage: 'panel', since: asAt - (i % 3) });
    for (let i = 0; i < 25; i++) open.push({ householdId: id++, stage: 'stage2', since: asAt - 1 - (i % 4) });
    const bins: Bin[] = [
      { key: 'a', from: asAt + 1, to: asAt + 30 },
      { key: 'b', from: asAt + 31, to: asAt + 120 },
    ];
    for (const seed of [SEED, 7, 12345]) {
      expect(simulate(open, models, asAt, bins, 300, seed)).toEqual(
        plainSimulate(open, models, asAt, bins, 300, seed),
      );
    }
  });

  it('draws exactly as the plain algorithm with one bin (the backtest’s year), drawn group by group', () => {
    const asAt = 20_000;
    // Panel approves surely within days (p = 1: its group draws no number); a huge group at
    // enquiry is drawn by trials; the rest from tables, some flipped.
    const models = [
      model('enquiry', 0.6, [10, 20, 30, 40], [5, 6]),
      model('eoi', 0.9, [3, 5, 8]),
      model('stage1', 0.9, [4, 6]),
      model('stage2', 0.95, [2, 3]),
      model('panel', 1, [1, 2, 3]),
    ];
    const open: OpenEpisode[] = [];
    let id = 0;
    for (let i = 0; i < 3000; i++) open.push({ householdId: id++, stage: 'enquiry', since: asAt - 2 });
    for (let i = 0; i < 40; i++) open.push({ householdId: id++, stage: 'panel', since: asAt - (i % 3) });
    for (let i = 0; i < 25; i++) open.push({ householdId: id++, stage: 'stage2', since: asAt - 1 - (i % 4) });
    for (let i = 0; i < 60; i++) open.push({ householdId: id++, stage: 'eoi', since: asAt - (i % 7) * 9 });
    for (const bins of [
      [{ key: 'year', from: asAt + 1, to: asAt + 365 }],
      [{ key: 'soon', from: asAt + 1, to: asAt + 20 }],
    ]) {
      for (const seed of [SEED, 7, 12345]) {
        expect(simulate(open, models, asAt, bins, 300, seed)).toEqual(
          plainSimulate(open, models, asAt, bins, 300, seed),
        );
      }
    }
    const world = makeWorld({
      p: [0.35, 0.6, 0.7, 0.6, 0.5],
      from: '2019-04-01',
      to: '2026-11-26',
      perWeek: 40,
      seed: 5,
    });
    const day = isoToDayNumber('2025-03-31');
    const fitted = fitModel(world.episodes, day, isoToDayNumber('2022-04-01'), day);
    const year: Bin[] = [{ key: '2025/26', from: day + 1, to: day + 365 }];
    expect(simulate(openAt(world.episodes, day), fitted, day, year)).toEqual(
      plainSimulate(openAt(world.episodes, day), fitted, day, year),
    );
  });

  it('draws exactly as the plain algorithm with large groups over several bins, drawn apart', () => {
    const asAt = 20_000;
    const models = [
      model('enquiry', 0.3, [20, 40, 60, 90, 150], [5, 10, 30]),
      model('eoi', 0.7, [30, 60, 90]),
      model('stage1', 0.8, [60, 90, 120], [40]),
      model('stage2', 0.9, [30, 45, 60]),
      model('panel', 0.97, [5, 10, 20], [50]),
    ];
    const open: OpenEpisode[] = [];
    let id = 0;
    const add = (stage: FromStage, count: number, waited: number) => {
      for (let i = 0; i < count; i++) open.push({ householdId: id++, stage, since: asAt - waited });
    };
    add('enquiry', 400, 3);
    add('eoi', 700, 10);
    add('stage1', 900, 30);
    add('stage2', 300, 20);
    add('panel', 120, 2);
    for (let w = 0; w < 40; w++) add(FROM_STAGES[w % 5]!, 1 + (w % 4), w);
    const bins: Bin[] = [0, 1, 2, 3].map((i) => ({
      key: `q${i}`,
      from: asAt + 1 + 91 * i,
      to: asAt + 91 * (i + 1),
    }));
    for (const seed of [SEED, 99]) {
      expect(simulate(open, models, asAt, bins, 400, seed)).toEqual(
        plainSimulate(open, models, asAt, bins, 400, seed),
      );
    }
  });

  it('draws from a table exactly as the plain loop, at every edge of the guide’s slices and of the sums, through the guide or from the first sum', () => {
    const ulp = 2 ** -32;
    let checked = 0;
    for (const [n, p] of [
      [1, 0.3],
      [2, 0.5],
      [3, 0.9],
      [7, 0.02],
      [40, 0.25],
      [40, 0.75],
      [469, 0.017],
      [1000, 0.4],
      [3000, 0.05],
    ] as const) {
      // The sums as the plain loop makes them (for p above a half, of 1 − p).
      const pp = p > 0.5 ? 1 - p : p;
      const sums: number[] = [];
      let pmf = Math.pow(1 - pp, n);
      let sum = pmf;
      for (let k = 0; k < n; k++) {
        sums.push(sum);
        pmf *= ((n - k) / (k + 1)) * (pp / (1 - pp));
        sum += pmf;
      }
      const size = 2 ** Math.ceil(Math.log2(2 * n));
      const us = new Set<number>();
      for (let j = 0; j <= size; j++) for (const u of [j / size, j / size - ulp]) us.add(u);
      // Each sum, and the draws either side of it (draws are whole multiples of 2^-32).
      for (const c of sums) {
        const at = Math.floor(c / ulp) * ulp;
        for (const u of [c, at, at - ulp, at + ulp]) us.add(u);
      }
      const rand = createRandom(n);
      for (let i = 0; i < 2000; i++) us.add(rand.next());
      const table = binomialOf(n, p);
      for (const u of us) {
        if (!(u >= 0 && u < 1)) continue;
        const plain = binomial(() => u, n, p);
        expect(drawOne(n, p, u), `n ${n}, p ${p}, u ${u}`).toBe(plain);
        // Both ways of reading a table, whichever drawOne takes for this n.
        expect(search(table, u), `search: n ${n}, p ${p}, u ${u}`).toBe(plain);
        expect(scan(table, u), `scan: n ${n}, p ${p}, u ${u}`).toBe(plain);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('walks histories of days that are not whole, or negative, exactly as the plain algorithm', () => {
    // Whole days 0 to 0xffff are held in 16 bits; any other history is walked as it is, unwrapped.
    const asAt = 20_000;
    const bins: Bin[] = [
      { key: 'a', from: asAt + 1, to: asAt + 30 },
      { key: 'b', from: asAt + 31, to: asAt + 400 },
    ];
    const open: OpenEpisode[] = [];
    for (let i = 0; i < 60; i++) open.push({ householdId: i, stage: 'enquiry', since: asAt - (i % 5) });
    for (let i = 60; i < 90; i++) open.push({ householdId: i, stage: 'stage2', since: asAt - (i % 3) });
    for (const odd of [
      [0.5, 2.5, 7.25],
      [-3, 4, 9],
      [-0, 0, 6],
      [3, 8, 65_540],
    ]) {
      const models = [
        model('enquiry', 0.5, [...odd, 12, 40], [5, 6]),
        model('eoi', 0.8, odd),
        model('stage1', 0.8, [4, 6, ...odd]),
        model('stage2', 0.9, odd),
        model('panel', 0.95, [1, 2, 3, ...odd]),
      ];
      expect(simulate(open, models, asAt, bins, 400), `${odd}`).toEqual(
        plainSimulate(open, models, asAt, bins, 400),
      );
    }
  });

  it('takes each number as mulberry32’s whole number over 2^32, to the last bit', () => {
    const edges = [0, 1, 2, 3, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 32 - 2, 2 ** 32 - 1];
    const rand = createRandom(SEED);
    for (let i = 0; i < 100_000; i++) edges.push(Math.floor(rand.next() * 2 ** 32));
    for (const x of edges) expect(x * BY_TWO_32, `${x}`).toBe(x / 4294967296);
    const source = createRandom(SEED);
    let a = SEED >>> 0;
    for (let i = 0; i < 10_000; i++) {
      a = (a + STEP) >>> 0;
      expect(source.next()).toBe(mix(a) / 4294967296);
    }
  });

  it('draws every group in the plain order again when one drawn apart is all approved early', () => {
    // Small groups very likely approved in the first bin, drawn apart only because the test asks.
    const groups: Group[] = [
      { s0: 4, waited: 1, count: 2, q: Float64Array.of(0.9, 0.05, 0.02) },
      { s0: 3, waited: 5, count: 600, q: Float64Array.of(0.2, 0.3, 0.1) },
      { s0: 4, waited: 2, count: 1, q: Float64Array.of(0.8, 0.1, 0.05) },
    ];
    const plain = drawBins(groups, 3, 500, createRandom(SEED).next);
    expect(drawLargeApart(groups, 3, 500, createRandom(SEED), 1)).toEqual(plain);
    expect(drawLargeApart(groups, 3, 500, createRandom(SEED))).toEqual(plain);
  });
});
