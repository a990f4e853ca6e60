import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedCells, linearlyFixed, type Relation } from '../../../src-main/reports/suppress.ts';

/**
 * Which hidden cells the shown ones fix, worked out apart from the product's solver (suppress.ts
 * `fixedCells`, sparse and modulo two primes): a hidden cell is fixed exactly when adding its unit
 * vector to the relations' rows (restricted to the hidden cells) leaves their rank as it was.
 * Rank by elimination over the rationals, kept exact with integers (fraction-free), for a handful
 * of cells.
 */
function rank(rows: bigint[][]): number {
  const m = rows.map((r) => [...r]);
  let rk = 0;
  const width = m[0]?.length ?? 0;
  for (let col = 0; col < width && rk < m.length; col++) {
    const pivot = m.findIndex((r, i) => i >= rk && r[col] !== 0n);
    if (pivot < 0) continue;
    [m[rk], m[pivot]] = [m[pivot]!, m[rk]!];
    const p = m[rk]!;
    for (let i = 0; i < m.length; i++) {
      if (i === rk || m[i]![col] === 0n) continue;
      const f = m[i]![col]!;
      m[i] = m[i]!.map((v, j) => v * p[col]! - f * p[j]!);
    }
    rk++;
  }
  return rk;
}

function fixedByRank(relations: readonly Relation[], hidden: readonly string[]): string[] {
  const rows = relations
    .filter((r) => r.cells.length > 1)
    .map((r) =>
      hidden.map((h) =>
        r.cells
          .filter((c) => c === h)
          .reduce((n, c) => n + (c === r.total || r.minus?.includes(c) ? -1n : 1n), 0n),
      ),
    );
  const base = rank(rows);
  return hidden.filter((h) => rank([...rows, hidden.map((x) => (x === h ? 1n : 0n))]) === base);
}

describe('the solver of what the shown cells fix', () => {
  it('fixes exactly the hidden cells the relations fix over the rationals, in any system of sums', () => {
    const cells = Array.from({ length: 9 }, (_, i) => `c${i}`);
    const relation = fc
      .uniqueArray(fc.constantFrom(...cells), { minLength: 1, maxLength: 5 })
      .chain((members) =>
        fc.record({
          cells: fc.constant(members),
          total: fc.option(fc.constantFrom(...members), { nil: undefined }),
          minus: fc.subarray(members),
        }),
      );
    fc.assert(
      fc.property(
        fc.array(relation, { maxLength: 10 }),
        fc.subarray(cells, { minLength: 1 }),
        (relations, hidden) => {
          const rels: Relation[] = relations.map((r) => ({
            cells: r.cells,
            ...(r.total ? { total: r.total } : {}),
            minus: r.minus.filter((c) => c !== r.total),
          }));
          const values = new Map(cells.map((c, i) => [c, i]));
          expect(linearlyFixed(values, rels, new Set(hidden))).toEqual(fixedByRank(rels, hidden));
        },
      ),
      { numRuns: 2000 },
    );
  });

  // Every hidden cell a relation names is tied to the others by it: Σ coefficient × cell is the
  // same as with the true values. A reader also knows no count is negative.
  it('finds every hidden cell that non-negativity forces, and none it does not, beyond the relations alone', () => {
    const cells = Array.from({ length: 6 }, (_, i) => `c${i}`);
    const relation = fc
      .uniqueArray(fc.constantFrom(...cells), { minLength: 2, maxLength: 4 })
      .chain((members) =>
        fc.record({
          cells: fc.constant(members),
          total: fc.option(fc.constantFrom(...members), { nil: undefined }),
          minus: fc.subarray(members),
        }),
      );
    fc.assert(
      fc.property(
        fc.array(relation, { minLength: 1, maxLength: 6 }),
        fc.uniqueArray(fc.constantFrom(...cells), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
        (relations, hidden, counts) => {
          const rels: Relation[] = relations.map((r) => ({
            cells: r.cells,
            ...(r.total ? { total: r.total } : {}),
            minus: r.minus.filter((c) => c !== r.total),
          }));
          const values = new Map(cells.map((c, i) => [c, counts[i]!]));
          const sign = (r: Relation, c: string) => (c === r.total || r.minus?.includes(c) ? -1 : 1);
          // Every assignment of 0 to 9 to the hidden cells that keeps each relation's sum.
          const ranges = hidden.map(() => new Set<number>());
          const x = new Map(values);
          const search = (k: number): void => {
            if (k === hidden.length) {
              if (
                rels.every(
                  (r) => r.cells.reduce((n, c) => n + sign(r, c) * (x.get(c)! - values.get(c)!), 0) === 0,
                )
              )
                hidden.forEach((h, i) => ranges[i]!.add(x.get(h)!));
              return;
            }
            for (let v = 0; v <= 9; v++) {
              x.set(hidden[k]!, v);
              search(k + 1);
            }
          };
          search(0);
          const fixed = fixedCells(values, rels, new Set(hidden));
          // Sound: each cell it finds takes one value in every solution.
          for (const c of fixed) expect(ranges[hidden.indexOf(c)]!.size).toBe(1);
          // It finds all the relations alone fix, and every cell of a relation whose hidden cells
          // are on one side and hold 0 between them.
          for (const c of linearlyFixed(values, rels, new Set(hidden))) expect(fixed).toContain(c);
          for (const r of rels) {
            const open = r.cells.filter((c) => hidden.includes(c));
            if (
              open.length > 0 &&
              new Set(open.map((c) => sign(r, c))).size === 1 &&
              open.every((c) => values.get(c) === 0)
            )
              for (const c of open) expect(fixed).toContain(c);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  // Bounds narrow a relation at a time, each pass in one order: a chain whose news runs against that
  // order moves one link a pass. x0 + s = 0 makes both 0 (no count is negative), then each
  // x(k) = x(k+1) + y(k) passes the 0 on; the relations alone fix none of them. Before, the
  // narrowing stopped after 20 passes and x21 on counted as unknown.
  it('follows bounds to the end of a chain of any length, not a fixed number of passes', () => {
    const n = 40;
    const x = (k: number) => `x${k}`;
    const y = (k: number) => `y${k}`;
    const relations: Relation[] = [
      ...Array.from({ length: n }, (_, k) => ({ cells: [x(k), x(k + 1), y(k)], total: x(k) })),
      { cells: [x(0), 's'] },
    ];
    // Hidden cells listed from the chain's far end, so its relations are taken in that order.
    const hidden = [
      ...Array.from({ length: n + 1 }, (_, k) => x(n - k)),
      ...Array.from({ length: n }, (_, k) => y(k)),
      's',
    ];
    const values = new Map(hidden.map((c) => [c, 0]));
    expect(linearlyFixed(values, relations, new Set(hidden))).toEqual([]);
    expect(new Set(fixedCells(values, relations, new Set(hidden)))).toEqual(new Set(hidden));
  });
});
