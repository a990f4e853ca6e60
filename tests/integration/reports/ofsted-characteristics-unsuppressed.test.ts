import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../../src-main/contract/reports.ts';
import { testApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';

/**
 * The return's carer characteristics are suppressed always, whether or not the table is; but
 * with suppression off the table prints the approved carers at 31 March exactly, and each
 * characteristic's total is that figure. Two family and friends carers, both men: the sex view
 * hid the men ("<5") and its total, beside 0 women and 0 not recorded, while the row above said
 * 2 carers, so the men were 2.
 */
describe('report ofsted, not suppressed: carer characteristics against the carers printed above them', () => {
  it('never leaves one category of a characteristic hidden alone where the table prints its carers', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const id = addHousehold(app.ctx.store.db, {
      reference: 'K1',
      pathway: 'kinship',
      episodes: [{ milestones: { enquiry: '2024-04-10', stage1: '2024-05-01', approval: '2024-09-01' } }],
    });
    for (const [position, firstName] of [
      [1, 'Adam'],
      [2, 'Bob'],
    ] as const)
      await app.call('carers.savePerson', {
        householdId: id,
        position,
        person: { firstName, sex: 'male', dateOfBirth: '1970-01-01' },
      });
    const r = await app.call('reports.getTable', {
      table: 'ofsted',
      options: { from: '2024/25', to: '2024/25', suppress: false },
    });
    expect(rowOf(r.rows, 'carers_31_march').family_and_friends).toBe(2);
    for (const s of r.sections)
      for (const column of ['family_and_friends', 'all']) {
        const categories = s.rows.filter((x) => x.key !== 'total').map((x) => x.values[column]);
        // The total is printed above: one hidden category beside shown ones is that total less them.
        expect(
          categories.filter((v) => v === SUPPRESSED).length,
          `${s.key} ${column}: ${JSON.stringify(categories)}`,
        ).not.toBe(1);
      }
  });
});
