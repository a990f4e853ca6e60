import { describe, expect, it } from 'vitest';
import type { ResolvedReportOptions } from '../../../src-main/contract/report-shapes.ts';
import { periodText } from '../../../src-main/reports/period.ts';

const options = (from: string, to: string): ResolvedReportOptions => ({
  from,
  to,
  quarterly: false,
  pathway: 'mainstream',
  suppress: false,
});

// Dates given here, not read from the clock: the words depend only on the range and the day.
describe('the period line of a range running past the day a table is produced', () => {
  it('says nothing of a range that has ended', () => {
    expect(periodText(options('2024/25', '2025/26'), '2026-12-01')).toBe(
      '2024/25 to 2025/26 (1 April 2024 to 31 March 2026)',
    );
  });

  it('gives the figures to the year’s last day on that day, as its column says "(to date)"', () => {
    expect(periodText(options('2024/25', '2025/26'), '2026-03-31')).toBe(
      '2024/25 to 2025/26 (1 April 2024 to 31 March 2026; figures to 31/03/2026, as 2025/26 has not ended)',
    );
  });

  it('gives the figures to the day of the year under way', () => {
    expect(periodText(options('2025/26', '2026/27'), '2026-12-01')).toBe(
      '2025/26 to 2026/27 (1 April 2025 to 31 March 2027; figures to 01/12/2026, as 2026/27 has not ended)',
    );
  });

  it('never calls a year that has not begun one that has not ended', () => {
    expect(periodText(options('2030/31', '2030/31'), '2026-12-01')).toBe(
      '2030/31 (1 April 2030 to 31 March 2031; no figures yet, as 2030/31 has not begun)',
    );
    expect(periodText(options('2028/29', '2030/31'), '2026-12-01')).toBe(
      '2028/29 to 2030/31 (1 April 2028 to 31 March 2031; no figures yet, as they have not begun)',
    );
    expect(periodText(options('2026/27', '2027/28'), '2026-12-01')).toBe(
      '2026/27 to 2027/28 (1 April 2026 to 31 March 2028; figures to 01/12/2026, as 2026/27 has not ended and 2027/28 has not begun)',
    );
    expect(periodText(options('2025/26', '2029/30'), '2026-12-01')).toBe(
      '2025/26 to 2029/30 (1 April 2025 to 31 March 2030; figures to 01/12/2026, as 2026/27 has not ended and 2027/28 to 2029/30 have not begun)',
    );
  });
});
