import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { BUILTIN_DATES, isDateFormat } from '../../../src-main/import/read/fast-xlsx.ts';

/** The fast reader answers the usual number formats without loading SheetJS: as SheetJS would. */
describe('date formats known without SheetJS', () => {
  it('names the same built-in formats as dates as SheetJS’s default table', () => {
    const table = XLSX.SSF.get_table() as Record<number, string>;
    const dates = [];
    for (let id = 0; id < 164; id++) {
      const f = table[id];
      if (typeof f === 'string' && XLSX.SSF.is_date(f)) dates.push(id);
    }
    expect([...BUILTIN_DATES].sort((a, b) => a - b)).toEqual(dates);
  });

  it('decides custom formats as SheetJS does', () => {
    const formats = [
      'dd/mm/yyyy',
      'd-mmm-yy',
      'yyyy-mm-dd hh:mm',
      'mmm yyyy',
      'h:mm AM/PM',
      'General',
      '@',
      '0',
      '0.00',
      '#,##0.00',
      '0%',
      '0.00E+00',
      '[$-409]d/m/yyyy',
      '"Ref "0',
      '[h]:mm:ss',
      '£#,##0.00',
      'B2yyyy',
      'e',
      'ge',
      '[Red]0.00',
    ];
    for (const f of formats) expect(isDateFormat(f), f).toBe(XLSX.SSF.is_date(f));
  });
});
