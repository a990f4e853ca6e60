import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src-main/contract/reports.ts';
import { LIKELY_RANGE } from '../../../src-main/contract/vocab.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * helper-262's walk (sample data, 28/11/2026): the backtest read "Mean absolute error (approvals) 0"
 * from two years, worked out on the rounded forecasts, with nothing to say two years prove little.
 * The error is now the unrounded forecasts', and a line under it says how few years it rests on.
 */
let app: TestApp;
let report: Report;
beforeAll(async () => {
  app = await testApp({ today: '2026-11-28' });
  await app.call('system.generateSample', { households: 400, seed: 1 });
  report = await app.call('reports.getTable', {
    table: 'forecast-backtest',
    options: { from: '2021/22', to: '2026/27' },
  });
});

describe('the backtest’s accuracy, honestly', () => {
  it('works the error out from the forecasts before rounding', () => {
    const accuracy = report.sections.find((s) => s.key === 'accuracy')!;
    const cell = (key: string) => accuracy.rows.find((r) => r.key === key)!.values.all as number;
    const compared = accuracy.columns[0]!.label.split(' to ');
    const years = report.columns
      .map((c) => c.key)
      .filter((fy) => fy >= compared[0]! && fy <= compared.at(-1)!);
    expect(cell('years')).toBe(years.length);
    const row = (key: string) => report.rows.find((r) => r.key === key)!.values;
    const rounded =
      years.reduce(
        (s, fy) => s + Math.abs((row('forecast')[fy] as number) - (row('actual')[fy] as number)),
        0,
      ) / years.length;
    // Each unrounded forecast is within half an approval of the rounded one shown.
    expect(Math.abs(cell('mae') - rounded)).toBeLessThanOrEqual(0.5);
    expect(cell('mae')).not.toBe(Math.round(rounded * 10) / 10);
    const mae = report.definitions.find((d) => d.key === 'mae')!.text;
    expect(mae).toContain('worked out from the forecast before it is rounded to whole approvals');
  });

  it('says under the figures how few years they rest on', () => {
    const accuracy = report.sections.find((s) => s.key === 'accuracy')!;
    const years = accuracy.rows.find((r) => r.key === 'years')!.values.all as number;
    expect(years).toBeGreaterThan(0);
    expect(years).toBeLessThan(5);
    expect(accuracy.notes).toContain(
      `These figures rest on ${years} year${years === 1 ? '' : 's'} compared only: too few to show how accurate the forecast is, as one unusual year moves them a lot. Read them as a rough guide, not a measure of the forecast’s accuracy.`,
    );
  });

  it('names the range in plain words, no percentiles, in both tables', async () => {
    const forecast = await app.call('reports.getTable', { table: 'forecast', options: {} });
    for (const r of [report, forecast]) {
      const words = JSON.stringify([r.rows, r.sections, r.definitions]);
      expect(words, r.title).not.toMatch(/percentile|80%/);
      expect(r.rows.find((x) => x.key === 'low')!.label).toBe(`Low end of the ${LIKELY_RANGE}`);
      expect(r.rows.find((x) => x.key === 'high')!.label).toBe(`High end of the ${LIKELY_RANGE}`);
    }
  });
});
