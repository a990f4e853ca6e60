import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../../src-main/contract/reports.ts';
import { testApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';

/**
 * The return's carer characteristics against the approved carers at 31 March printed above them:
 * each characteristic's total is that figure. Two family and friends carers, both men.
 * - Not suppressed, every figure is exact, as Ofsted's template takes them: it once showed the
 *   men as "<5" whatever the return's suppression, which no return could be filled in from.
 * - Suppressed, the carers above are hidden, and so is each characteristic's total that restates
 *   them, with the categories it is made of: a total shown would give back 2.
 */
describe('report ofsted: carer characteristics against the carers printed above them', () => {
  it('prints them exactly unsuppressed, and hides them with the carers above when suppressed', async () => {
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
    const report = (suppress: boolean) =>
      app.call('reports.getTable', {
        table: 'ofsted',
        options: { from: '2024/25', to: '2024/25', suppress },
      });

    const exact = await report(false);
    expect(rowOf(exact.rows, 'carers_31_march').family_and_friends).toBe(2);
    const sex = exact.sections.find((s) => s.key === 'characteristics_sex')!;
    expect(rowOf(sex.rows, 'male').family_and_friends).toBe(2);
    expect(rowOf(sex.rows, 'female').family_and_friends).toBe(0);

    const hidden = await report(true);
    expect(rowOf(hidden.rows, 'carers_31_march').family_and_friends).toBe(SUPPRESSED);
    expect(hidden.sections.length).toBeGreaterThan(1);
    for (const s of hidden.sections)
      for (const column of ['family_and_friends', 'all']) {
        expect(rowOf(s.rows, 'total')[column], `${s.key} ${column}`).toBe(SUPPRESSED);
        const categories = s.rows.filter((x) => x.key !== 'total').map((x) => x.values[column]);
        expect(categories, `${s.key} ${column}`).toContain(SUPPRESSED);
        expect(
          categories.filter((v) => typeof v === 'number' && v > 0),
          `${s.key} ${column}`,
        ).toEqual([]);
      }
  });
});
