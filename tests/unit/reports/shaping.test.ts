import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCell, groupThousands } from '../../../src-main/contract/reports.ts';
import { periods, resolveOptions } from '../../../src-main/reports/period.ts';
import { rate } from '../../../src-main/reports/rate.ts';
import { finalise, percentiles } from '../../../src-main/reports/shape.ts';
import { cellId, suppressCells } from '../../../src-main/reports/suppress.ts';

describe('rate', () => {
  it('is a percentage to one decimal place, rounded half up, and null on a zero denominator', () => {
    expect(rate(2, 3)).toBe(66.7);
    expect(rate(1, 3)).toBe(33.3);
    expect(rate(1, 8)).toBe(12.5);
    expect(rate(249, 2000)).toBe(12.5); // 12.45 rounds up, not down through floating point
    expect(rate(0, 5)).toBe(0);
    expect(rate(5, 0)).toBeNull();
    expect(rate(0, 0)).toBeNull();
    expect(rate(7, 7)).toBe(100);
  });

  it('never differs from the exact ratio by more than half a tenth', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 }), (n, d) => {
        const r = rate(n, d)!;
        expect(Math.abs(r - (100 * n) / d)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(Number.isInteger(Math.round(r * 10))).toBe(true);
      }),
    );
  });
});

describe('percentiles', () => {
  it('gives the median (mean of the two middle values) and the 90th percentile by nearest rank', () => {
    expect(percentiles([])).toEqual({ median: null, p90: null });
    expect(percentiles([{ v: 7, n: 1 }])).toEqual({ median: 7, p90: 7 });
    expect(
      percentiles([
        { v: 31, n: 1 },
        { v: 78, n: 1 },
      ]),
    ).toEqual({ median: 54.5, p90: 78 });
    const tenToHundred = Array.from({ length: 10 }, (_, i) => ({ v: (i + 1) * 10, n: 1 }));
    expect(percentiles(tenToHundred)).toEqual({ median: 55, p90: 90 });
    expect(
      percentiles([
        { v: 5, n: 3 },
        { v: 1, n: 1 },
      ]),
    ).toEqual({ median: 5, p90: 5 });
  });
});

describe('small-number suppression', () => {
  const grid = (cells: Record<string, number>) =>
    new Map(Object.entries(cells).map(([k, v]) => [cellId(k, 'c'), v]));

  it('hides 1–4 and leaves 0 and 5+ alone', () => {
    const hidden = suppressCells(grid({ a: 0, b: 1, c: 4, d: 5 }), []);
    expect([...hidden].sort()).toEqual([cellId('b', 'c'), cellId('c', 'c')]);
  });

  it('hides a second cell, the smallest part, where a total would reveal the first', () => {
    const values = grid({ a: 3, b: 20, c: 9, total: 32 });
    const rel = { cells: ['a', 'b', 'c', 'total'].map((k) => cellId(k, 'c')), total: cellId('total', 'c') };
    expect([...suppressCells(values, [rel])].sort()).toEqual([cellId('a', 'c'), cellId('c', 'c')]);
  });

  it('cascades until no relation has exactly one hidden cell', () => {
    // Two rows and a total row, three columns and a total column.
    const v: Record<string, number> = {
      r1a: 2,
      r1b: 10,
      r1t: 12,
      r2a: 7,
      r2b: 8,
      r2t: 15,
      ta: 9,
      tb: 18,
      tt: 27,
    };
    const values = new Map(Object.entries(v));
    const rels = [
      { cells: ['r1a', 'r1b', 'r1t'], total: 'r1t' },
      { cells: ['r2a', 'r2b', 'r2t'], total: 'r2t' },
      { cells: ['ta', 'tb', 'tt'], total: 'tt' },
      { cells: ['r1a', 'r2a', 'ta'], total: 'ta' },
      { cells: ['r1b', 'r2b', 'tb'], total: 'tb' },
      { cells: ['r1t', 'r2t', 'tt'], total: 'tt' },
    ];
    const hidden = suppressCells(values, rels);
    for (const r of rels) expect(r.cells.filter((c) => hidden.has(c)).length).not.toBe(1);
    expect([...hidden].sort()).toEqual(['r1a', 'r1b', 'r2a', 'r2b']);
  });

  it('prints no rate from a suppressed count and no days from a suppressed number measured', () => {
    const t = finalise(
      {
        columns: [{ key: 'y', label: 'y' }],
        rows: [
          { key: 'n', label: 'n', kind: 'count', values: { y: 3 } },
          { key: 'd', label: 'd', kind: 'count', values: { y: 40 } },
          { key: 'r', label: 'r', kind: 'rate', numerator: 'n', denominator: 'd' },
          { key: 'm', label: 'm', kind: 'days', basis: 'n', values: { y: 12 } },
        ],
        relations: [],
      },
      true,
    );
    expect(t.rows.map((r) => r.values.y)).toEqual(['<5', 40, null, null]);
  });
});

describe('periods and options', () => {
  it('defaults to the last five complete financial years before today', () => {
    expect(
      resolveOptions({ quarterly: false, pathway: 'mainstream', suppress: false }, '2025-03-31'),
    ).toMatchObject({
      from: '2019/20',
      to: '2023/24',
    });
    expect(
      resolveOptions({ quarterly: false, pathway: 'mainstream', suppress: false }, '2025-04-01'),
    ).toMatchObject({
      from: '2020/21',
      to: '2024/25',
    });
  });

  it('makes quarter columns with their own dates (Q4 of 2023/24 ends on the leap day’s month end)', () => {
    const q = periods({ from: '2023/24', to: '2023/24', quarterly: true, pathway: 'all', suppress: false });
    expect(q.map((p) => [p.key, p.from, p.to])).toEqual([
      ['2023/24 Q1', '2023-04-01', '2023-06-30'],
      ['2023/24 Q2', '2023-07-01', '2023-09-30'],
      ['2023/24 Q3', '2023-10-01', '2023-12-31'],
      ['2023/24 Q4', '2024-01-01', '2024-03-31'],
    ]);
  });

  it('formats cells the same way everywhere', () => {
    expect(formatCell(null, 'rate')).toBe('–');
    expect(formatCell('<5', 'count')).toBe('<5');
    expect(formatCell(11.6, 'rate')).toBe('11.6%');
    expect(formatCell(100, 'rate')).toBe('100.0%');
    expect(formatCell(1234, 'count')).toBe('1,234');
    expect(formatCell(54.5, 'days')).toBe('54.5');
    // A negative figure has the minus sign (U+2212) of the row labels ('approved − ceased'), not a hyphen.
    expect(formatCell(-3, 'count')).toBe('\u22123');
    expect(formatCell(-1234, 'count')).toBe('\u22121,234');
    expect(formatCell(-2.5, 'days')).toBe('\u22122.5');
    expect(formatCell(-0, 'count')).toBe('0');
  });

  it('groups thousands exactly as en-GB does, without Intl for whole numbers', () => {
    for (const n of [
      0,
      -0,
      7,
      999,
      1000,
      -1000,
      12_345,
      999_999,
      1_000_000,
      -987_654_321,
      2 ** 53 - 1,
      1.5,
      -1234.56,
      1e21,
    ])
      expect(groupThousands(n), String(n)).toBe(n.toLocaleString('en-GB'));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.double({ noNaN: true })), (n) => {
        expect(groupThousands(n)).toBe(n.toLocaleString('en-GB'));
      }),
    );
  });
});
