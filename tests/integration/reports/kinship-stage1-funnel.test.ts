import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { rowOf } from './fixture.ts';

/**
 * Stage 1 begins when the formal application is received, and a kinship household's viability
 * assessment request stands as its formal application (domain brief): the recruitment table's
 * "Assessments started at stage 1" counts it, once, on the pathway of its day, and the cohort
 * table counts its household as having reached Stage 1, as the drop-out table's Stage 1 and the
 * Ofsted return's applications do. Counted by hand; every household
 * written through the contract.
 *
 * K1 kinship: viability requested 10/06/2024, Stage 2 01/08/2024, approved 01/12/2024.
 * K2 kinship: viability requested 10/06/2024, withdrew 01/09/2024 (a drop-out at Stage 1).
 * K3 kinship: viability requested 20/03/2025 (2024/25), a Stage 1 start recorded 10/04/2025 too:
 *    one Stage 1 start, in 2024/25.
 * K4 kinship: switched to mainstream 01/07/2024, then Stage 1 01/08/2024: a mainstream Stage 1.
 * M1 mainstream: Stage 1 01/07/2024.
 */
async function household(app: TestApp, reference: string, pathway: 'kinship' | 'mainstream') {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway,
    enquiryDate: '2024-06-01',
    surname: reference,
    confirmDuplicates: true,
  });
  return id;
}

describe('the recruitment table’s Stage 1 row on the kinship pathway', () => {
  it('counts a viability request as the Stage 1 start, once, on the pathway of its day', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const step = (id: number, kind: 'viability_request', date: string) =>
      app.call('households.recordJourneyDate', { id, kind, date });
    const milestone = (id: number, kind: 'stage1' | 'stage2' | 'approval', date: string) =>
      app.call('households.recordMilestone', { id, kind, date });
    const k1 = await household(app, 'K1', 'kinship');
    await step(k1, 'viability_request', '2024-06-10');
    await milestone(k1, 'stage2', '2024-08-01');
    await milestone(k1, 'approval', '2024-12-01');
    const k2 = await household(app, 'K2', 'kinship');
    await step(k2, 'viability_request', '2024-06-10');
    await app.call('households.closeHousehold', {
      id: k2,
      date: '2024-09-01',
      reasonKey: 'circumstances',
      endedBy: 'applicant',
    });
    const k3 = await household(app, 'K3', 'kinship');
    await step(k3, 'viability_request', '2025-03-20');
    await milestone(k3, 'stage1', '2025-04-10');
    const k4 = await household(app, 'K4', 'kinship');
    await app.call('households.switchPathway', { id: k4, pathway: 'mainstream', date: '2024-07-01' });
    await milestone(k4, 'stage1', '2024-08-01');
    const m1 = await household(app, 'M1', 'mainstream');
    await milestone(m1, 'stage1', '2024-07-01');

    const funnel = async (pathway: 'kinship' | 'mainstream' | 'all') =>
      app.call('reports.getTable', {
        table: 'funnel',
        options: { pathway, from: '2024/25', to: '2025/26' },
      });
    const kinship = await funnel('kinship');
    expect(rowOf(kinship.rows, 'stage1')).toEqual({ '2024/25': 3, '2025/26': 0 }); // K1, K2, K3
    expect(rowOf(kinship.rows, 'stage2')).toEqual({ '2024/25': 1, '2025/26': 0 }); // K1
    expect(rowOf((await funnel('mainstream')).rows, 'stage1')).toEqual({ '2024/25': 2, '2025/26': 0 }); // K4, M1
    expect(rowOf((await funnel('all')).rows, 'stage1')).toEqual({ '2024/25': 5, '2025/26': 0 });
    const opened = await app.call('reports.listHouseholds', {
      table: 'funnel',
      options: { pathway: 'kinship', from: '2024/25', to: '2025/26' },
      row: 'stage1',
      column: '2024/25',
    });
    expect(opened.households.map((h) => h.reference).sort()).toEqual(['K1', 'K2', 'K3']);

    // The kinship cohort enquiring in 2024/25 (all four kinship at their enquiry) reached Stage 1,
    // and so the EOI, all four: K1 and K2 by their viability requests; days to Stage 1: K1 9,
    // K2 9, K4 61 (its Stage 1 start), K3 292 (its viability request, not its Stage 1 start).
    const cohort = await app.call('reports.getTable', {
      table: 'cohort',
      options: { pathway: 'kinship', from: '2024/25', to: '2024/25' },
    });
    expect(rowOf(cohort.rows, 'households')).toEqual({ '2024/25': 4 });
    expect(rowOf(cohort.rows, 'eoi')).toEqual({ '2024/25': 4 });
    expect(rowOf(cohort.rows, 'stage1')).toEqual({ '2024/25': 4 });
    expect(rowOf(cohort.rows, 'stage1_median')).toEqual({ '2024/25': 35 });

    // The drop-out table's Stage 1 and the Ofsted return's applications count the same starts.
    const dropout = await app.call('reports.getTable', {
      table: 'dropout',
      options: { pathway: 'kinship', from: '2024/25', to: '2024/25' },
    });
    expect(rowOf(dropout.rows, 'total')).toMatchObject({ stage1: 1 });
    const ofsted = await app.call('reports.getTable', { table: 'ofsted', options: { to: '2024/25' } });
    expect(rowOf(ofsted.rows, 'applications_received')).toEqual({
      mainstream: 2,
      family_and_friends: 3,
      all: 5,
    });
  });
});
