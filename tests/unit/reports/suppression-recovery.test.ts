import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../../src-main/contract/reports.ts';
import { grid } from '../../../src-main/reports/grid.ts';
import { finalise } from '../../../src-main/reports/shape.ts';

/**
 * What a reader of a suppressed table can work out. In a table with a total row and a total
 * column, the unknowns are the hidden cells; each row and column is one equation. Seen as a
 * graph (a node per row and per column, totals included, an edge per hidden cell), a hidden
 * cell is fixed exactly by the shown ones if and only if its edge is a bridge: on no cycle of
 * hidden cells, so that adding whole rows and subtracting whole columns isolates it. This is
 * worked out independently of the product's own solving (suppress.ts `fixedCells`).
 */
function recoverable(
  shown: { rows: Array<{ key: string; values: Record<string, unknown> }> },
  cols: string[],
) {
  const edges: Array<[string, string]> = [];
  for (const r of shown.rows)
    for (const c of cols) if (r.values[c] === SUPPRESSED) edges.push([`r:${r.key}`, `c:${c}`]);
  const connected = (skip: number, from: string, to: string) => {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === to) return true;
      edges.forEach(([a, b], i) => {
        if (i === skip) return;
        const next = a === n ? b : b === n ? a : null;
        if (next && !seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      });
    }
    return false;
  };
  return edges.filter(([a, b], i) => !connected(i, a, b)).map(([a, b]) => `${a} ${b}`);
}

const table = (cells: number[][]) => {
  const rows = cells.map((_, i) => ({ key: `r${i}`, label: `r${i}` }));
  const columns = cells[0]!.map((_, j) => ({ key: `c${j}`, label: `c${j}` }));
  const counts = cells.flatMap((row, i) => row.map((n, j) => ({ r: `r${i}`, c: `c${j}`, n })));
  const raw = grid(rows, columns, counts, { totalColumn: true });
  return { raw, cols: [...columns.map((c) => c.key), 'total'] };
};

describe('small-number suppression cannot be undone from the totals', () => {
  it('hides more where two closed groups of hidden cells are joined by one (every row and column has two)', () => {
    // Hidden 1–4 cells: a square in r0–r1 × c0–c1, another in r2–r3 × c2–c3, and r0 × c2 joining them.
    // Each row and column then holds two or more hidden cells, yet r0 × c2 = (r0 + r1 totals) −
    // (c0 + c1 totals) − the shown cells of those rows and columns.
    const { raw, cols } = table([
      [2, 3, 1, 9],
      [4, 2, 8, 7],
      [9, 8, 3, 2],
      [7, 9, 4, 1],
    ]);
    const shown = finalise(raw, true);
    expect(recoverable(shown, cols)).toEqual([]);
    const r0 = shown.rows.find((r) => r.key === 'r0')!;
    expect(r0.values.c2).toBe(SUPPRESSED);
  });

  it('protects a figure a table beside this one hides as it protects a small count', () => {
    // As above, with the joining cell a 6 that the table beside (the annual one) hides: the
    // shown cells must not give it back either.
    const { raw, cols } = table([
      [2, 3, 6, 9],
      [4, 2, 8, 7],
      [9, 8, 3, 2],
      [7, 9, 4, 1],
    ]);
    const shown = finalise({ ...raw, hiddenBeside: [{ cell: ['r0', 'c2'], value: 6 }] }, true);
    expect(shown.rows.find((r) => r.key === 'r0')!.values.c2).toBe(SUPPRESSED);
    expect(recoverable(shown, cols)).toEqual([]);
  });

  it('leaves no hidden count recoverable in any random table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((nr) =>
          fc.integer({ min: 1, max: 6 }).chain((nc) =>
            fc.array(
              fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 30 })), {
                minLength: nc,
                maxLength: nc,
              }),
              { minLength: nr, maxLength: nr },
            ),
          ),
        ),
        (cells) => {
          const { raw, cols } = table(cells);
          const shown = finalise(raw, true);
          expect(recoverable(shown, cols)).toEqual([]);
          // Every count of 1 to 4 is hidden, totals included.
          for (const r of shown.rows)
            for (const c of cols) {
              const v = raw.rows.find((x) => x.key === r.key)!;
              const n = v.kind === 'count' ? v.values[c]! : 0;
              if (n >= 1 && n <= 4) expect(r.values[c]).toBe(SUPPRESSED);
            }
        },
      ),
      { numRuns: 400 },
    );
  });
});
