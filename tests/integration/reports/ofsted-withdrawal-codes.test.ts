import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';

/**
 * Ofsted's withdrawal codes are "why households chose to withdraw from the application process
 * before consideration at panel" (domain.md): a household that withdrew after the panel heard it
 * is a withdrawn application, but under no code. Three mainstream households in 2024/25, each
 * closed for financial reasons (AW4) or lost contact (AW0).
 */
let app: TestApp;

beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  const db = app.ctx.store.db;
  const assessed = { enquiry: '2024-04-10', stage1: '2024-05-01', stage2: '2024-07-01' };
  // W1: withdrew during Stage 2, for financial reasons: AW4.
  addHousehold(db, {
    reference: 'W1',
    episodes: [
      {
        milestones: assessed,
        closure: { date: '2024-09-01', stage: 'stage2', reason: 'financial', endedBy: 'applicant' },
      },
    ],
  });
  // W2: heard at panel in November, withdrew for financial reasons before the decision: no code.
  addHousehold(db, {
    reference: 'W2',
    episodes: [
      {
        milestones: { ...assessed, panel: '2024-11-01' },
        closure: { date: '2024-11-20', stage: 'panel', reason: 'financial', endedBy: 'applicant' },
      },
    ],
  });
  // W3: heard at panel, then contact was lost: withdrawn, no code (not AW0).
  addHousehold(db, {
    reference: 'W3',
    episodes: [
      {
        milestones: { ...assessed, panel: '2024-12-01' },
        closure: { date: '2025-01-15', stage: 'panel', reason: 'lost_contact', endedBy: 'lost_contact' },
      },
    ],
  });
});

const figure = async (key: string) =>
  rowOf((await app.call('reports.getTable', { table: 'ofsted', options: { to: '2024/25' } })).rows, key)
    .mainstream;
const drill = async (row: string) =>
  (
    await app.call('reports.listHouseholds', {
      table: 'ofsted',
      options: { to: '2024/25' },
      section: '',
      row,
      column: 'mainstream',
    })
  ).households.map((h) => h.reference);

describe('report ofsted: withdrawal codes are for withdrawals before panel', () => {
  it('counts every withdrawal, before or after panel, as an application withdrawn', async () => {
    expect(await figure('applications_withdrawn')).toBe(3);
    expect(await drill('applications_withdrawn')).toEqual(['W1', 'W2', 'W3']);
  });

  it('gives a code only to the withdrawal before panel', async () => {
    expect(await figure('withdrawn_aw4')).toBe(1);
    expect(await drill('withdrawn_aw4')).toEqual(['W1']);
    expect(await figure('withdrawn_aw0')).toBe(0);
  });
});
