import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { rowOf } from './fixture.ts';

/**
 * The agency decision maker decides within 7 working days of receiving the panel's
 * recommendation and final minutes, counted from the panel date only where the minutes' date is
 * not recorded, saying so (domain brief). The timescales table measured panel to approval alone.
 *
 * M1  panel 03/06/2024, minutes received 10/06/2024, approved 14/06/2024: 4 days from the minutes.
 * M2  panel 01/07/2024, no minutes date, approved 08/07/2024: 7 days, from the panel date.
 * M3  panel 02/09/2024, minutes 05/09/2024, not approved yet: not measured.
 * M4  panel 01/10/2024, approved 08/10/2024, minutes recorded as 15/10/2024: the decision was not
 *     made on them, so 7 days from the panel (never -7: minutes recorded after a year ended must
 *     not move that year's figures either).
 */
const options = {
  from: '2024/25',
  to: '2024/25',
  pathway: 'mainstream',
  quarterly: false,
  suppress: false,
} as const;

async function household(app: TestApp, reference: string, dates: Record<string, string>, minutes?: string) {
  const { id } = await app.call('households.createHousehold', {
    reference,
    enquiryDate: '2023-05-01',
    surname: reference,
    confirmDuplicates: true,
  });
  for (const [kind, date] of Object.entries(dates))
    await app.call('households.recordMilestone', { id, kind: kind as never, date });
  if (minutes) await app.call('households.recordJourneyDate', { id, kind: 'panel_minutes', date: minutes });
  return id;
}

describe("the agency decision maker's timescale", () => {
  it('counts from the final panel minutes, else from the panel date, and says how many were', async () => {
    const app = await testApp({ today: '2025-11-26' });
    const steps = { eoi: '2023-06-01', stage1: '2023-07-01', stage2: '2023-10-01' };
    await household(app, 'M1', { ...steps, panel: '2024-06-03', approval: '2024-06-14' }, '2024-06-10');
    await household(app, 'M2', { ...steps, panel: '2024-07-01', approval: '2024-07-08' });
    await household(app, 'M3', { ...steps, panel: '2024-09-02' }, '2024-09-05');
    await household(app, 'M4', { ...steps, panel: '2024-10-01', approval: '2024-10-08' }, '2024-10-15');

    const t = await app.call('reports.getTable', { table: 'timescales', options });
    expect(rowOf(t.rows, 'decision_n')).toMatchObject({ '2024/25': 3 });
    expect(rowOf(t.rows, 'decision_median')).toMatchObject({ '2024/25': 7 });
    expect(rowOf(t.rows, 'decision_p90')).toMatchObject({ '2024/25': 7 });
    expect(rowOf(t.rows, 'decision_from_panel')).toMatchObject({ '2024/25': 2 });
    // Panel to approval still counts from the panel: 11, 7 and 7 days.
    expect(rowOf(t.rows, 'panel_approval_median')).toMatchObject({ '2024/25': 7 });
    expect(t.definitions.map((d) => d.key)).toContain('decision');

    const drill = async (row: string) =>
      (
        await app.call('reports.listHouseholds', { table: 'timescales', options, row, column: '2024/25' })
      ).households.map((h) => h.reference);
    expect((await drill('decision_n')).sort()).toEqual(['M1', 'M2', 'M4']);
    expect((await drill('decision_from_panel')).sort()).toEqual(['M2', 'M4']);
  });

  it('measures the enquiry to the initial visit, expected within 5 working days', async () => {
    const app = await testApp({ today: '2025-11-26' });
    // V1: enquiry 01/05/2024, visit 06/05/2024 (5 days); V2: enquiry 10/05/2024, visit 24/05/2024 (14).
    for (const [reference, enquiryDate, visit] of [
      ['V1', '2024-05-01', '2024-05-06'],
      ['V2', '2024-05-10', '2024-05-24'],
    ] as const) {
      const { id } = await app.call('households.createHousehold', {
        reference,
        enquiryDate,
        surname: reference,
        confirmDuplicates: true,
      });
      await app.call('households.recordMilestone', { id, kind: 'initial_visit', date: visit });
    }
    const t = await app.call('reports.getTable', { table: 'timescales', options });
    expect(rowOf(t.rows, 'enquiry_visit_n')).toMatchObject({ '2024/25': 2 });
    expect(rowOf(t.rows, 'enquiry_visit_median')).toMatchObject({ '2024/25': 9.5 });
    expect(rowOf(t.rows, 'enquiry_visit_p90')).toMatchObject({ '2024/25': 14 });
    expect(t.definitions.map((d) => d.key)).toContain('initial_visit');
  });
});
