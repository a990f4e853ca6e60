import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readEpisodes } from '../../../src-main/db/queries/forecast-source.ts';
import { fyEnd, fyStart } from '../../../src-main/domain/financial-year.ts';
import type { ForecastEpisode } from '../../../src-main/domain/forecast.ts';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { makeWorld } from '../../unit/reports/forecast-world.ts';
import { addHousehold, rowOf, type EpisodeFacts } from './fixture.ts';

const TODAY = '2026-11-26';
const STAGES = ['enquiry', 'eoi', 'stage1', 'stage2', 'panel'] as const;

/** Writes a made-up world into a real database as the records would say on `today`. */
function store(app: TestApp, episodes: readonly ForecastEpisode[], today: string): void {
  const db = app.ctx.store.db;
  db.transaction(() => {
    for (const e of episodes) {
      const milestones: EpisodeFacts['milestones'] = {};
      let stage: (typeof STAGES)[number] = 'enquiry';
      for (const k of [...STAGES, 'approval'] as const) {
        const d = e[k];
        if (!d || d > today) break;
        milestones[k] = d;
        if (k !== 'approval') stage = k;
      }
      const closure =
        e.closedOn && e.closedOn <= today
          ? { date: e.closedOn, stage, reason: 'other', endedBy: 'applicant' as const }
          : undefined;
      addHousehold(db, {
        reference: `F${e.householdId}`,
        episodes: [{ milestones, ...(closure ? { closure } : {}) }],
      });
    }
  })();
}

describe('forecast and backtest tables', () => {
  const world = makeWorld({
    p: [0.4, 0.6, 0.7, 0.6, 0.8],
    from: '2019-04-01',
    to: TODAY,
    perWeek: 4,
    seed: 5,
  });

  it('reads one row per episode through the planning source', async () => {
    const app = await testApp({ today: TODAY });
    store(app, world.episodes.slice(0, 50), TODAY);
    const rows = readEpisodes(app.ctx.store.db, 'mainstream');
    expect(rows).toHaveLength(50);
    const approved = rows.find((r) => r.approval);
    expect(approved).toMatchObject({ status: 'approved', pathway: 'mainstream', episode: 1 });
    expect(rows.filter((r) => r.status === 'closed').every((r) => r.closedOn)).toBe(true);
    expect(readEpisodes(app.ctx.store.db, 'kinship')).toEqual([]);
  });

  it('returns the four quarters with ranges and a row per open stage, each opening its households', async () => {
    const app = await testApp({ today: TODAY });
    store(app, world.episodes, TODAY);
    const report = await app.call('reports.getTable', { table: 'forecast', options: {} });
    expect(report.columns.map((c) => c.key)).toEqual([
      '2026/27 Q3',
      '2026/27 Q4',
      '2027/28 Q1',
      '2027/28 Q2',
    ]);
    expect(report.rows.map((r) => r.key)).toEqual([
      'expected',
      'low',
      'high',
      ...STAGES.map((s) => `expected_from_${s}`),
    ]);
    for (const c of report.columns) {
      const [e, lo, hi] = ['expected', 'low', 'high'].map((k) => rowOf(report.rows, k)[c.key] as number);
      expect(lo).toBeLessThanOrEqual(e!);
      expect(hi).toBeGreaterThanOrEqual(e!);
      const sum = STAGES.reduce(
        (s, st) => s + (rowOf(report.rows, `expected_from_${st}`)[c.key] as number),
        0,
      );
      // The expected row is the mean rounded to whole approvals; each stage's, to one decimal.
      expect(Math.abs(sum - e!)).toBeLessThanOrEqual(0.5 + STAGES.length * 0.05);
      expect(Number.isInteger(e)).toBe(true);
    }
    expect(report.period).toContain('as at 26/11/2026');
    expect(report.definitions.map((d) => d.key)).toContain('model_panel');

    const openAtPanel = app.ctx.store.db
      .prepare("SELECT COUNT(*) FROM households WHERE status = 'open' AND stage = 'panel'")
      .pluck()
      .get() as number;
    const drill = await app.call('reports.listHouseholds', {
      table: 'forecast',
      options: {},
      row: 'expected_from_panel',
      column: '2026/27 Q4',
    });
    expect(drill.total).toBe(openAtPanel);
    expect(drill.households.every((h) => h.stage === 'panel' && h.status === 'open')).toBe(true);

    // Suppression leaves forecast figures alone: they count no one. Only a stage's count of 1 to 4
    // open households, in its row's words, reads "<5" (forecast-suppressed.test.ts).
    const suppressed = await app.call('reports.getTable', { table: 'forecast', options: { suppress: true } });
    expect(suppressed.rows).toEqual(
      report.rows.map((r) => ({ ...r, label: r.label.replace(/\(([1-4]) open\)$/, '(<5 open)') })),
    );
    expect(suppressed.rows.map((r) => r.label)).not.toEqual(report.rows.map((r) => r.label));
  });

  it('says on a quarter’s last day that its columns are the next four quarters, none of this one left', async () => {
    // A manager opening the forecast on 31/03 (or 30/06, 30/09, 31/12): the columns start tomorrow.
    for (const [today, period] of [
      ['2027-03-31', '2027/28 Q1 to 2027/28 Q4, as at 31/03/2027 (the next four quarters)'],
      ['2026-12-31', '2026/27 Q4 to 2027/28 Q3, as at 31/12/2026 (the next four quarters)'],
      [
        '2027-04-01',
        '2027/28 Q1 to 2027/28 Q4, as at 01/04/2027 (the rest of this quarter and the next three)',
      ],
      [
        '2026-12-30',
        '2026/27 Q3 to 2027/28 Q2, as at 30/12/2026 (the rest of this quarter and the next three)',
      ],
    ] as const) {
      const app = await testApp({ today });
      const report = await app.call('reports.getTable', { table: 'forecast', options: {} });
      expect(report.period).toBe(period);
      expect(report.columns[0]!.key).toBe(period.slice(0, 10));
    }
  });

  it('backtests each past year from what was known at 1 April, with the mean absolute error', async () => {
    const app = await testApp({ today: TODAY });
    store(app, world.episodes, TODAY);
    const report = await app.call('reports.getTable', { table: 'forecast-backtest', options: {} });
    expect(report.columns.map((c) => c.key)).toEqual(['2021/22', '2022/23', '2023/24', '2024/25', '2025/26']);
    expect(report.rows.map((r) => r.key)).toEqual(['forecast', 'low', 'high', 'actual', 'actual_all']);
    const accuracy = report.sections.find((s) => s.key === 'accuracy')!;
    const years = rowOf(accuracy.rows, 'years').all as number;
    // Records start in 2019/20: 2022/23 is the first year with three full years before it.
    expect(years).toBe(4);
    expect(accuracy.columns[0]!.label).toBe('2022/23 to 2025/26');
    const errors = report.columns
      .slice(1)
      .map((c) =>
        Math.abs(
          (rowOf(report.rows, 'forecast')[c.key] as number) - (rowOf(report.rows, 'actual')[c.key] as number),
        ),
      );
    expect(rowOf(accuracy.rows, 'mae').all).toBeCloseTo(errors.reduce((a, b) => a + b, 0) / errors.length, 0);

    // Facts dated after 31 March 2024 do not change the forecast made at 1 April 2024.
    const later = await testApp({ today: TODAY });
    store(later, world.episodes, '2024-03-31');
    const cut = await later.call('reports.getTable', {
      table: 'forecast-backtest',
      options: { from: '2024/25', to: '2024/25' },
    });
    expect(rowOf(cut.rows, 'forecast')['2024/25']).toBe(rowOf(report.rows, 'forecast')['2024/25']);
    expect(rowOf(cut.rows, 'actual')['2024/25']).toBe(0);

    const drill = await app.call('reports.listHouseholds', {
      table: 'forecast-backtest',
      options: {},
      row: 'actual',
      column: '2024/25',
    });
    expect(drill.total).toBe(rowOf(report.rows, 'actual')['2024/25']);

    // Every approval dated in each year, counted here by SQL (the table finds all years' in one pass).
    const approvals = report.columns.map((c) =>
      app.ctx.store.db
        .prepare("SELECT count(*) FROM episodes WHERE pathway = 'mainstream' AND approval BETWEEN ? AND ?")
        .pluck()
        .get(fyStart(c.key), fyEnd(c.key)),
    );
    expect(report.columns.map((c) => rowOf(report.rows, 'actual_all')[c.key])).toEqual(approvals);
    expect(approvals.every((n) => (n as number) > 0)).toBe(true);
    expect(new Set(approvals).size).toBeGreaterThan(3);
    const all = await app.call('reports.listHouseholds', {
      table: 'forecast-backtest',
      options: {},
      row: 'actual_all',
      column: '2023/24',
    });
    expect(all.total).toBe(rowOf(report.rows, 'actual_all')['2023/24']);
    await expect(
      app.call('reports.listHouseholds', {
        table: 'forecast-backtest',
        options: {},
        section: 'accuracy',
        row: 'mae',
        column: 'all',
      }),
    ).rejects.toThrow(/not a count of households/);

    const file = await app.call('reports.exportTable', {
      tables: ['forecast', 'forecast-backtest'],
      options: {},
      format: 'xlsx',
    });
    const book = XLSX.read(Buffer.from(file.base64, 'base64'));
    expect(book.SheetNames).toEqual(['Approvals forecast', 'Forecast backtest']);
  });

  it('prints the forecast as one JSON object from the CLI, columns keyed by quarter', async () => {
    const out: string[] = [];
    const app = await testApp({ today: TODAY });
    store(app, world.episodes.slice(0, 200), TODAY);
    const code = await runCli(
      ['report', 'forecast', '--db', app.dbPath, '--json'],
      { out: (t) => out.push(t), err: () => {} },
      {},
    );
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n')) as {
      columns: Array<{ key: string }>;
      rows: Array<{ key: string }>;
    };
    expect(json.columns).toHaveLength(4);
    for (const c of json.columns) expect(c.key).toMatch(/^\d{4}\/\d{2} Q[1-4]$/);
    expect(json.rows.slice(0, 3).map((r) => r.key)).toEqual(['expected', 'low', 'high']);
  });
});
