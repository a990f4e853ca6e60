import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../../src-main/contract/reports.ts';
import { testApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';

/**
 * Where every approval of the year has its application recorded, the return's applications approved
 * and households approved in the year are the same figure twice. With suppression on they were
 * hidden apart: applications approved <5, <5, 10 beside households approved <5, 6, <5 gave back the
 * hidden mainstream 4 as 10 − 6 (helper-258).
 */
describe('report ofsted, suppressed: applications approved beside households approved', () => {
  it('hides the two rows together in each column where they are equal', async () => {
    const app = await testApp({ today: '2026-11-28' });
    const db = app.ctx.store.db;
    const approvedIn2024 = (reference: string, pathway: 'mainstream' | 'kinship', month: number) =>
      addHousehold(db, {
        reference,
        pathway,
        episodes: [
          {
            milestones: {
              enquiry: '2023-06-01',
              stage1: '2023-09-01',
              stage2: '2024-01-10',
              panel: `2024-${String(month).padStart(2, '0')}-01`,
              approval: `2024-${String(month).padStart(2, '0')}-05`,
            },
          },
        ],
      });
    for (let i = 1; i <= 4; i++) approvedIn2024(`M${i}`, 'mainstream', i + 4);
    for (let i = 1; i <= 6; i++) approvedIn2024(`K${i}`, 'kinship', i + 4);

    const open = await app.call('reports.getTable', {
      table: 'ofsted',
      options: { from: '2024/25', to: '2024/25', suppress: false },
    });
    for (const row of ['applications_approved', 'households_approved'])
      expect(rowOf(open.rows, row)).toMatchObject({ mainstream: 4, family_and_friends: 6, all: 10 });

    const r = await app.call('reports.getTable', {
      table: 'ofsted',
      options: { from: '2024/25', to: '2024/25', suppress: true },
    });
    const applications = rowOf(r.rows, 'applications_approved');
    const households = rowOf(r.rows, 'households_approved');
    expect(applications.mainstream).toBe(SUPPRESSED);
    for (const column of ['mainstream', 'family_and_friends', 'all'])
      expect(applications[column], column).toBe(households[column]);
  });
});
