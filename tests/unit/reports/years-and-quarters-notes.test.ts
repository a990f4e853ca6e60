import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../../src-main/reports/years-and-quarters.ts';
import type { RawTable, ShapedTable } from '../../../src-main/reports/shape.ts';

// A table suppressed as one with its other form (by years and by quarter) comes back out of the
// whole with its own rows and columns; the lines printed under it (a table's notes) are its own too.
describe('a table taken back out of its years-and-quarters whole', () => {
  it('keeps the lines printed under it', () => {
    const whole: ShapedTable = {
      columns: [
        { key: '2024/25', label: '2024/25' },
        { key: '2024/25 Q1', label: '2024/25 Q1' },
      ],
      rows: [
        { key: 'enquiries', label: 'Enquiries', kind: 'count', values: { '2024/25': 9, '2024/25 Q1': 9 } },
      ],
    };
    const own: Pick<RawTable, 'columns' | 'rows' | 'notes'> = {
      columns: [{ key: '2024/25', label: '2024/25' }],
      rows: [{ key: 'enquiries', label: 'Enquiries', kind: 'count', values: { '2024/25': 9 } }],
      notes: ['Left out of these figures: 2021/22, as it has not ended.'],
    };
    expect(columnsOf(whole, own)).toEqual({
      columns: [{ key: '2024/25', label: '2024/25' }],
      rows: [{ key: 'enquiries', label: 'Enquiries', kind: 'count', values: { '2024/25': 9 } }],
      notes: ['Left out of these figures: 2021/22, as it has not ended.'],
    });
  });
});
