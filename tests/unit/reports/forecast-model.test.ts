import { describe, expect, it } from 'vitest';
import {
  conditionalConversion,
  emptyModels,
  finishModels,
  sortDays,
  type StageModel,
} from '../../../src-main/domain/forecast-model.ts';
import { createRandom } from '../../../src-main/domain/random.ts';

/**
 * finishModels sorts the histories by counting and works out each wait's shares once, on the
 * promise that the models stay as they were to the last digit. This is the plain version it
 * replaced, kept as the reference.
 */
function plainFinish(models: StageModel[]): StageModel[] {
  for (const m of models) {
    m.toNext.sort((a, b) => a - b);
    m.toDrop.sort((a, b) => a - b);
    m.moved = m.toNext.length;
    m.dropped = m.toDrop.length;
    m.p = m.moved + m.dropped > 0 ? m.moved / (m.moved + m.dropped) : null;
    if (m.p !== null && m.p > 0 && m.p < 1 && m.waiting.length > 0) {
      const resolved = m.moved + m.dropped + m.waiting.length;
      for (let i = 0; i < 50; i++) {
        const expectedMoves = m.waiting.reduce((sum, w) => sum + conditionalConversion(m, w), 0);
        const next = (m.moved + expectedMoves) / resolved;
        const settled = Math.abs(next - m.p) < 1e-6;
        m.p = next;
        if (settled) break;
      }
    }
  }
  return models;
}

/** Made-up histories: whole days with many repeats, some stages empty, some with no drop-outs. */
function madeUp(seed: number): StageModel[] {
  const rand = createRandom(seed);
  return emptyModels().map((m, i) => {
    const days = (n: number, spread: number) =>
      Array.from({ length: n }, () => Math.floor(rand.next() ** 2 * spread));
    const size = [3000, 400, 0, 50, 7][(i + seed) % 5]!;
    return {
      ...m,
      toNext: days(size, 400),
      toDrop: i === 3 ? [] : days(size * 3, 900),
      waiting: days(Math.floor(size / 4), 1200),
    };
  });
}

const copy = (models: StageModel[]) =>
  models.map((m) => ({ ...m, toNext: [...m.toNext], toDrop: [...m.toDrop], waiting: [...m.waiting] }));

describe('the forecast’s stage models', () => {
  it('finish exactly as the plain sort and EM loop did', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const models = madeUp(seed);
      const want = plainFinish(copy(models));
      expect(finishModels(copy(models))).toEqual(want);
      // The EM rounds ran: some stage's conversion is not the plain share.
      expect(want.some((m) => m.p !== null && m.p !== m.moved / (m.moved + m.dropped))).toBe(true);
    }
  });

  it('give a wait past every move of the history no more than the stage’s rate, falling as it grows (helper-241)', () => {
    // 20 moved on within 30 to 201 days, 80 dropped out within 5 to 60: p = 0.2.
    const m: StageModel = {
      ...emptyModels()[0]!,
      p: 0.2,
      toNext: Array.from({ length: 20 }, (_, i) => 30 + i * 9),
      toDrop: Array.from({ length: 80 }, (_, i) => 5 + (i % 56)),
    };
    const fresh = conditionalConversion(m, 0);
    const pastDrops = conditionalConversion(m, 100); // past every drop-out, within the moves
    expect(fresh).toBeCloseTo(0.2, 1);
    // Survivors past every drop-out are likelier to move on, as the histories say.
    expect(pastDrops).toBeGreaterThan(0.5);
    // Past every move (a stalled record) it was about 0.49 however long the wait: now at most p,
    // halved by a wait twice the longest move.
    expect(conditionalConversion(m, 201)).toBeCloseTo(0.2, 10);
    expect(conditionalConversion(m, 402)).toBeCloseTo(0.1, 10);
    expect(conditionalConversion(m, 804)).toBeCloseTo(0.05, 10);
  });

  it('keep a late panel decision likely: the chance falls gradually past the longest move (helper-243)', () => {
    // 50 panels decided within 3 to 14 days, 3 drop-outs at 5, 10 and 20 days.
    const moves = Array.from({ length: 50 }, (_, i) => 3 + (i % 12));
    const m: StageModel = {
      ...emptyModels()[0]!,
      p: 50 / 53,
      toNext: moves.sort((a, b) => a - b),
      toDrop: [5, 10, 20],
    };
    // A week past the longest decision it was about 1 % with the first fix (p × the share's floor):
    // it falls gradually instead, halved again by twice that wait.
    const weekLate = conditionalConversion(m, 21);
    expect(weekLate).toBeGreaterThan(0.3);
    expect(conditionalConversion(m, 42)).toBeCloseTo(weekLate / 2, 10);
  });

  it('sort days as the comparison sort does, whatever the days', () => {
    for (const days of [[3, 1, 2, 1, 0], [], [2.5, 1, -3, 0], [0, -0, 1], [5, 2_000_000, 1], [NaN, 1]]) {
      expect(sortDays([...days])).toEqual([...days].sort((a, b) => a - b));
    }
  });
});
