import { describe, expect, it } from 'vitest';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp } from '../../support/temp.ts';
import { saveInterview } from './endings.ts';

/**
 * The reasons an exit interview gives are what was said at it: only a held one says anything. A
 * declined or offered one kept whatever was ticked on the form (ticked, then the status changed),
 * stored as personal data that means nothing, never counted (held-interviews.ts), and shown again
 * on the record; the sample generator wrote a reason for declined and offered ones too. The core
 * now stores none for an interview not held, as it stores no held date or held by for one.
 */
const TODAY = '2026-11-26';

async function closedApplicant() {
  const app = await testApp({ today: TODAY });
  const { id } = await app.call('households.createHousehold', { enquiryDate: '2025-04-07', surname: 'Hart' });
  await app.call('households.closeHousehold', {
    id,
    date: '2025-05-31',
    reasonKey: 'circumstances',
    endedBy: 'applicant',
    notes: null,
  });
  return { app, id };
}

const reasonRows = (app: Awaited<ReturnType<typeof testApp>>) =>
  app.ctx.store.db.prepare('SELECT count(*) FROM exit_interview_reasons').pluck().get();

describe('an exit interview not held', () => {
  it('stores no reasons when declined or offered, and drops those a held one had when it changes', async () => {
    const { app, id } = await closedApplicant();
    const held = await saveInterview(app, id, 'closure', {
      status: 'held',
      offeredDate: '2025-05-31',
      heldDate: '2025-06-02',
      reasons: ['not_as_expected'],
    });
    expect(held.exitInterviews[0]).toMatchObject({ status: 'held', reasons: ['not_as_expected'] });
    for (const status of ['declined', 'offered'] as const) {
      const r = await saveInterview(app, id, 'closure', {
        status,
        offeredDate: '2025-05-31',
        reasons: ['not_as_expected'],
      });
      expect(r.exitInterviews[0]).toMatchObject({ status, reasons: [], heldDate: null });
      expect(reasonRows(app)).toBe(0);
    }
  });

  it('is written with no reasons by the sample generator', async () => {
    const app = await testApp({ today: TODAY });
    generateSample(app.ctx.store.db, { households: 400, seed: 3, today: TODAY });
    const byStatus = app.ctx.store.db
      .prepare(
        `SELECT i.status, count(r.interview_id) AS reasons FROM exit_interviews i
         LEFT JOIN exit_interview_reasons r ON r.interview_id = i.id GROUP BY i.status ORDER BY i.status`,
      )
      .all() as Array<{ status: string; reasons: number }>;
    expect(byStatus.map((s) => s.status)).toEqual(['declined', 'held', 'offered']);
    expect(byStatus.find((s) => s.status === 'held')!.reasons).toBeGreaterThan(0);
    expect(byStatus.filter((s) => s.status !== 'held').map((s) => s.reasons)).toEqual([0, 0]);
  });
});
