import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { addEndings, ENDINGS_TODAY } from '../planning/endings-fixture.ts';

/**
 * The households behind the Reports screen's drop-out, leaving and retention figures said who, not
 * what they were counted for: a manager opened each record to learn when and why each household
 * closed or left (Home's lists already said so).
 */

const OPTIONS = { from: '2025/26', to: '2025/26', pathway: 'mainstream', suppress: false } as const;

describe("Reports' drill lists of endings", () => {
  it('give each drop-out its closure date, stage, reason in words and who ended it', async () => {
    const app = await testApp({ today: ENDINGS_TODAY });
    addEndings(app.ctx.store.db);
    const drill = (section: string, row: string, column: string, quarterly = false) =>
      app.call('reports.listHouseholds', {
        table: 'dropout',
        options: { ...OPTIONS, quarterly },
        section,
        row,
        column,
      });
    const d1 = [
      {
        kind: 'closed',
        date: '2025-08-01',
        stage: 'stage1',
        reason: 'Counselled out', // the service's label (Settings), not the default list's
        endedBy: 'Service ended it',
        // No exit interview held: nothing said (drill-interview-said.test.ts has those held).
        said: null,
        mightReturn: null,
      },
    ];
    const events = (r: Awaited<ReturnType<typeof drill>>) => r.households.map((h) => [h.reference, h.events]);
    expect(events(await drill('', 'counselled_out', 'stage1'))).toEqual([['D1', d1]]);
    expect(events(await drill('', 'total', 'total'))).toEqual([['D1', d1]]);
    expect(events(await drill('ended_by', 'service', 'total'))).toEqual([['D1', d1]]);
    expect(events(await drill('exit_interviews', 'none', 'total'))).toEqual([['D1', d1]]);
  });

  it('give each household that left its cessation date and reason in words', async () => {
    const app = await testApp({ today: ENDINGS_TODAY });
    addEndings(app.ctx.store.db);
    const r = await app.call('reports.listHouseholds', {
      table: 'leaving',
      options: { ...OPTIONS, quarterly: false },
      section: '',
      row: 'total',
      column: 'total',
    });
    expect(r.households.map((h) => [h.reference, h.events])).toEqual([
      [
        'C1',
        [
          {
            kind: 'ceased',
            date: '2025-09-03',
            stage: null,
            reason: 'Transfer to an independent fostering agency',
            said: null,
            mightReturn: null,
          },
        ],
      ],
      [
        'C2',
        [
          {
            kind: 'ceased',
            date: '2025-10-20',
            stage: null,
            reason: 'Personal circumstances e.g. separation, bereavement, retirement',
            said: null,
            mightReturn: null,
          },
        ],
      ],
    ]);
    const none = await app.call('reports.listHouseholds', {
      table: 'leaving',
      options: { ...OPTIONS, quarterly: false },
      section: 'exit_interviews',
      row: 'none',
      column: '2025/26',
    });
    expect(none.households.map((h) => h.events?.[0]?.date)).toEqual(['2025-09-03', '2025-10-20']);
  });

  it("say what ended each placement behind retention's ceased, and nothing behind a count of carers", async () => {
    const app = await testApp({ today: ENDINGS_TODAY });
    addEndings(app.ctx.store.db);
    const drill = (row: string, column: string) =>
      app.call('reports.listHouseholds', {
        table: 'retention',
        options: { ...OPTIONS, quarterly: true },
        row,
        column,
      });
    const ceased = await drill('ceased', '2025/26 Q3');
    expect(ceased.households.map((h) => [h.reference, h.events])).toEqual([
      [
        'C2',
        [
          {
            kind: 'ceased',
            date: '2025-10-20',
            stage: null,
            reason: 'Personal circumstances e.g. separation, bereavement, retirement',
            said: null,
            mightReturn: null,
          },
        ],
      ],
    ]);
    const start = await drill('households_start', '2025/26 Q3');
    expect(start.households.map((h) => [h.reference, h.events])).toEqual([
      ['A1', undefined],
      ['A2', undefined],
      ['C2', undefined],
    ]);
  });
});
