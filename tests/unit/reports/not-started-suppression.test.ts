import { describe, expect, it } from 'vitest';
import { NOT_STARTED, SUPPRESSED } from '../../../src-main/contract/reports.ts';
import { markColumn } from '../../../src-main/reports/not-started.ts';
import { finalise, type RawTable } from '../../../src-main/reports/shape.ts';

/**
 * A cell of a quarter not yet started is printed blank, and a reader knows a count of events in it
 * is 0: suppression must neither hide it nor take it as cover (a "<5" that every reader knows is 0
 * covers nothing). Today is 26/11/2026: 2026/27 Q3 is in progress, Q4 is to come.
 */
const TODAY = '2026-11-26';
const Q3 = '2026/27 Q3';
const Q4 = '2026/27 Q4';
const columns = [Q3, Q4, 'total'].map((key) => markColumn({ key, label: key }, TODAY));

describe('suppression and quarters not yet started', () => {
  it('marks columns by the period their key names, whatever follows it', () => {
    expect(markColumn({ key: `${Q4} stage1`, label: '' }, TODAY).notStarted).toBe(true);
    expect(markColumn({ key: '2027/28 enquirers', label: '' }, TODAY).notStarted).toBe(true);
    expect(markColumn({ key: Q3, label: '' }, TODAY).toDate).toBe(true);
    expect(markColumn({ key: '2026/27', label: '' }, TODAY).toDate).toBe(true);
    expect(markColumn({ key: '2026/27 Q2', label: '' }, TODAY)).toEqual({ key: '2026/27 Q2', label: '' });
    expect(markColumn({ key: 'total', label: '' }, TODAY)).toEqual({ key: 'total', label: '' });
  });

  it('covers a small count with a started cell, never with the blank 0 of a quarter to come', () => {
    // Two reasons for leaving by quarter with a Total over the period (the leaving table's shape).
    const row = (key: string, q3: number) => ({
      key,
      label: key,
      kind: 'count' as const,
      values: { [Q3]: q3, [Q4]: 0, total: q3 },
    });
    const raw: RawTable = {
      columns,
      rows: [row('a', 2), row('b', 7), row('all', 9)],
      relations: [
        ...['a', 'b', 'all'].map((r) => ({
          cells: [Q3, Q4, 'total'].map((c) => [r, c] as [string, string]),
          total: [r, 'total'] as [string, string],
        })),
        ...[Q3, Q4, 'total'].map((c) => ({
          cells: ['a', 'b', 'all'].map((r) => [r, c] as [string, string]),
          total: ['all', c] as [string, string],
        })),
      ],
    };
    const shaped = finalise(raw, true);
    const a = shaped.rows.find((r) => r.key === 'a')!.values;
    expect(a[Q3]).toBe(SUPPRESSED);
    // Its cover is its Total (a reader knows Q4 is 0, so "<5" there would leave a's Q3 = its Total).
    expect(a[Q4]).toBe(NOT_STARTED);
    expect(a.total).toBe(SUPPRESSED);
    for (const r of shaped.rows) expect(r.values[Q4]).toBe(NOT_STARTED);
    expect(shaped.columns.find((c) => c.key === Q4)).toEqual({ key: Q4, label: Q4, notStarted: true });
  });

  it('neither hides nor counts the households carried into a quarter to come, and still covers the last started one', () => {
    // Retention: start + approved = ceased + end in each column, and Q3's end is Q4's start.
    const stock = (key: string, q3: number, q4: number) => ({
      key,
      label: key,
      kind: 'count' as const,
      values: { [Q3]: q3, [Q4]: q4 },
      stock: true,
    });
    const flow = (key: string, q3: number) => ({
      key,
      label: key,
      kind: 'count' as const,
      values: { [Q3]: q3, [Q4]: 0 },
    });
    const cols = columns.slice(0, 2);
    const raw: RawTable = {
      columns: cols,
      rows: [stock('start', 3, 4), flow('approved', 1), flow('ceased', 0), stock('end', 4, 4)],
      relations: [
        ...[Q3, Q4].map((c) => ({
          cells: ['start', 'approved', 'ceased', 'end'].map((r) => [r, c] as [string, string]),
          minus: [
            ['ceased', c],
            ['end', c],
          ] as Array<[string, string]>,
        })),
        {
          cells: [
            ['end', Q3],
            ['start', Q4],
          ],
          minus: [['start', Q4]],
        },
      ],
    };
    const shaped = finalise(raw, true);
    const value = (r: string, c: string) => shaped.rows.find((x) => x.key === r)!.values[c];
    for (const r of ['start', 'approved', 'ceased', 'end']) expect(value(r, Q4)).toBe(NOT_STARTED);
    expect([value('start', Q3), value('approved', Q3), value('end', Q3)]).toEqual([
      SUPPRESSED,
      SUPPRESSED,
      SUPPRESSED,
    ]);
  });
});
