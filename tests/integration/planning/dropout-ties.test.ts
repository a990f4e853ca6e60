import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold } from '../reports/fixture.ts';

/**
 * Home's top drop-out reasons: most first, and reasons with as many drop-outs in the reason
 * list's order (as Settings arranges it, and as the drop-out table's rows run), not by label. The
 * tie at the cut decides which reason is left off the five; alphabetical order let a reason's
 * wording decide, and put tied reasons in another order than the table beside it.
 */
const TODAY = '2025-11-26';

function closures(app: TestApp, counts: Record<string, number>) {
  const db = app.ctx.store.db;
  let n = 0;
  db.transaction(() => {
    for (const [reason, count] of Object.entries(counts))
      for (let i = 0; i < count; i++) {
        n += 1;
        addHousehold(db, {
          reference: `D${n}`,
          episodes: [
            {
              milestones: { enquiry: '2025-05-01' },
              closure: { date: '2025-06-02', stage: 'enquiry', reason, endedBy: 'applicant' },
            },
          ],
        });
      }
  })();
}

const top = async (app: TestApp) =>
  (await app.call('planning.getDashboard', {})).dropouts.top.map((r) => [r.reason, r.count.value]);

describe('Home’s top drop-out reasons, tied', () => {
  it('follow the reason list’s order, which a rename does not change and a move in Settings does', async () => {
    const app = await testApp({ today: TODAY });
    // List order: not_as_expected, process, circumstances, financial, allegations_risk, housing,
    // other_provider, lost_contact, …, other. By label, "Lost contact" would come before
    // "No spare bedroom" and "Concerned about … allegations" would be in the five.
    closures(app, {
      other: 1,
      allegations_risk: 1,
      lost_contact: 2,
      financial: 1,
      housing: 2,
      process: 1,
      not_as_expected: 1,
    });
    expect(await top(app)).toEqual([
      ['housing', 2],
      ['lost_contact', 2],
      ['not_as_expected', 1],
      ['process', 1],
      ['financial', 1],
    ]);
    // The drop-out table lists the tied reasons in the same order.
    const table = await app.call('reports.getTable', {
      table: 'dropout',
      options: { from: '2025/26', to: '2025/26' },
    });
    const rows = table.rows.map((r) => r.key);
    expect(rows.indexOf('housing')).toBeLessThan(rows.indexOf('lost_contact'));

    await app.call('reasons.updateReason', { list: 'dropout', key: 'other', label: 'Aardvark (other)' });
    expect((await top(app)).map(([k]) => k)).toEqual([
      'housing',
      'lost_contact',
      'not_as_expected',
      'process',
      'financial',
    ]);

    await app.call('reasons.moveReason', { list: 'dropout', key: 'lost_contact', direction: 'up' });
    await app.call('reasons.moveReason', { list: 'dropout', key: 'lost_contact', direction: 'up' });
    expect((await top(app)).map(([k]) => k).slice(0, 2)).toEqual(['lost_contact', 'housing']);
  });
});
