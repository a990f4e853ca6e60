import { describe, expect, it } from 'vitest';
import { EARLIEST_RECORD_DATE } from '../../../src-main/domain/dates.ts';
import { parseDate } from '../../../src-main/import/records/parse-date.ts';
import { serialToIso } from '../../../src-main/import/read/serial-dates.ts';

const iso = (raw: string | number, date1904 = false) => {
  const r = parseDate(raw, date1904);
  return r && r.ok ? r.iso : r ? `error: ${r.message}` : null;
};

describe('import dates', () => {
  it('reads dd/mm/yyyy, d/m/yy, yyyy-mm-dd and day-month-name text, never mm/dd', () => {
    expect(iso('03/04/2024')).toBe('2024-04-03');
    expect(iso('3/4/24')).toBe('2024-04-03');
    expect(iso('3.4.2024')).toBe('2024-04-03');
    expect(iso('2024-04-03')).toBe('2024-04-03');
    expect(iso('2024-04-03T00:00:00')).toBe('2024-04-03');
    expect(iso('3 March 2024')).toBe('2024-03-03');
    expect(iso('3rd Mar 2024')).toBe('2024-03-03');
    expect(iso('03-Mar-24')).toBe('2024-03-03');
    expect(iso('March 3, 2024')).toBe('2024-03-03');
    expect(iso('  ')).toBeNull();
    expect(iso('04/13/2024')).toBe(
      'error: "04/13/2024" is not a real date as dd/mm/yyyy; it reads only month first.',
    );
    // The mark of a file written month first: the caller refuses the whole file.
    expect(parseDate('04/13/2024', false)).toMatchObject({ ok: false, monthFirst: true });
    // LibreOffice's empty date written month first: in a year no date may have, still month first.
    expect(parseDate('12/30/1899', false)).toMatchObject({ ok: false, monthFirst: true });
    expect(parseDate('12/30/1899', false, '1950-01-01')).toMatchObject({ ok: false, monthFirst: true });
    expect(parseDate('30/12/1899', false)).not.toHaveProperty('monthFirst');
    expect(parseDate('31/02/2024', false)).not.toHaveProperty('monthFirst');
    expect(parseDate('13/13/2024', false)).not.toHaveProperty('monthFirst');
    expect(iso('31/02/2024')).toBe('error: "31/02/2024" is not a real date.');
    expect(iso('29/02/2024')).toBe('2024-02-29');
    expect(iso('29/02/2023')).toBe('error: "29/02/2023" is not a real date.');
    expect(iso('soon')).toMatch(/^error: "soon" is not a date the app can read/);
  });

  it("reads a two-digit year in the century before when `notAfter` (a birth's today) says so", () => {
    const born = (raw: string) => {
      const r = parseDate(raw, false, null, '2026-11-26');
      return r && r.ok ? r.iso : r;
    };
    // Not after today: this century, as without the bound.
    expect(born('26/11/26')).toBe('2026-11-26');
    expect(born('3/4/05')).toBe('2005-04-03');
    // After today: the century before, by day and month too.
    expect(born('27/11/26')).toBe('1926-11-27');
    expect(born('12/05/65')).toBe('1965-05-12');
    expect(born('12 May 65')).toBe('1965-05-12');
    expect(born('12-May-69')).toBe('1969-05-12');
    // 70-99 were the last century already; a year in full is as written; no bound, no change.
    expect(born('12/05/75')).toBe('1975-05-12');
    expect(born('12/05/2065')).toBe('2065-05-12');
    expect(iso('12/05/65')).toBe('2065-05-12');
    // A day that is not real stays refused as written.
    expect(born('31/02/65')).toMatchObject({ ok: false, message: '"31/02/65" is not a real date.' });
  });

  it('reads a date with the time a CRM or web form writes after it, keeping the date', () => {
    expect(iso('01/03/2024 09:00')).toBe('2024-03-01');
    expect(iso('01/03/2024, 09:00:00')).toBe('2024-03-01');
    expect(iso('01/03/2024 9:00 AM')).toBe('2024-03-01');
    expect(iso('1/3/24 2:30 p.m.')).toBe('2024-03-01');
    expect(iso('2024-03-01T09:00:00+01:00')).toBe('2024-03-01');
    expect(iso('2024-03-01 09:00:00.000 +0000')).toBe('2024-03-01');
    expect(iso('01-Mar-2024 10:15')).toBe('2024-03-01');
    expect(iso('1 March 2024 10:15')).toBe('2024-03-01');
    expect(iso('01/03/2024 soon')).toMatch(/^error: .* is not a date the app can read/);
  });

  it('reads Excel serials in the 1900 and 1904 systems', () => {
    expect(iso(45354)).toBe('2024-03-03');
    expect(iso('45354')).toBe('2024-03-03');
    expect(iso(45354 - 1462, true)).toBe('2024-03-03');
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(60)).toBeNull();
    expect(iso(-5)).toBe('error: -5 is not a date.');
  });

  it('refuses a whole number that reads as a year, never a day in 1905, with or without the records bound', () => {
    const year = (shown: string) =>
      `error: ${shown} is a year, not a date: give the whole date (dd/mm/yyyy).`;
    // A date of birth "1975" was stored as 28/05/1905; an enquiry's "2026" refused as "18/07/1905".
    expect(iso('1975')).toBe(year('"1975"'));
    expect(iso(1975)).toBe(year('1975'));
    const r = parseDate('2026', false, EARLIEST_RECORD_DATE);
    expect(r && !r.ok && r.message).toBe(year('"2026"').slice('error: '.length));
    // Outside the years, a serial as before: 1899 is 13/03/1905, 2101 is 01/10/1905.
    expect(iso(1899)).toBe('1905-03-13');
    expect(iso(2101)).toBe('1905-10-01');
    expect(iso(1975.5)).toBe('1905-05-28');
  });

  it('refuses a date before 1950 where the records bound applies, naming it as the spreadsheet shows it', () => {
    const bounded = (raw: string | number, date1904 = false) => {
      const r = parseDate(raw, date1904, EARLIEST_RECORD_DATE);
      return r && r.ok ? r.iso : r ? r.message : null;
    };
    const early = (shown: string) =>
      `"${shown}" is before 01/01/1950: no date in this service's records is that early (a date cell holding 0, as a formula on an empty cell gives, shows as 00/01/1900 or 30/12/1899). Check the cell, or leave it empty.`;
    // Excel's empty date (0), 1, the leap day that never was, LibreOffice's 30/12/1899 (-1 to SheetJS).
    expect(bounded(0)).toBe(early('00/01/1900'));
    expect(bounded(1)).toBe(early('01/01/1900'));
    expect(bounded(60)).toBe(early('29/02/1900'));
    expect(bounded(-1)).toBe(early('30/12/1899'));
    expect(bounded(100)).toBe(early('09/04/1900'));
    expect(bounded(0, true)).toBe(early('01/01/1904'));
    expect(bounded('00/01/1900')).toBe(early('00/01/1900'));
    expect(bounded('01/01/1900')).toBe(early('01/01/1900'));
    expect(bounded('1924-04-03')).toBe(early('03/04/1924'));
    expect(bounded('3 April 1924')).toBe(early('03/04/1924'));
    expect(bounded('31/12/1949')).toBe(early('31/12/1949'));
    // From 1950 on, dates are read as before; an approval in the 1970s is plausible.
    expect(bounded('01/01/1950')).toBe('1950-01-01');
    expect(bounded('12/02/1973')).toBe('1973-02-12');
    expect(bounded(-5)).toBe('-5 is not a date.');
    // Without the bound (a date of birth), an old date is a date.
    expect(iso('03/04/1924')).toBe('1924-04-03');
    expect(iso(0)).toBe('error: 0 is not a date.');
  });
});
