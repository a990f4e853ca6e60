import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp } from '../../support/temp.ts';
import { addHousehold } from './fixture.ts';

/**
 * A purge erases a former carer's details 10 years after they ceased, and keeps the milestones,
 * so every table of a year already returned stays as it was. The Ofsted return's carers at 31 March
 * stayed, but its characteristics sections moved the erased carers from their age band and
 * ethnicity to "Not recorded" (helper-246): a return made again differed, saying nothing was entered.
 * They are now counted as erased, in a row of their own; the other carers are as before.
 */
const options = { to: '2024/25' };

describe('the Ofsted return of a past year, after a purge', () => {
  it('counts the erased carers as erased, not as not recorded, and leaves every other figure', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    const carer = async (reference: string, ceased: string | null, person: Record<string, string>) => {
      const householdId = addHousehold(db, {
        reference,
        episodes: [{ milestones: { enquiry: '2022-01-10', stage1: '2022-02-01', approval: '2022-09-01' } }],
        ...(ceased ? { cessation: { date: ceased, reason: 'permanence' } } : {}),
      });
      await app.call('carers.savePerson', {
        householdId,
        position: 1,
        person: { firstName: 'A', ...person },
      });
    };
    // Both carers at 31 March 2025; the first ceased in 2025, the second is still a carer.
    await carer('C1', '2025-06-30', { dateOfBirth: '1961-05-01', ethnicity: 'white_british' });
    await carer('C2', null, { dateOfBirth: '1980-02-01', ethnicity: 'white_british' });
    const sections = async () => {
      const r = await app.call('reports.getTable', { table: 'ofsted', options });
      const section = (key: string) =>
        Object.fromEntries(
          r.sections!.find((s) => s.key === key)!.rows.map((row) => [row.key, row.values['mainstream']]),
        );
      return {
        carers: r.rows.find((x) => x.key === 'carers_31_march')!.values['mainstream'],
        age: section('characteristics_age'),
        ethnicity: section('characteristics_ethnicity'),
      };
    };
    const before = await sections();
    expect(before.carers).toBe(2);
    expect(before.age).toMatchObject({ age_60_plus: 1, age_40_49: 1, not_recorded: 0, total: 2 });
    expect(before.age).not.toHaveProperty('erased');
    expect(before.ethnicity).toMatchObject({ white_british: 2, not_recorded: 0, total: 2 });

    // Ten years after the cessation, the purge erases C1's details.
    setClock('2035-07-02');
    const purged = await app.call('data.purgeHouseholds', {});
    expect(purged.purged).toBe(1);
    const after = await sections();
    expect(after.carers).toBe(2);
    expect(after.age).toMatchObject({ age_60_plus: 0, age_40_49: 1, not_recorded: 0, erased: 1, total: 2 });
    expect(after.ethnicity).toMatchObject({ white_british: 1, not_recorded: 0, erased: 1, total: 2 });
    for (const [section, row] of [
      ['characteristics_age', 'erased'],
      ['characteristics_ethnicity', 'erased'],
      ['characteristics_ethnicity', 'not_recorded'],
    ] as const) {
      const drill = await app.call('reports.listHouseholds', {
        table: 'ofsted',
        options,
        section,
        row,
        column: 'mainstream',
      });
      expect(drill.households.map((h) => h.reference)).toEqual(row === 'erased' ? ['C1'] : []);
    }
  });
});
