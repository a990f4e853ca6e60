import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_STARTED } from '../../../src-main/contract/reports.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, addSmallFixture, rowOf } from './fixture.ts';

const RANGE = { from: '2022/23', to: '2024/25' } as const;
const Y = ['2022/23', '2023/24', '2024/25'] as const;
const byYear = (a: unknown, b: unknown, c: unknown) => ({ [Y[0]]: a, [Y[1]]: b, [Y[2]]: c });

let app: TestApp;
beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  addSmallFixture(app.ctx.store.db);
});

const table = (name: Parameters<TestApp['call']>[1] extends never ? never : string, options: object = {}) =>
  app.call('reports.getTable', { table: name as 'funnel', options: { ...RANGE, ...options } });

describe('funnel (the recruitment table)', () => {
  it('has exactly the ten rows of the annual report, in order, with year columns', async () => {
    const r = await table('funnel');
    expect(r.rows.map((x) => x.key)).toEqual([
      'enquiries',
      'eoi',
      'stage1',
      'stage2',
      'approved',
      'enquiry_to_stage2',
      'eoi_to_stage2',
      'stage2_to_approved',
      'enquiry_to_approved',
      'eoi_to_approved',
    ]);
    expect(r.rows[0]!.label).toBe('Number of initial enquiries');
    expect(r.columns).toEqual(Y.map((k) => ({ key: k, label: k })));
  });

  it('defines each count by its milestone in words, not the stored key', async () => {
    const r = await table('funnel');
    const text = (key: string) => r.definitions.find((d) => d.key === key)!.text;
    expect(text('enquiries')).toMatch(/^Milestones “enquiry” dated in the period/);
    expect(text('eoi')).toMatch(/^Milestones “EOI” dated/);
    expect(text('stage1')).toMatch(/^Milestones “Stage 1” dated/);
    expect(text('stage2')).toMatch(/^Milestones “Stage 2” dated/);
    expect(text('approved')).toMatch(/^Milestones “approval” dated/);
    // A rate over 100% (233.3% from Stage 2 to approval) puzzled a reader (helper-276): its definition says why.
    expect(text('stage2_to_approved')).toContain('so a rate can pass 100%');
  });

  it('counts events in the year they are dated: 31 March and 1 April fall in different years, a re-enquiry counts again, kinship is left out', async () => {
    const r = await table('funnel');
    // 2022/23: H1 (31 March 2023), H2's first enquiry. 2023/24: H2 re-enquiring on 29 Feb 2024, H6. 2024/25: H4 (1 April 2024).
    expect(rowOf(r.rows, 'enquiries')).toEqual(byYear(2, 2, 1));
    expect(rowOf(r.rows, 'eoi')).toEqual(byYear(0, 3, 0));
    expect(rowOf(r.rows, 'stage1')).toEqual(byYear(0, 2, 0));
    expect(rowOf(r.rows, 'stage2')).toEqual(byYear(0, 2, 0));
    expect(rowOf(r.rows, 'approved')).toEqual(byYear(0, 1, 1));
  });

  it('works each rate from its own column to one decimal place, with no rate on a zero denominator', async () => {
    const r = await table('funnel');
    expect(rowOf(r.rows, 'enquiry_to_stage2')).toEqual(byYear(0, 100, 0));
    expect(rowOf(r.rows, 'eoi_to_stage2')).toEqual(byYear(null, 66.7, null));
    expect(rowOf(r.rows, 'stage2_to_approved')).toEqual(byYear(null, 50, null));
    expect(rowOf(r.rows, 'enquiry_to_approved')).toEqual(byYear(0, 50, 100));
    expect(rowOf(r.rows, 'eoi_to_approved')).toEqual(byYear(null, 33.3, null));
  });

  it('filters by pathway: kinship alone, and all', async () => {
    const k = await table('funnel', { pathway: 'kinship' });
    expect(rowOf(k.rows, 'enquiries')).toEqual(byYear(1, 1, 0)); // H7 (Jan 2023), H3
    expect(rowOf(k.rows, 'approved')).toEqual(byYear(0, 1, 0));
    const all = await table('funnel', { pathway: 'all' });
    expect(rowOf(all.rows, 'enquiries')).toEqual(byYear(3, 3, 1));
    expect(rowOf(all.rows, 'approved')).toEqual(byYear(0, 2, 1));
  });

  it('splits into quarters keyed "YYYY/YY Qn" (Q1 = April to June)', async () => {
    const r = await table('funnel', { quarterly: true, from: '2023/24', to: '2023/24' });
    expect(r.columns.map((c) => c.key)).toEqual(['2023/24 Q1', '2023/24 Q2', '2023/24 Q3', '2023/24 Q4']);
    expect(rowOf(r.rows, 'enquiries')).toEqual({
      '2023/24 Q1': 1,
      '2023/24 Q2': 0,
      '2023/24 Q3': 0,
      '2023/24 Q4': 1,
    });
    expect(rowOf(r.rows, 'eoi')).toEqual({
      '2023/24 Q1': 2,
      '2023/24 Q2': 0,
      '2023/24 Q3': 0,
      '2023/24 Q4': 1,
    });
    const q4 = await table('funnel', { quarterly: true, from: '2022/23', to: '2022/23' });
    expect(rowOf(q4.rows, 'enquiries')['2022/23 Q4']).toBe(1); // 31 March 2023
    expect(rowOf(q4.rows, 'enquiries')['2022/23 Q1']).toBe(1); // 1 June 2022
  });

  it('defaults to the last five complete financial years before today, mainstream, no suppression', async () => {
    const r = await app.call('reports.getTable', { table: 'funnel', options: {} });
    expect(r.options).toEqual({
      from: '2021/22',
      to: '2025/26',
      quarterly: false,
      pathway: 'mainstream',
      suppress: false,
    });
    expect(r.columns.map((c) => c.key)).toEqual(['2021/22', '2022/23', '2023/24', '2024/25', '2025/26']);
  });

  it('refuses a range that runs backwards or a malformed year, naming the field', async () => {
    await expect(table('funnel', { from: '2024/25', to: '2022/23' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'from',
    });
    await expect(table('funnel', { from: '2024/26' })).rejects.toMatchObject({ field: 'options.from' });
  });
});

describe('cohort', () => {
  it('follows each year’s enquirers through the stages, re-enquiries as new members', async () => {
    const r = await table('cohort');
    expect(rowOf(r.rows, 'households')).toEqual(byYear(2, 2, 1));
    // 2022/23: H1 (all the way), H2's first episode (closed at enquiry). 2023/24: H2 again (EOI, closed), H6 (approved).
    expect(rowOf(r.rows, 'eoi')).toEqual(byYear(1, 2, 0));
    expect(rowOf(r.rows, 'stage1')).toEqual(byYear(1, 1, 0));
    expect(rowOf(r.rows, 'stage2')).toEqual(byYear(1, 1, 0));
    expect(rowOf(r.rows, 'panel')).toEqual(byYear(1, 1, 0));
    expect(rowOf(r.rows, 'approved')).toEqual(byYear(1, 1, 0));
    expect(rowOf(r.rows, 'open')).toEqual(byYear(0, 0, 1));
    expect(rowOf(r.rows, 'closed')).toEqual(byYear(1, 1, 0));
    expect(rowOf(r.rows, 'eoi_rate')).toEqual(byYear(50, 100, 0));
    expect(rowOf(r.rows, 'approved_rate')).toEqual(byYear(50, 50, 0));
  });

  it('gives median and 90th percentile days to each stage (leap day included)', async () => {
    const r = await table('cohort');
    // H1: 31/03/2023 → 08/12/2023 = 252 days; H6: 01/06/2023 → 10/06/2024 = 375 days (29 Feb 2024 between).
    expect(rowOf(r.rows, 'approved_median')).toEqual(byYear(252, 375, null));
    expect(rowOf(r.rows, 'approved_p90')).toEqual(byYear(252, 375, null));
    // EOI in 2023/24's cohort: H2 29/02 → 10/03/2024 = 10 days, H6 14 days: median 12, p90 14.
    expect(rowOf(r.rows, 'eoi_median')).toEqual(byYear(1, 12, null));
    expect(rowOf(r.rows, 'eoi_p90')).toEqual(byYear(1, 14, null));
  });

  it('flags a cohort immature while its youngest member still open enquired less than the median time to approval ago', async () => {
    expect((await table('cohort')).columns.some((c) => c.immature)).toBe(false);
    const young = await testApp({ today: '2024-12-01' });
    addSmallFixture(young.ctx.store.db);
    const r = await young.call('reports.getTable', { table: 'cohort', options: RANGE });
    // Median to approval (252, 375) = 313.5 days. 2024/25's H4 (1 April 2024), still open, enquired
    // 244 days before today. 2023/24's youngest (H2, 29 Feb 2024: 276 days) has closed and H6 is
    // approved: nobody is left to reach approval, so its rates are final, not immature.
    expect(r.columns).toEqual([
      { key: '2022/23', label: '2022/23' },
      { key: '2023/24', label: '2023/24' },
      // The year in progress on 01/12/2024 is also marked "to date".
      { key: '2024/25', label: '2024/25', immature: true, toDate: true },
    ]);
  });

  it('marks an empty cohort immature only while its period is less than the median behind today', async () => {
    // A ten-year range by quarter, as a report author exports it: the empty quarters years back
    // were all headed "(immature)" in every file. Over these years the median to approval is 375
    // days (H1 252, H5 375, H6 375), which puts the line at 22/11/2023.
    const young = await testApp({ today: '2024-12-01' });
    addSmallFixture(young.ctx.store.db);
    const r = await young.call('reports.getTable', {
      table: 'cohort',
      options: { ...RANGE, from: '2015/16', to: '2024/25', quarterly: true },
    });
    const immature = r.columns.filter((c) => c.immature).map((c) => c.key);
    const households = rowOf(r.rows, 'households');
    expect(households['2015/16 Q1']).toBe(0);
    // A quarter not yet started (from 01/01/2025) is blank, not an empty cohort.
    expect(households['2024/25 Q4']).toBe(NOT_STARTED);
    // Empty quarters that ended long ago are mature; the empty 2023/24 Q3 (ended 31/12/2023) and
    // every quarter since, the empty 2024/25 Q3 and Q4 (not yet over) included, are immature, but
    // 2023/24 Q4, whose members (H2, H6) have all finished.
    expect(immature).toEqual(['2023/24 Q3', '2024/25 Q1', '2024/25 Q2', '2024/25 Q3', '2024/25 Q4']);
  });
});

describe('cohort days, suppressed', () => {
  it('shows no days measured on fewer than 5 households, though 5 or more reached the stage', async () => {
    // Six enquire on 01/05/2024: H0 records an EOI (40 days on), the other five go straight to
    // Stage 1. All six reached EOI, but the days to EOI are H0's alone: suppressed, they are not shown.
    const small = await testApp({ today: '2026-11-26' });
    for (let i = 0; i < 6; i++) {
      const { id } = await small.call('households.createHousehold', {
        reference: `H${i}`,
        pathway: 'mainstream',
        enquiryDate: '2024-05-01',
        surname: `Cohort${i}`,
        confirmDuplicates: true,
      });
      await small.call('households.recordMilestone', {
        id,
        kind: i === 0 ? 'eoi' : 'stage1',
        date: `2024-06-${10 + i}`,
      });
    }
    const cohort = (suppress: boolean) =>
      small.call('reports.getTable', {
        table: 'cohort',
        options: { from: '2024/25', to: '2024/25', suppress },
      });
    const shown = await cohort(false);
    expect(rowOf(shown.rows, 'eoi')).toEqual({ '2024/25': 6 });
    expect(rowOf(shown.rows, 'eoi_median')).toEqual({ '2024/25': 40 });
    const hidden = await cohort(true);
    expect(rowOf(hidden.rows, 'eoi')).toEqual({ '2024/25': 6 });
    expect(rowOf(hidden.rows, 'eoi_median')).toEqual({ '2024/25': null });
    expect(rowOf(hidden.rows, 'eoi_p90')).toEqual({ '2024/25': null });
    // Five measured to Stage 1 (41 to 45 days): shown.
    expect(rowOf(hidden.rows, 'stage1_median')).toEqual({ '2024/25': 43 });
  });
});

describe('dropout', () => {
  it('counts closures in the period by reason and stage reached, with totals both ways', async () => {
    const r = await table('dropout');
    expect(r.columns.map((c) => c.key)).toEqual(['enquiry', 'eoi', 'stage1', 'stage2', 'panel', 'total']);
    expect(r.rows.map((x) => x.key)).toEqual([
      'not_as_expected',
      'process',
      'circumstances',
      'financial',
      'allegations_risk',
      'housing',
      'other_provider',
      'lost_contact',
      'unsuitable_checks',
      'counselled_out',
      'not_approved',
      'other',
      'total',
    ]);
    const zero = { enquiry: 0, eoi: 0, stage1: 0, stage2: 0, panel: 0 };
    expect(rowOf(r.rows, 'lost_contact')).toEqual({ ...zero, enquiry: 1, total: 1 });
    expect(rowOf(r.rows, 'circumstances')).toEqual({ ...zero, eoi: 1, total: 1 });
    expect(rowOf(r.rows, 'other')).toEqual({ ...zero, total: 0 }); // H7 is kinship
    expect(rowOf(r.rows, 'total')).toEqual({ ...zero, enquiry: 1, eoi: 1, total: 2 });
  });

  it('shows who ended them and the exit-interview coverage', async () => {
    const r = await table('dropout');
    const ended = r.sections.find((s) => s.key === 'ended_by')!;
    expect(ended.rows.map((x) => x.key)).toEqual(['applicant', 'service', 'lost_contact', 'total']);
    expect(rowOf(ended.rows, 'applicant')).toMatchObject({ eoi: 1, total: 1 });
    expect(rowOf(ended.rows, 'lost_contact')).toMatchObject({ enquiry: 1, total: 1 });
    const exit = r.sections.find((s) => s.key === 'exit_interviews')!;
    expect(rowOf(exit.rows, 'held')).toMatchObject({ eoi: 1, total: 1 });
    expect(rowOf(exit.rows, 'none')).toMatchObject({ enquiry: 1, total: 1 });
    expect(rowOf(exit.rows, 'declined')).toMatchObject({ total: 0 });
  });

  it('uses the closure date for the period: 1 April 2024 is 2024/25', async () => {
    const r = await table('dropout', { from: '2023/24', to: '2023/24' });
    expect(rowOf(r.rows, 'total')['total']).toBe(0);
    const next = await table('dropout', { from: '2024/25', to: '2024/25', pathway: 'all' });
    expect(rowOf(next.rows, 'total')['total']).toBe(1);
    const kin = await table('dropout', { pathway: 'kinship' });
    expect(rowOf(kin.rows, 'other')).toMatchObject({ enquiry: 1, total: 1 });
  });

  it('gives one block of its stage columns per quarter when quarters are asked for, and says so', async () => {
    // With Quarters chosen the table stayed by stage over the whole period (options.quarterly false):
    // a manager could not report drop-outs to the executive by quarter.
    const byYear = await table('dropout');
    const asked = await table('dropout', { quarterly: true });
    expect(asked.options.quarterly).toBe(true);
    expect(asked.period).toBe('2022/23 to 2024/25 (1 April 2022 to 31 March 2025), by quarter');
    expect(asked.columns).toHaveLength(12 * byYear.columns.length);
    expect(asked.columns.slice(0, byYear.columns.length)).toEqual(
      byYear.columns.map((c) => ({ key: `2022/23 Q1 ${c.key}`, label: `2022/23 Q1: ${c.label}` })),
    );
    const total = rowOf(asked.rows, 'total');
    const quarters = Object.entries(total).filter(([k]) => k.endsWith(' total'));
    expect(quarters.reduce((s, [, v]) => s + (v as number), 0)).toBe(rowOf(byYear.rows, 'total')['total']);
  });

  it('keeps a retired reason off the table unless closures in the period carry it', async () => {
    const db = app.ctx.store.db;
    db.prepare(
      "UPDATE reasons SET retired = 1 WHERE list = 'dropout' AND key IN ('financial', 'lost_contact')",
    ).run();
    try {
      const keys = (await table('dropout')).rows.map((x) => x.key);
      expect(keys).not.toContain('financial');
      expect(keys).toContain('lost_contact');
      expect((await table('dropout')).rows.find((x) => x.key === 'lost_contact')!.label).toContain(
        '(retired)',
      );
    } finally {
      db.prepare("UPDATE reasons SET retired = 0 WHERE list = 'dropout'").run();
    }
  });
});

describe('leaving', () => {
  it('counts cessations by reason in the year of deregistration, with a total row and column', async () => {
    const r = await table('leaving');
    expect(r.rows.map((x) => x.key)).toEqual([
      'permanence',
      'transfer_la',
      'transfer_ifa',
      'personal_circumstances',
      'not_for_them',
      'dissatisfied',
      'safeguarding_termination',
      'resigned_prior_to_concerns',
      'other',
      'total',
    ]);
    expect(r.columns.map((c) => c.key)).toEqual([...Y, 'total']);
    expect(rowOf(r.rows, 'permanence')).toEqual({ ...byYear(0, 1, 0), total: 1 }); // H5 on 1 April 2023
    expect(rowOf(r.rows, 'personal_circumstances')).toEqual({ ...byYear(0, 0, 1), total: 1 });
    expect(rowOf(r.rows, 'total')).toEqual({ ...byYear(0, 1, 1), total: 2 });
  });
});

describe('retention', () => {
  it('tracks approved households at the start, approved, ceased and at the end of each year', async () => {
    const r = await table('retention');
    expect(rowOf(r.rows, 'households_start')).toEqual(byYear(1, 1, 1)); // H5; H5 (ceases 1 April 2023); H1
    expect(rowOf(r.rows, 'approved')).toEqual(byYear(0, 1, 1)); // H1; H6
    expect(rowOf(r.rows, 'ceased')).toEqual(byYear(0, 1, 1)); // H5; H1
    expect(rowOf(r.rows, 'households_end')).toEqual(byYear(1, 1, 1));
    expect(rowOf(r.rows, 'ceased_rate')).toEqual(byYear(0, 100, 100));
  });

  it('counts kinship carers only on the kinship pathway; no rate without households at the start', async () => {
    const r = await table('retention', { pathway: 'kinship' });
    expect(rowOf(r.rows, 'approved')).toEqual(byYear(0, 1, 0)); // H3, 20 January 2024
    expect(rowOf(r.rows, 'households_end')).toEqual(byYear(0, 1, 1));
    expect(rowOf(r.rows, 'ceased_rate')).toEqual(byYear(null, null, 0));
  });
});

describe('timescales', () => {
  it('counts application to panel from the Stage 1 start by default (application received)', async () => {
    const r = await table('timescales');
    // H1: Stage 1 1 May 2023 → panel 1 December 2023, 214 days; H6: 1 July 2023 → 1 June 2024, 336 days (leap day).
    expect(rowOf(r.rows, 'application_panel_median')).toEqual(byYear(null, 214, 336));
    // H6's 11 months is over 8; H1's 7 is not.
    expect(rowOf(r.rows, 'over_8_months')).toEqual(byYear(0, 0, 1));
  });
});

describe('timescales, with the EOI as the formal application (Settings)', () => {
  beforeAll(async () => {
    await app.call('alerts.setApplicationBasis', { basis: 'eoi' });
  });
  afterAll(async () => {
    await app.call('alerts.setApplicationBasis', { basis: 'stage1' });
  });

  it('measures days between milestones in the year the later one is dated', async () => {
    const r = await table('timescales');
    // Enquiry → EOI ending in 2023/24: H1 1 day, H2 10 days (from 29 Feb 2024), H6 14 days.
    expect(rowOf(r.rows, 'enquiry_eoi_n')).toEqual(byYear(0, 3, 0));
    expect(rowOf(r.rows, 'enquiry_eoi_median')).toEqual(byYear(null, 10, null));
    expect(rowOf(r.rows, 'enquiry_eoi_p90')).toEqual(byYear(null, 14, null));
    // EOI → Stage 2: H1 31 days, H6 78 days.
    expect(rowOf(r.rows, 'eoi_stage2_median')).toEqual(byYear(null, 54.5, null));
    expect(rowOf(r.rows, 'eoi_stage2_p90')).toEqual(byYear(null, 78, null));
    expect(rowOf(r.rows, 'stage2_panel_median')).toEqual(byYear(null, 213, 274));
    expect(rowOf(r.rows, 'application_panel_median')).toEqual(byYear(null, 244, 352));
    expect(rowOf(r.rows, 'panel_approval_median')).toEqual(byYear(null, 7, 9));
  });

  it('counts applications that took over 8 months to reach panel (exactly 8 months is not over)', async () => {
    const r = await table('timescales');
    // H1: 1 April → 1 December 2023 is exactly 8 months; H6: 15 June 2023 → 1 June 2024 is over.
    expect(rowOf(r.rows, 'over_8_months')).toEqual(byYear(0, 0, 1));
    expect(rowOf(r.rows, 'over_8_months_rate')).toEqual(byYear(null, 0, 100));
    const edge = await testApp();
    await edge.call('alerts.setApplicationBasis', { basis: 'eoi' });
    const base = { enquiry: '2022-12-01', eoi: '2023-01-31', stage1: '2023-02-10', stage2: '2023-03-01' };
    addHousehold(edge.ctx.store.db, {
      reference: 'E1',
      episodes: [{ milestones: { ...base, panel: '2023-09-30' } }],
    });
    addHousehold(edge.ctx.store.db, {
      reference: 'E2',
      episodes: [{ milestones: { ...base, panel: '2023-10-01' } }],
    });
    // E3: no EOI recorded: its Stage 1 start (10 February) stands in; 10 November is over 8 months.
    addHousehold(edge.ctx.store.db, {
      reference: 'E3',
      episodes: [
        {
          milestones: {
            enquiry: '2022-12-01',
            stage1: '2023-02-10',
            stage2: '2023-03-01',
            panel: '2023-11-11',
          },
        },
      ],
    });
    const e = await edge.call('reports.getTable', {
      table: 'timescales',
      options: { from: '2023/24', to: '2023/24' },
    });
    expect(rowOf(e.rows, 'application_panel_n')).toEqual({ '2023/24': 3 });
    expect(rowOf(e.rows, 'over_8_months')).toEqual({ '2023/24': 2 });
    const over = await edge.call('reports.listHouseholds', {
      table: 'timescales',
      options: { from: '2023/24', to: '2023/24' },
      row: 'over_8_months',
      column: '2023/24',
    });
    expect(over.households.map((h) => h.reference).sort()).toEqual(['E2', 'E3']);
  });
});

describe('sources', () => {
  it('counts enquiries by source with conversion of those enquiries to EOI and approval', async () => {
    const r = await table('sources');
    expect(rowOf(r.rows, 'website')).toEqual(byYear(1, 0, 1));
    expect(rowOf(r.rows, 'website:eoi')).toEqual(byYear(1, 0, 0));
    expect(rowOf(r.rows, 'website:approved')).toEqual(byYear(1, 0, 0));
    expect(rowOf(r.rows, 'website:eoi_rate')).toEqual(byYear(100, null, 0));
    expect(rowOf(r.rows, 'event')).toEqual(byYear(1, 1, 0));
    expect(rowOf(r.rows, 'event:eoi')).toEqual(byYear(0, 1, 0));
    expect(rowOf(r.rows, 'carer_referral:approved_rate')).toEqual(byYear(null, 100, null));
    expect(rowOf(r.rows, 'total')).toEqual(byYear(2, 2, 1));
    expect(rowOf(r.rows, 'total:approved')).toEqual(byYear(1, 1, 0));
    expect(r.rows.some((x) => x.key === 'not_recorded')).toBe(false);
  });
});
