import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { rowOf } from './fixture.ts';

/**
 * A Stage 1 "unsuitable" decision is due within 10 working days of all Stage 1 information being
 * obtained (domain brief). The timescales table measures it as it measures the agency decision:
 * calendar days, from Stage 1 information complete to the service's closure at Stage 1, counted
 * in the period of the closure.
 *
 * U1  information 03/06/2024, closed by the service 10/06/2024: 7 days.
 * U2  information 01/07/2024, closed by the service 15/07/2024: 14 days.
 * W1  information 01/07/2024, withdrew (the applicant) 05/07/2024: not a decision, not measured.
 * S1  information 01/07/2024, Stage 2 started 08/07/2024: found suitable, not measured.
 * N1  closed by the service 10/06/2024 with no Stage 1 information recorded: not measured.
 */
const options = {
  from: '2024/25',
  to: '2024/25',
  pathway: 'mainstream',
  quarterly: false,
  suppress: false,
} as const;

async function household(
  app: TestApp,
  reference: string,
  information: string | null,
  then: {
    stage2?: string;
    closed?: [string, 'unsuitable_checks' | 'circumstances', 'service' | 'applicant'];
  },
) {
  const { id } = await app.call('households.createHousehold', {
    reference,
    enquiryDate: '2024-04-02',
    surname: reference,
    confirmDuplicates: true,
  });
  await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2024-04-10' });
  await app.call('households.recordMilestone', { id, kind: 'stage1', date: '2024-05-01' });
  if (information)
    await app.call('households.recordJourneyDate', { id, kind: 'stage1_information', date: information });
  if (then.stage2) await app.call('households.recordMilestone', { id, kind: 'stage2', date: then.stage2 });
  if (then.closed) {
    const [date, reasonKey, endedBy] = then.closed;
    await app.call('households.closeHousehold', { id, date, reasonKey, endedBy });
  }
}

describe('the Stage 1 decision timescale', () => {
  it('counts days from all Stage 1 information to the service’s closure at Stage 1, and opens those households', async () => {
    const app = await testApp({ today: '2025-11-26' });
    await household(app, 'U1', '2024-06-03', { closed: ['2024-06-10', 'unsuitable_checks', 'service'] });
    await household(app, 'U2', '2024-07-01', { closed: ['2024-07-15', 'unsuitable_checks', 'service'] });
    await household(app, 'W1', '2024-07-01', { closed: ['2024-07-05', 'circumstances', 'applicant'] });
    await household(app, 'S1', '2024-07-01', { stage2: '2024-07-08' });
    await household(app, 'N1', null, { closed: ['2024-06-10', 'unsuitable_checks', 'service'] });

    const t = await app.call('reports.getTable', { table: 'timescales', options });
    expect(rowOf(t.rows, 'stage1_decision_n')).toMatchObject({ '2024/25': 2 });
    expect(rowOf(t.rows, 'stage1_decision_median')).toMatchObject({ '2024/25': 10.5 });
    expect(rowOf(t.rows, 'stage1_decision_p90')).toMatchObject({ '2024/25': 14 });
    expect(t.rows.find((r) => r.key === 'stage1_decision_n')?.label).toBe(
      'Households measured, Stage 1 information to "unsuitable" decision',
    );
    const definition = t.definitions.find((d) => d.key === 'stage1_decision');
    expect(definition?.text).toContain('expected within 10 working days');

    const drill = await app.call('reports.listHouseholds', {
      table: 'timescales',
      options,
      row: 'stage1_decision_n',
      column: '2024/25',
    });
    expect(drill.households.map((h) => h.reference).sort()).toEqual(['U1', 'U2']);
  });
});
