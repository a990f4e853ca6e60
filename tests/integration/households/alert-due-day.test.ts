import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * An alert's due date is the last day its timescale allows ("within 1 working day", "16 weeks
 * from the placement"): on that day the step is due, not overdue; from the next day it is
 * overdue. The record, the list and its filter, the households count and Home agree. Worked by
 * hand; the clock is the app's.
 */
async function views(app: TestApp, reference: string) {
  const list = await app.call('households.listHouseholds', { search: reference });
  const row = list.rows.find((r) => r.reference === reference)!;
  const record = await app.call('households.getHousehold', { id: row.id });
  const overdueOnly = await app.call('households.listHouseholds', { overdue: true });
  const home = await app.call('planning.getDashboard', {});
  const count = await app.call('households.getDashboard', {});
  return {
    record: record.alerts.map((a) => [a.kind, a.due, a.overdue]),
    row: [row.nextAlert, row.nextAlertDate, row.overdue],
    filtered: overdueOnly.rows.map((r) => r.reference),
    home: home.alerts.overdue.value,
    count: count.overdue,
    deadlines: home.kinship.deadlines.map((d) => [d.reference, d.due]),
  };
}

describe('an alert on its due day', () => {
  it('is due, not overdue, on the last working day allowed to respond; overdue the day after', async () => {
    // Enquiry Monday 23/11/2026: respond within 1 working day, so by Tuesday 24/11/2026.
    const app = await testApp({ today: '2026-11-24' });
    await app.call('households.createHousehold', {
      reference: 'D1',
      enquiryDate: '2026-11-23',
      surname: 'Due',
    });
    expect(await views(app, 'D1')).toEqual({
      record: [
        ['respond', '2026-11-24', false],
        // 5 working days: 24, 25, 26, 27 and Monday 30/11/2026.
        ['initial_visit', '2026-11-30', false],
      ],
      row: ['respond', '2026-11-24', false],
      filtered: [],
      home: 0,
      count: 0,
      deadlines: [],
    });
    setClock('2026-11-25');
    expect(await views(app, 'D1')).toMatchObject({
      record: [
        ['respond', '2026-11-24', true],
        ['initial_visit', '2026-11-30', false],
      ],
      row: ['respond', '2026-11-24', true],
      filtered: ['D1'],
      home: 1,
      count: 1,
    });
  });

  it('a reg 24 first limit on its day is among Home’s deadlines, not overdue; the day after it is overdue', async () => {
    // Placed Thursday 06/08/2026: 16 weeks (112 days) on is Thursday 26/11/2026, the last day.
    const app = await testApp({ today: '2026-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'K1',
      pathway: 'kinship',
      enquiryDate: '2026-08-03',
      surname: 'Kin',
    });
    await app.call('households.recordJourneyDate', { id, kind: 'reg24_placement', date: '2026-08-06' });
    expect(await views(app, 'K1')).toEqual({
      record: [['reg24_first', '2026-11-26', false]],
      row: ['reg24_first', '2026-11-26', false],
      filtered: [],
      home: 0,
      count: 0,
      deadlines: [['K1', '2026-11-26']],
    });
    setClock('2026-11-27');
    expect(await views(app, 'K1')).toEqual({
      record: [['reg24_first', '2026-11-26', true]],
      row: ['reg24_first', '2026-11-26', true],
      filtered: ['K1'],
      home: 1,
      count: 1,
      // Still among Home's kinship deadlines, now as passed (helper-241).
      deadlines: [['K1', '2026-11-26']],
    });
  });

  it('a flag an earlier version stored as overdue on the due day is put right by the first list', async () => {
    const app = await testApp({ today: '2026-11-24' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'D2',
      enquiryDate: '2026-11-23',
      surname: 'Stored',
    });
    app.ctx.store.db.prepare('UPDATE households SET overdue = 1 WHERE id = ?').run(id);
    expect(await views(app, 'D2')).toMatchObject({ row: ['respond', '2026-11-24', false], count: 0 });
  });
});
