import { describe, expect, it } from 'vitest';
import { REPORT_PATHWAYS } from '../../../src-main/contract/reports.ts';
import { setClock } from '../../../src-main/clock.ts';
import { fyLabel } from '../../../src-main/domain/financial-year.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * The Ofsted return, the diversity table and Home's year-to-date figures count each household
 * on its pathway at the date of what they count (the episodes record), as the recruitment tables
 * do: a pathway switch today leaves every earlier year of each of them identical. Every household
 * is written through the contract, as a user would.
 */
const TODAY = '2026-11-26';
const YEARS = ['2020/21', '2021/22', '2022/23', '2023/24', '2024/25', '2025/26'];

type Step =
  | ['eoi' | 'stage1' | 'stage2' | 'panel' | 'approval', string]
  | ['close', string, 'applicant' | 'service']
  | ['cease', string]
  | ['viability', string];

async function household(
  app: TestApp,
  reference: string,
  pathway: 'mainstream' | 'kinship',
  enquiry: string,
  steps: Step[],
  ethnicity: string | null,
): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway,
    enquiryDate: enquiry,
    surname: reference,
    confirmDuplicates: true,
  });
  if (ethnicity) {
    await app.call('carers.savePerson', {
      householdId: id,
      position: 1,
      person: { firstName: 'Sam', surname: reference, dateOfBirth: '1980-02-01', ethnicity, sex: null },
    });
  }
  for (const step of steps) {
    if (step[0] === 'close') {
      const [, date, by] = step;
      await app.call('households.closeHousehold', {
        id,
        date,
        reasonKey: by === 'service' ? 'counselled_out' : 'financial',
        endedBy: by,
      });
    } else if (step[0] === 'viability') {
      await app.call('households.recordJourneyDate', { id, kind: 'viability_request', date: step[1] });
    } else if (step[0] === 'cease') {
      await app.call('households.ceaseHousehold', {
        id,
        noticeDate: new Date(Date.parse(step[1]) - 28 * 86_400_000).toISOString().slice(0, 10),
        date: step[1],
        reasonKey: 'transfer_ifa',
        initiatedBy: 'carer',
      });
    } else {
      await app.call('households.recordMilestone', { id, kind: step[0], date: step[1] });
    }
  }
  return id;
}

const JOURNEY: Array<['eoi' | 'stage1' | 'stage2' | 'panel' | 'approval', number]> = [
  ['eoi', 30],
  ['stage1', 60],
  ['stage2', 120],
  ['panel', 300],
  ['approval', 310],
];
/** The milestones of a household that goes all the way, dated days after its enquiry. */
const approvedAfter = (enquiry: string): Step[] =>
  JOURNEY.map(([kind, days]) => [
    kind,
    new Date(Date.parse(enquiry) + days * 86_400_000).toISOString().slice(0, 10),
  ]);

/** Every earlier year's Ofsted return, diversity table (each pathway) and Home as it stood on each 26 November. */
async function snapshot(app: TestApp) {
  const out: Record<string, unknown> = {};
  for (const fy of YEARS) {
    const r = await app.call('reports.getTable', {
      table: 'ofsted',
      options: { from: fy, to: fy, pathway: 'all', quarterly: false, suppress: false },
    });
    out[`ofsted ${fy}`] = { rows: r.rows, sections: r.sections };
  }
  for (const pathway of REPORT_PATHWAYS) {
    const r = await app.call('reports.getTable', {
      table: 'diversity',
      options: { from: YEARS[0]!, to: YEARS[YEARS.length - 1]!, pathway, quarterly: false, suppress: false },
    });
    out[`diversity ${pathway}`] = { columns: r.columns, rows: r.rows, sections: r.sections };
  }
  // Home as it was on 26 November of each earlier year, and today's comparison with last year.
  for (const day of ['2021-11-26', '2022-11-26', '2023-11-26', '2024-11-26', '2025-11-26', TODAY]) {
    setClock(day);
    try {
      const d = await app.call('planning.getDashboard', {});
      const yearToDate = d.yearToDate.map((r) =>
        // Today's own figures may take in events dated today, after the switch: last year's may not.
        day === TODAY ? { key: r.key, lastYear: r.lastYear } : r,
      );
      out[`home ${day}`] = {
        yearToDate,
        comparators: d.comparators,
        ...(day === TODAY ? {} : { dropouts: d.dropouts }),
      };
    } finally {
      setClock(TODAY);
    }
  }
  return out;
}

const ofstedCell = async (app: TestApp, fy: string, row: string, column: string) => {
  const r = await app.call('reports.getTable', {
    table: 'ofsted',
    options: { from: fy, to: fy, pathway: 'all', quarterly: false, suppress: false },
  });
  return r.rows.find((x) => x.key === row)!.values[column];
};

describe('published returns stay published', () => {
  it('a pathway switch today leaves every earlier year’s Ofsted return, diversity table and Home figures identical', async () => {
    const app = await testApp({ today: TODAY });
    // Family and friends carers approved in 2023/24; one approved in 2021/22 who left in 2024/25.
    const k1 = await household(
      app,
      'K1',
      'kinship',
      '2022-07-04',
      approvedAfter('2022-07-04'),
      'asian_indian',
    );
    const k2 = await household(
      app,
      'K2',
      'kinship',
      '2021-03-01',
      [...approvedAfter('2021-03-01'), ['cease', '2024-06-01']],
      'black_african',
    );
    // Kinship applicants: one withdrew in 2023/24, one was turned down in 2024/25, one still in assessment.
    const k3 = await household(
      app,
      'K3',
      'kinship',
      '2023-05-01',
      [
        ['stage1', '2023-06-01'],
        ['close', '2023-10-01', 'applicant'],
      ],
      'white_irish',
    );
    const k4 = await household(
      app,
      'K4',
      'kinship',
      '2024-04-15',
      [
        ['stage1', '2024-05-15'],
        ['stage2', '2024-07-01'],
        ['close', '2025-01-10', 'service'],
      ],
      null,
    );
    const k5 = await household(app, 'K5', 'kinship', '2024-09-01', [['stage1', '2024-10-01']], 'mixed_other');
    // Mainstream beside them, going the other way: approved in 2022/23, then switched to kinship.
    const m1 = await household(
      app,
      'M1',
      'mainstream',
      '2021-09-01',
      approvedAfter('2021-09-01'),
      'white_british',
    );
    await household(app, 'M2', 'mainstream', '2022-06-01', [['stage1', '2022-08-01']], 'other_arab');
    await household(app, 'M3', 'mainstream', '2024-05-20', [['close', '2024-07-01', 'applicant']], null);
    // A kinship application by its viability request alone (2024/25), still open at 31 March 2025.
    const k6 = await household(app, 'K6', 'kinship', '2024-06-01', [['viability', '2024-06-10']], null);
    // A mainstream application (2024/25) that turns kinship today, with a viability request today:
    // its application stays its Stage 1 start.
    const m4 = await household(app, 'M4', 'mainstream', '2024-08-01', [['stage1', '2024-09-01']], null);
    // K3 comes back this year: its new episode starts on the kinship pathway.
    await app.call('households.reopenHousehold', { id: k3, enquiryDate: '2026-06-01' });

    const before = await snapshot(app);
    // The figures are there to move: K1 is family and friends at 31 March 2025, M1 mainstream.
    expect(await ofstedCell(app, '2024/25', 'households_31_march', 'family_and_friends')).toBe(1);
    expect(await ofstedCell(app, '2024/25', 'households_31_march', 'mainstream')).toBe(1);
    expect(await ofstedCell(app, '2023/24', 'applications_withdrawn', 'family_and_friends')).toBe(1);
    expect(await ofstedCell(app, '2024/25', 'applications_received', 'family_and_friends')).toBe(3); // K4, K5, K6
    expect(await ofstedCell(app, '2024/25', 'applications_received', 'mainstream')).toBe(1); // M4

    for (const id of [k1, k3, k4, k5, k6]) {
      await app.call('households.switchPathway', { id, pathway: 'mainstream', date: TODAY });
    }
    // A household that ceased to foster takes no pathway change after it (domain/pathway-switch.ts).
    await expect(
      app.call('households.switchPathway', { id: k2, pathway: 'mainstream', date: TODAY }),
    ).rejects.toMatchObject({ code: 'rule_violation', field: 'date' });
    for (const id of [m1, m4])
      await app.call('households.switchPathway', { id, pathway: 'kinship', date: TODAY });
    await app.call('households.recordJourneyDate', { id: m4, kind: 'viability_request', date: TODAY });
    expect(await snapshot(app)).toEqual(before);

    // This year's return (to 31 March 2027) counts the households at 31 March on their new pathways.
    const fy = fyLabel(2026);
    expect(await ofstedCell(app, fy, 'households_31_march', 'mainstream')).toBe(1); // K1
    expect(await ofstedCell(app, fy, 'households_31_march', 'family_and_friends')).toBe(1); // M1
    expect(await ofstedCell(app, fy, 'applications_in_progress_31_march', 'mainstream')).toBe(3); // K5, K6, M2
    expect(await ofstedCell(app, fy, 'applications_in_progress_31_march', 'family_and_friends')).toBe(1); // M4
  });
});
