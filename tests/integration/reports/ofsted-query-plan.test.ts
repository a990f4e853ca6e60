import { describe, expect, it } from 'vitest';
import { writeApplicationBasis } from '../../../src-main/db/journey-dates.ts';
import { buildReport } from '../../../src-main/reports/report.ts';
import { plansOf } from '../../support/query-plans.ts';
import { testApp } from '../../support/temp.ts';
import { addSmallFixture } from './fixture.ts';

const TODAY = '2026-11-26';

describe('Ofsted return query plans (migration 30)', () => {
  it('reads its households approved at 31 March in household order, its ended applications by closure date, and sorts no set to count it by pathway', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    addSmallFixture(db);
    writeApplicationBasis(db, 'stage1');
    const plans = plansOf(db, () =>
      buildReport(db, 'ofsted', { to: '2024/25', pathway: 'all', quarterly: false, suppress: false }, TODAY),
    );
    const all = JSON.stringify(plans.map((p) => p.plan));
    // The carers' read and the places' read: the approved episodes' index, in its own order, not the
    // approval index's households sorted by household (~80 ms each at 1,000,000 households).
    const approved = plans.filter((p) =>
      p.plan.some((l) => /INDEX episodes_by_household_approval\b/.test(l)),
    );
    expect(approved, all).toHaveLength(2);
    for (const { sql, plan } of approved) expect(plan.join('\n'), sql).not.toMatch(/TEMP B-TREE/);
    // The applications withdrawn or turned down: a range of their own index, no row read by key.
    const ended = plans.filter((p) => p.plan.some((l) => /INDEX episodes_by_application_closure\b/.test(l)));
    expect(ended, all).toHaveLength(1);
    expect(ended[0]!.plan).toContainEqual(
      expect.stringMatching(
        /^SEARCH e USING COVERING INDEX episodes_by_application_closure \(closed_on>\? AND closed_on<\?\)/,
      ),
    );
    expect(ended[0]!.plan.join('\n')).not.toMatch(/SEARCH e USING PRIMARY KEY/);
    // Each set counted by pathway in one pass, not sorted into its pathways first.
    const counted = plans.filter((p) => /FILTER \(WHERE x\.pathway = /.test(p.sql));
    expect(counted.length, all).toBeGreaterThanOrEqual(5);
    for (const { sql, plan } of counted) expect(plan.join('\n'), sql).not.toMatch(/TEMP B-TREE/);
  });
});
