import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { rowOf } from './fixture.ts';

/**
 * A cessation recorded at the carer's notice takes effect 28 days on. A table of the year in
 * progress ("figures to 07/12/2026") counted it already: the leaving table, and retention's ceased
 * and households at the end (helper-242), and the Ofsted return its deregistrations and its
 * households and carers at 31 March. Each counts it from its own date; the drills follow. The
 * return's carers keep their ages at 31 March.
 */
const TODAY = '2026-12-07';
const YEAR = { from: '2026/27', to: '2026/27', pathway: 'mainstream' as const, suppress: false };

async function figures(app: TestApp) {
  const get = (table: 'leaving' | 'retention' | 'ofsted') =>
    app.call('reports.getTable', { table, options: YEAR });
  const [leaving, retention, ofsted] = [await get('leaving'), await get('retention'), await get('ofsted')];
  const ofstedRow = (key: string) => rowOf(ofsted.rows, key)['mainstream'];
  return {
    left: rowOf(leaving.rows, 'total')['2026/27'],
    ceased: rowOf(retention.rows, 'ceased')['2026/27'],
    atEnd: rowOf(retention.rows, 'households_end')['2026/27'],
    ofsted: {
      deregistered: ofstedRow('households_deregistered'),
      approvedAndDeregistered: ofstedRow('approved_and_deregistered'),
      newApprovalsActive: ofstedRow('new_approvals_active_31_march'),
      households: ofstedRow('households_31_march'),
      carers: ofstedRow('carers_31_march'),
    },
  };
}

/** A household approved on `approval`, with one carer born in 1970. */
async function approved(app: TestApp, surname: string, approval: string) {
  const { id } = await app.call('households.createHousehold', { enquiryDate: '2024-01-08', surname });
  for (const [kind, date] of [
    ['stage1', '2024-02-01'],
    ['approval', approval],
  ] as const)
    await app.call('households.recordMilestone', { id, kind, date });
  await app.call('carers.savePerson', {
    householdId: id,
    position: 1,
    person: { firstName: 'Sam', dateOfBirth: '1970-05-01' },
  });
  return id;
}

const ceaseAtNotice = (app: TestApp, id: number) =>
  // Notice given on 30/11/2026: fostering ends on 28/12/2026, after today.
  app.call('households.ceaseHousehold', {
    id,
    noticeDate: '2026-11-30',
    reasonKey: 'personal_circumstances',
    initiatedBy: 'carer',
    notes: null,
  });

describe('a cessation recorded at its notice, in the year in progress', () => {
  it('counts from its own date, not from the day it was recorded', async () => {
    const app = await testApp({ today: TODAY });
    // One approved before the year, one in it (the return's approvals of the year).
    const ids = [await approved(app, 'Bell', '2024-09-09'), await approved(app, 'Khan', '2026-06-01')];
    const before = await figures(app);
    expect(before).toEqual({
      left: 0,
      ceased: 0,
      atEnd: 2,
      ofsted: {
        deregistered: 0,
        approvedAndDeregistered: 0,
        newApprovalsActive: 1,
        households: 2,
        carers: 2,
      },
    });

    for (const id of ids) await ceaseAtNotice(app, id);
    expect(await figures(app)).toEqual(before);
    for (const [table, row] of [
      ['retention', 'households_end'],
      ['ofsted', 'households_31_march'],
    ] as const) {
      const drill = await app.call('reports.listHouseholds', {
        table,
        options: YEAR,
        section: '',
        row,
        column: table === 'ofsted' ? 'mainstream' : '2026/27',
      });
      expect(drill.households.map((h) => h.id).sort()).toEqual([...ids].sort());
    }

    // Once its date has passed, it counts.
    setClock('2027-01-04');
    expect(await figures(app)).toEqual({
      left: 2,
      ceased: 2,
      atEnd: 0,
      ofsted: {
        deregistered: 2,
        approvedAndDeregistered: 1,
        newApprovalsActive: 0,
        households: 0,
        carers: 0,
      },
    });
  });
});
