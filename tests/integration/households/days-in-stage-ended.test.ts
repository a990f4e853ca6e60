import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

const TODAY = '2026-12-08';

/** A household with these milestones, then closed or ceased on the day given. */
async function household(
  app: TestApp,
  surname: string,
  steps: Array<['stage1' | 'approval', string]>,
  ending?: ['close' | 'cease', string],
): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    enquiryDate: '2026-06-01',
    firstName: 'Sam',
    surname,
  });
  for (const [kind, date] of steps) await app.call('households.recordMilestone', { id, kind, date });
  if (ending?.[0] === 'close')
    await app.call('households.closeHousehold', {
      id,
      date: ending[1],
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
  if (ending?.[0] === 'cease')
    await app.call('households.ceaseHousehold', {
      id,
      date: ending[1],
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
    });
  return id;
}

/**
 * "Days in stage" counts how long a household has stood at the stage the list shows: an open one
 * at its stage, an approved one since its approval. A household that has ended has no such count:
 * the list read 8 for a household closed at Stage 1 eight days before (helper-278), the days since
 * its closure beside the stage it left, as if it still waited there. The list, its export and the
 * CLI leave it blank, and a sort by it puts ended households last both ways, as every blank.
 */
describe('days in stage of a household that has ended', () => {
  it('is none for a closed or ceased household, on the list, its export and the CLI, and sorts last', async () => {
    const app = await testApp({ today: TODAY });
    await household(app, 'Open', [['stage1', '2026-11-01']]);
    await household(app, 'Closed', [['stage1', '2026-10-01']], ['close', '2026-11-30']);
    await household(app, 'Approved', [
      ['stage1', '2026-06-10'],
      ['approval', '2026-09-09'],
    ]);
    await household(
      app,
      'Ceased',
      [
        ['stage1', '2026-06-10'],
        ['approval', '2026-07-01'],
      ],
      ['cease', '2026-11-20'],
    );
    const expected = { Open: 37, Closed: null, Approved: 90, Ceased: null };

    const list = await app.call('households.listHouseholds', { offset: 0, limit: 50 });
    expect(Object.fromEntries(list.rows.map((r) => [r.name.split(' ')[1], r.daysInStage]))).toEqual(expected);

    // Fewest days first or most, the ended households come after every count.
    for (const [dir, order] of [
      ['asc', ['Open', 'Approved']],
      ['desc', ['Approved', 'Open']],
    ] as const) {
      const sorted = await app.call('households.listHouseholds', {
        sort: 'daysInStage',
        dir,
        offset: 0,
        limit: 50,
      });
      const names = sorted.rows.map((r) => r.name.split(' ')[1]);
      expect(names.slice(0, 2), dir).toEqual(order);
      expect(new Set(names.slice(2)), dir).toEqual(new Set(['Closed', 'Ceased']));
    }

    const csv = await app.call('households.exportList', { format: 'csv' });
    const lines = Buffer.from(csv.base64, 'base64')
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    const header = lines[0]!.split(',');
    const days = header.indexOf('Days in stage');
    const csvDays = Object.fromEntries(
      lines.slice(1).map((l) => [l.split(',')[1]!.split(' ')[1], l.split(',')[days]]),
    );
    expect(csvDays).toEqual({ Open: '37', Closed: '', Approved: '90', Ceased: '' });

    const xlsx = await app.call('households.exportList', { format: 'xlsx' });
    const ws = XLSX.read(Buffer.from(xlsx.base64, 'base64')).Sheets.Households!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(ws, { defval: null });
    expect(Object.fromEntries(rows.map((r) => [String(r.Name).split(' ')[1], r['Days in stage']]))).toEqual(
      expected,
    );

    const json = await cli('households', '--db', app.dbPath, '--json');
    expect(json.code, json.err).toBe(0);
    const out = JSON.parse(json.out) as { rows: Array<{ name: string; daysInStage: number | null }> };
    expect(Object.fromEntries(out.rows.map((r) => [r.name.split(' ')[1], r.daysInStage]))).toEqual(expected);
  });
});
