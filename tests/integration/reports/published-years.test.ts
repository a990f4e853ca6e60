import { describe, expect, it } from 'vitest';
import { REPORT_PATHWAYS, type Report } from '../../../src-main/contract/reports.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A year once reported stays as reported: the tables read episodes (db/episodes.ts), each with
 * its pathway and source as at its enquiry, and a pathway switch counts only from its date.
 * Every household here is written through the contract, as a user would.
 */
const TODAY = '2026-11-26';
const COUNTED = ['funnel', 'cohort', 'dropout', 'leaving', 'retention', 'timescales', 'sources'] as const;
/** Every year before the current one (2026/27). */
const EARLIER = { from: '2020/21', to: '2025/26' };

type Milestones = Array<['eoi' | 'stage1' | 'stage2' | 'panel' | 'approval', string]>;

async function household(
  app: TestApp,
  h: { reference: string; pathway: 'mainstream' | 'kinship'; enquiry: string; source?: string },
  milestones: Milestones = [],
): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference: h.reference,
    pathway: h.pathway,
    enquiryDate: h.enquiry,
    surname: h.reference,
    ...(h.source ? { source: h.source } : {}),
    confirmDuplicates: true,
  });
  for (const [kind, date] of milestones) await app.call('households.recordMilestone', { id, kind, date });
  return id;
}

const close = (app: TestApp, id: number, date: string) =>
  app.call('households.closeHousehold', { id, date, reasonKey: 'lost_contact', endedBy: 'lost_contact' });

/** Every counted table, both pathways and all, annual and quarterly, over the given years. */
async function snapshot(app: TestApp, years: { from: string; to: string }) {
  const out: Record<string, Pick<Report, 'columns' | 'rows' | 'sections'>> = {};
  for (const table of COUNTED) {
    for (const pathway of REPORT_PATHWAYS) {
      for (const quarterly of [false, true]) {
        const r = await app.call('reports.getTable', {
          table,
          options: { ...years, pathway, quarterly, suppress: false },
        });
        out[`${table}|${pathway}|${quarterly ? 'q' : 'y'}`] = {
          columns: r.columns,
          rows: r.rows,
          sections: r.sections,
        };
      }
    }
  }
  return out;
}

const cell = async (
  app: TestApp,
  table: (typeof COUNTED)[number],
  pathway: 'mainstream' | 'kinship',
  row: string,
  column: string,
) => {
  const r = await app.call('reports.getTable', {
    table,
    options: { from: '2020/21', to: '2026/27', pathway, quarterly: false, suppress: false },
  });
  return r.rows.find((x) => x.key === row)!.values[column];
};

describe('published years stay published', () => {
  it('a pathway switch today leaves every earlier year of the mainstream and kinship tables identical', async () => {
    const app = await testApp({ today: TODAY });
    // A kinship carer approved in 2023/24.
    const approved = await household(app, { reference: 'K1', pathway: 'kinship', enquiry: '2022-05-10' }, [
      ['eoi', '2022-07-01'],
      ['stage1', '2022-09-01'],
      ['stage2', '2022-12-01'],
      ['panel', '2023-05-01'],
      ['approval', '2023-05-10'],
    ]);
    // A kinship carer approved in 2021/22 who ceased in 2024/25.
    const ceased = await household(app, { reference: 'K3', pathway: 'kinship', enquiry: '2021-05-01' }, [
      ['eoi', '2021-06-01'],
      ['stage1', '2021-07-01'],
      ['stage2', '2021-08-01'],
      ['panel', '2021-12-01'],
      ['approval', '2022-01-10'],
    ]);
    await app.call('households.ceaseHousehold', {
      id: ceased,
      noticeDate: '2024-05-01',
      date: '2024-06-01',
      reasonKey: 'transfer_ifa',
      initiatedBy: 'carer',
    });
    // A kinship household that dropped out in 2023/24 and enquired again this year.
    const returned = await household(app, { reference: 'K2', pathway: 'kinship', enquiry: '2023-06-01' }, [
      ['eoi', '2023-08-01'],
    ]);
    await close(app, returned, '2023-10-01');
    await app.call('households.reopenHousehold', { id: returned, enquiryDate: '2026-06-01' });
    // Mainstream households around them, so the mainstream tables are not empty.
    const m1 = await household(app, { reference: 'M1', pathway: 'mainstream', enquiry: '2022-06-01' }, [
      ['eoi', '2022-08-01'],
    ]);
    await close(app, m1, '2022-09-15');
    await household(app, { reference: 'M2', pathway: 'mainstream', enquiry: '2023-04-20' }, [
      ['eoi', '2023-05-20'],
      ['stage1', '2023-06-20'],
      ['stage2', '2023-09-20'],
      ['panel', '2024-03-20'],
      ['approval', '2024-04-02'],
    ]);

    const before = await snapshot(app, EARLIER);
    const kinshipApprovals = await cell(app, 'funnel', 'kinship', 'approved', '2023/24');
    expect(kinshipApprovals).toBe(1);
    expect(await cell(app, 'retention', 'kinship', 'households_end', '2025/26')).toBe(1);

    for (const id of [approved, returned]) {
      await app.call('households.switchPathway', { id, pathway: 'mainstream', date: TODAY });
    }
    // A household that ceased to foster takes no pathway change after it (domain/pathway-switch.ts).
    await expect(
      app.call('households.switchPathway', { id: ceased, pathway: 'mainstream', date: TODAY }),
    ).rejects.toMatchObject({ code: 'rule_violation', field: 'date' });
    expect(await snapshot(app, EARLIER)).toEqual(before);

    // The switch counts from its date: an EOI today is mainstream, the June re-enquiry stays kinship.
    await app.call('households.recordMilestone', { id: returned, kind: 'eoi', date: TODAY });
    expect(await cell(app, 'funnel', 'mainstream', 'eoi', '2026/27')).toBe(1);
    expect(await cell(app, 'funnel', 'kinship', 'eoi', '2026/27')).toBe(0);
    expect(await cell(app, 'funnel', 'kinship', 'enquiries', '2026/27')).toBe(1);
    expect(await snapshot(app, EARLIER)).toEqual(before);
  });

  it('a re-enquiry through another source does not re-credit the earlier enquiry', async () => {
    const app = await testApp({ today: TODAY });
    const id = await household(app, {
      reference: 'S1',
      pathway: 'mainstream',
      enquiry: '2022-04-10',
      source: 'event',
    });
    await close(app, id, '2022-06-01');
    await household(app, { reference: 'S2', pathway: 'mainstream', enquiry: '2022-05-01', source: 'radio' });
    const before = await snapshot(app, { from: '2022/23', to: '2022/23' });
    expect(await cell(app, 'sources', 'mainstream', 'event', '2022/23')).toBe(1);

    // The household comes back through the radio, and its record now says so.
    await app.call('households.reopenHousehold', { id, enquiryDate: '2025-05-01' });
    await app.call('households.updateDetails', { id, source: 'radio' });

    expect(await snapshot(app, { from: '2022/23', to: '2022/23' })).toEqual(before);
    expect(await cell(app, 'sources', 'mainstream', 'event', '2022/23')).toBe(1);
    expect(await cell(app, 'sources', 'mainstream', 'radio', '2022/23')).toBe(1);
    expect(await cell(app, 'sources', 'mainstream', 'radio', '2025/26')).toBe(1);
    expect(await cell(app, 'sources', 'mainstream', 'event', '2025/26')).toBe(0);
  });

  it('an exit interview saved after the closure reaches the drop-out table, under the closure’s year and pathway', async () => {
    const app = await testApp({ today: TODAY });
    const id = await household(app, { reference: 'E1', pathway: 'kinship', enquiry: '2023-05-01' }, [
      ['eoi', '2023-06-01'],
    ]);
    // Withdrawn (not lost contact, after which no interview is held), so the interview can be held.
    const closed = await app.call('households.closeHousehold', {
      id,
      date: '2023-07-01',
      reasonKey: 'circumstances',
      endedBy: 'applicant',
    });
    const view = async () => {
      const r = await app.call('reports.getTable', {
        table: 'dropout',
        options: { from: '2023/24', to: '2023/24', pathway: 'kinship', quarterly: false, suppress: false },
      });
      const rows = r.sections.find((x) => x.key === 'exit_interviews')!.rows;
      return Object.fromEntries(rows.map((x) => [x.key, x.values.eoi]));
    };
    expect(await view()).toMatchObject({ held: 0, none: 1, total: 1 });
    await app.call('households.saveExitInterview', {
      id,
      closureId: closed.closures[0]!.id,
      status: 'held',
      offeredDate: '2023-07-02',
      heldDate: '2023-07-10',
    });
    expect(await view()).toMatchObject({ held: 1, none: 0, total: 1 });
    // Switched later, the drop-out stays where it was reported.
    await app.call('households.reopenHousehold', { id, enquiryDate: '2026-01-05' });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: TODAY });
    expect(await view()).toMatchObject({ held: 1, none: 0, total: 1 });
  });
});
