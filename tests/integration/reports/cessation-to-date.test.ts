import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { rowOf } from './fixture.ts';

/**
 * A cessation recorded at the carer's notice takes effect 28 days on. A table of the year in
 * progress ("figures to 07/12/2026") counted it already: the leaving table, and retention's ceased
 * and households at the end (helper-242). Each counts it from its own date; the drills follow. The
 * Ofsted return still counts it (README: known limits).
 */
const TODAY = '2026-12-07';
const YEAR = { from: '2026/27', to: '2026/27', pathway: 'mainstream' as const, suppress: false };

async function figures(app: TestApp) {
  const get = (table: 'leaving' | 'retention') => app.call('reports.getTable', { table, options: YEAR });
  const [leaving, retention] = [await get('leaving'), await get('retention')];
  return {
    left: rowOf(leaving.rows, 'total')['2026/27'],
    ceased: rowOf(retention.rows, 'ceased')['2026/27'],
    atEnd: rowOf(retention.rows, 'households_end')['2026/27'],
  };
}

describe('a cessation recorded at its notice, in the year in progress', () => {
  it('counts from its own date, not from the day it was recorded', async () => {
    const app = await testApp({ today: TODAY });
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2024-01-08',
      surname: 'Bell',
    });
    for (const [kind, date] of [
      ['stage1', '2024-02-01'],
      ['approval', '2024-09-09'],
    ] as const)
      await app.call('households.recordMilestone', { id, kind, date });
    const before = await figures(app);
    expect(before).toEqual({ left: 0, ceased: 0, atEnd: 1 });

    // Notice given on 30/11/2026: fostering ends on 28/12/2026, after today.
    await app.call('households.ceaseHousehold', {
      id,
      noticeDate: '2026-11-30',
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
      notes: null,
    });
    expect(await figures(app)).toEqual(before);
    const drill = await app.call('reports.listHouseholds', {
      table: 'retention',
      options: YEAR,
      section: '',
      row: 'households_end',
      column: '2026/27',
    });
    expect(drill.households.map((h) => h.id)).toEqual([id]);

    // Once its date has passed, it counts.
    setClock('2027-01-04');
    expect(await figures(app)).toEqual({ left: 1, ceased: 1, atEnd: 0 });
  });
});
