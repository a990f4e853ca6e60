import { describe, expect, it } from 'vitest';
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
    expect(parseDate('31/02/2024', false)).not.toHaveProperty('monthFirst');
    expect(parseDate('13/13/2024', false)).not.toHaveProperty('monthFirst');
    expect(iso('31/02/2024')).toBe('error: "31/02/2024" is not a real date.');
    expect(iso('29/02/2024')).toBe('2024-02-29');
    expect(iso('29/02/2023')).toBe('error: "29/02/2023" is not a real date.');
    expect(iso('soon')).toMatch(/^error: "soon" is not a date the app can read/);
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
});
