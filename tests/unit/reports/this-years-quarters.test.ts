import { describe, expect, it } from 'vitest';
import { nextQuarters, thisYearsQuarters } from '../../../src-main/reports/forecast.ts';

// The forecast's rest of the year (Home's year figure and its rounding line) is the quarters of
// today's financial year among the next four, which start tomorrow.
describe("the forecast's quarters of this financial year", () => {
  const keysOn = (today: string) => {
    const quarters = nextQuarters(today);
    return thisYearsQuarters(quarters, today).map((i) => quarters[i]!.key);
  };

  it('are all four from 1 April, the rest of the year in December, none on 31 March', () => {
    expect(keysOn('2026-04-01')).toEqual(['2026/27 Q1', '2026/27 Q2', '2026/27 Q3', '2026/27 Q4']);
    expect(keysOn('2026-12-07')).toEqual(['2026/27 Q3', '2026/27 Q4']);
    // On a quarter's last day the quarters start tomorrow: 30 June's first is Q2.
    expect(keysOn('2026-06-30')).toEqual(['2026/27 Q2', '2026/27 Q3', '2026/27 Q4']);
    expect(keysOn('2027-03-31')).toEqual([]);
  });
});
