import { describe, expect, it } from 'vitest';
import { refreshEpisodes } from '../../../src-main/db/episodes.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The kinship table, counted by hand: every household is written through the contract (the same
 * doors as the record screen), then each cell is checked and opened.
 */
const TODAY = '2026-11-26';

type Step =
  | { kind: 'viability_request' | 'reg24_placement'; date: string }
  | { kind: 'viability_outcome'; date: string; result: 'positive' | 'negative' };

async function kinship(
  app: TestApp,
  reference: string,
  enquiry: string,
  steps: Step[],
  milestones: Array<['eoi' | 'stage1' | 'stage2' | 'panel' | 'approval', string]> = [],
): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway: 'kinship',
    enquiryDate: enquiry,
    surname: reference,
    confirmDuplicates: true,
  });
  for (const s of steps) await app.call('households.recordJourneyDate', { id, ...s });
  for (const [kind, date] of milestones) await app.call('households.recordMilestone', { id, kind, date });
  return id;
}

const options = { from: '2024/25', to: '2025/26', pathway: 'mainstream' as const };

describe('the kinship table', () => {
  it('counts requests, positive outcomes, full assessments, approvals, placements and decisions within 16 and 24 weeks', async () => {
    const app = await testApp({ today: TODAY });
    // K1: requested and positive in 2024/25, placed 01/06/2024, full assessment, approved 01/09/2024 (92 days: within 16 weeks).
    await kinship(
      app,
      'K1',
      '2024-05-01',
      [
        { kind: 'viability_request', date: '2024-05-02' },
        { kind: 'viability_outcome', date: '2024-05-20', result: 'positive' },
        { kind: 'reg24_placement', date: '2024-06-01' },
      ],
      [
        ['stage1', '2024-05-25'],
        ['stage2', '2024-06-15'],
        ['panel', '2024-08-20'],
        ['approval', '2024-09-01'],
      ],
    );
    // K2: requested in 2024/25, negative outcome: a request, not a positive one.
    await kinship(app, 'K2', '2024-07-01', [
      { kind: 'viability_request', date: '2024-07-02' },
      { kind: 'viability_outcome', date: '2024-07-30', result: 'negative' },
    ]);
    // K3: placed 01/03/2025, approved 01/08/2025 (153 days): decided in 2025/26, within 24 weeks but not 16.
    await kinship(
      app,
      'K3',
      '2025-02-01',
      [
        { kind: 'viability_request', date: '2025-02-03' },
        { kind: 'viability_outcome', date: '2025-02-20', result: 'positive' },
        { kind: 'reg24_placement', date: '2025-03-01' },
      ],
      [
        ['stage1', '2025-03-10'],
        ['stage2', '2025-04-10'],
        ['panel', '2025-07-20'],
        ['approval', '2025-08-01'],
      ],
    );
    // K4: a kinship household later switched to mainstream: its 2025/26 request still counts (kinship at that date).
    const k4 = await kinship(app, 'K4', '2025-05-01', [{ kind: 'viability_request', date: '2025-05-02' }]);
    await app.call('households.switchPathway', { id: k4, pathway: 'mainstream', date: '2025-09-01' });
    // M1: a mainstream household's approval is not a connected person's.
    const { id: m1 } = await app.call('households.createHousehold', {
      reference: 'M1',
      pathway: 'mainstream',
      enquiryDate: '2024-05-01',
      surname: 'M1',
      confirmDuplicates: true,
    });
    for (const [kind, date] of [
      ['stage1', '2024-06-01'],
      ['stage2', '2024-08-01'],
      ['approval', '2025-01-10'],
    ] as const)
      await app.call('households.recordMilestone', { id: m1, kind, date });

    const t = await app.call('reports.getTable', { table: 'kinship', options });
    // The pathway option does not apply: this is the kinship pathway's table.
    expect(t.options.pathway).toBe('kinship');
    const cells = Object.fromEntries(t.rows.map((r) => [r.key, t.columns.map((c) => r.values[c.key])]));
    expect(t.columns.map((c) => c.key)).toEqual(['2024/25', '2025/26', 'total']);
    expect(cells).toEqual({
      requests: [3, 1, 4],
      viability_positive: [2, 0, 2],
      full_assessments: [1, 1, 2],
      approvals: [1, 1, 2],
      reg24_placements: [2, 0, 2],
      decided_after_placement: [1, 1, 2],
      decided_within_16_weeks: [1, 0, 1],
      decided_within_24_weeks: [1, 1, 2],
    });

    const open = async (row: string, column: string) =>
      (await app.call('reports.listHouseholds', { table: 'kinship', options, row, column })).households
        .map((h) => h.reference)
        .sort();
    expect(await open('requests', 'total')).toEqual(['K1', 'K2', 'K3', 'K4']);
    expect(await open('decided_within_24_weeks', '2025/26')).toEqual(['K3']);
    expect(await open('approvals', 'total')).toEqual(['K1', 'K3']);
  });

  it('counts no decision made before the placement as within 16 weeks of it', async () => {
    const app = await testApp({ today: TODAY });
    // K5: approved 01/06/2024, with a reg 24 placement stored as 01/07/2024 (as a version before
    // the engine refused a placement after the approval stored it): the assessment was decided 30
    // days before any placement, so it is no placed child's.
    const k5 = await kinship(
      app,
      'K5',
      '2024-04-01',
      [{ kind: 'viability_request', date: '2024-04-02' }],
      [
        ['stage2', '2024-05-01'],
        ['approval', '2024-06-01'],
      ],
    );
    await app.call('households.recordJourneyDate', { id: k5, kind: 'reg24_placement', date: '2024-05-15' });
    const db = app.ctx.store.db;
    db.prepare("UPDATE journey_dates SET date = '2024-07-01' WHERE household_id = ?").run(k5);
    refreshEpisodes(db, k5);
    const t = await app.call('reports.getTable', { table: 'kinship', options });
    const cells = Object.fromEntries(t.rows.map((r) => [r.key, t.columns.map((c) => r.values[c.key])]));
    expect(cells).toMatchObject({
      approvals: [1, 0, 1],
      reg24_placements: [1, 0, 1],
      decided_after_placement: [0, 0, 0],
      decided_within_16_weeks: [0, 0, 0],
      decided_within_24_weeks: [0, 0, 0],
    });
    const open = await app.call('reports.listHouseholds', {
      table: 'kinship',
      options,
      row: 'decided_within_16_weeks',
      column: 'total',
    });
    expect(open.households).toEqual([]);
  });

  it("counts every placed child's assessment decided, so the 16- and 24-week rows read as a share of it", async () => {
    const app = await testApp({ today: TODAY });
    // K6: placed 01/05/2024, approved 17/11/2024, 200 days on: decided, but not within 24 weeks.
    await kinship(
      app,
      'K6',
      '2024-04-01',
      [
        { kind: 'viability_request', date: '2024-04-02' },
        { kind: 'reg24_placement', date: '2024-05-01' },
      ],
      [
        ['stage1', '2024-04-20'],
        ['stage2', '2024-06-01'],
        ['panel', '2024-11-01'],
        ['approval', '2024-11-17'],
      ],
    );
    const t = await app.call('reports.getTable', { table: 'kinship', options });
    const cells = Object.fromEntries(t.rows.map((r) => [r.key, t.columns.map((c) => r.values[c.key])]));
    expect(cells).toMatchObject({
      decided_after_placement: [1, 0, 1],
      decided_within_16_weeks: [0, 0, 0],
      decided_within_24_weeks: [0, 0, 0],
    });
    const open = await app.call('reports.listHouseholds', {
      table: 'kinship',
      options,
      row: 'decided_after_placement',
      column: '2024/25',
    });
    expect(open.households.map((h) => h.reference)).toEqual(['K6']);
  });
});
