import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { addHousehold, rowOf } from './fixture.ts';

/**
 * A small service built by hand for 2024/25 (1 April 2024 to 31 March 2025), every Ofsted
 * figure counted by hand below. M = mainstream, K = kinship (family and friends).
 */
let app: TestApp;
const ids: Record<string, number> = {};

async function person(h: string, position: 1 | 2, p: Record<string, string | null>) {
  const r = await app.call('carers.savePerson', { householdId: ids[h]!, position, person: p });
  return r.people.find((x) => x.position === position && !x.leftOn)!.id;
}

beforeAll(async () => {
  app = await testApp({ today: '2026-11-26' });
  const db = app.ctx.store.db;
  const add = (ref: string, facts: Omit<Parameters<typeof addHousehold>[1], 'reference'>) =>
    (ids[ref] = addHousehold(db, { reference: ref, ...facts }));
  // M1: enquiry on 1 April (the first day), approved in December; 2 carers, 2 places + 1 in January.
  add('M1', {
    episodes: [{ milestones: { enquiry: '2024-04-01', stage1: '2024-05-01', approval: '2024-12-01' } }],
  });
  // M2: enquired the day before the year; applied in it; withdrew for financial reasons (AW4).
  add('M2', {
    episodes: [
      {
        milestones: { enquiry: '2024-03-31', stage1: '2024-04-10' },
        closure: { date: '2024-06-01', stage: 'stage1', reason: 'financial', endedBy: 'applicant' },
      },
    ],
  });
  // M3: applied, then contact was lost (AW0 by default).
  add('M3', {
    episodes: [
      {
        milestones: { enquiry: '2024-05-01', stage1: '2024-06-01' },
        closure: { date: '2024-09-01', stage: 'stage1', reason: 'lost_contact', endedBy: 'lost_contact' },
      },
    ],
  });
  // M4: counselled out at Stage 2: turned down.
  add('M4', {
    episodes: [
      {
        milestones: { enquiry: '2024-06-01', stage1: '2024-07-01', stage2: '2024-08-01' },
        closure: { date: '2025-02-01', stage: 'stage2', reason: 'counselled_out', endedBy: 'service' },
      },
    ],
  });
  // M5: application received on 31 March: received, and in progress at 31 March.
  add('M5', { episodes: [{ milestones: { enquiry: '2024-07-01', stage1: '2025-03-31' } }] });
  // M6: approved in 2023, deregistered in January (transfer to an IFA); one carer, nothing else recorded.
  add('M6', {
    episodes: [{ milestones: { enquiry: '2023-01-01', stage1: '2023-02-01', approval: '2023-09-01' } }],
    cessation: { date: '2025-01-15', reason: 'transfer_ifa' },
  });
  // M7: approved in 2022, still approved; carer 2 left in February; no places entered.
  add('M7', {
    episodes: [{ milestones: { enquiry: '2022-01-01', stage1: '2022-03-01', approval: '2022-10-01' } }],
  });
  // M8: approved in January and deregistered in March (personal circumstances).
  add('M8', {
    episodes: [{ milestones: { enquiry: '2024-08-01', stage1: '2024-09-01', approval: '2025-01-05' } }],
    cessation: { date: '2025-03-20', reason: 'personal_circumstances' },
  });
  // M9: closed at enquiry: never applied, so no withdrawal.
  add('M9', {
    episodes: [
      {
        milestones: { enquiry: '2024-10-01' },
        closure: { date: '2024-11-01', stage: 'enquiry', reason: 'not_as_expected', endedBy: 'applicant' },
      },
    ],
  });
  // M10: enquired the day after the year.
  add('M10', { episodes: [{ milestones: { enquiry: '2025-04-01' } }] });
  // M11: applied in the year before, still in progress.
  add('M11', { episodes: [{ milestones: { enquiry: '2024-01-01', stage1: '2024-03-01' } }] });
  // M12: enquired, closed, enquired again: two enquiries.
  add('M12', {
    episodes: [
      {
        milestones: { enquiry: '2024-04-15' },
        closure: { date: '2024-05-01', stage: 'enquiry', reason: 'other', endedBy: 'applicant' },
      },
      { milestones: { enquiry: '2024-09-15' } },
    ],
  });
  // K1: kinship, approved in August; one carer, 1 place.
  add('K1', {
    pathway: 'kinship',
    episodes: [{ milestones: { enquiry: '2024-05-01', stage1: '2024-05-10', approval: '2024-08-10' } }],
  });
  // K2: kinship, withdrew: household circumstances changed (AW3).
  add('K2', {
    pathway: 'kinship',
    episodes: [
      {
        milestones: { enquiry: '2024-06-01', stage1: '2024-06-05' },
        closure: { date: '2024-10-01', stage: 'stage1', reason: 'circumstances', endedBy: 'applicant' },
      },
    ],
  });
  // K3: kinship, approved in 2021, deregistered in December (permanence).
  add('K3', {
    pathway: 'kinship',
    episodes: [{ milestones: { enquiry: '2021-01-01', stage1: '2021-02-01', approval: '2021-06-01' } }],
    cessation: { date: '2024-12-01', reason: 'permanence' },
  });

  // Carers and places, entered through the contract as the household record does.
  await person('M1', 1, {
    firstName: 'Ann',
    sex: 'female',
    ethnicity: 'white_british',
    dateOfBirth: '1980-06-15',
  });
  await person('M1', 2, {
    firstName: 'Ben',
    sex: 'male',
    ethnicity: 'black_african',
    dateOfBirth: '1975-03-31',
  });
  await app.call('carers.saveTerms', {
    householdId: ids.M1!,
    places: 2,
    ageFrom: 0,
    ageTo: 18,
    shortBreaks: false,
  });
  await app.call('carers.addPlaceChange', { householdId: ids.M1!, date: '2025-01-10', change: 1 });
  await person('M6', 1, { firstName: 'Cal' });
  await person('M7', 1, { firstName: 'Dev', ethnicity: 'asian_indian', dateOfBirth: '1999-06-01' });
  const left = await person('M7', 2, { firstName: 'Eve', sex: 'female' });
  await app.call('carers.recordPersonLeft', { householdId: ids.M7!, id: left, date: '2025-02-01' });
  await person('K1', 1, {
    firstName: 'Fay',
    sex: 'female',
    ethnicity: 'white_irish',
    dateOfBirth: '1960-01-01',
  });
  await app.call('carers.saveTerms', { householdId: ids.K1!, places: 1 });
});

const ofsted = () => app.call('reports.getTable', { table: 'ofsted', options: { to: '2024/25' } });
const cols = (mainstream: unknown, ff: unknown, all: unknown) => ({
  mainstream,
  family_and_friends: ff,
  all,
});

/** Every main-table figure, counted by hand from the households above. */
const EXPECTED: Record<string, ReturnType<typeof cols>> = {
  // Mainstream only, as Ofsted collects them: K1 and K2's enquiries are counted in no column, and
  // the family and friends column says so rather than read as none enquired.
  initial_enquiries: cols(8, 'not collected', 8), // M1, M3, M4, M5, M8, M9, M12 twice
  applications_received: cols(6, 2, 8), // M1, M2, M3, M4, M5, M8; K1, K2
  applications_approved: cols(2, 1, 3), // M1, M8; K1
  applications_withdrawn: cols(2, 1, 3), // M2, M3; K2
  withdrawn_aw0: cols(1, 0, 1), // M3 (lost contact)
  withdrawn_aw1: cols(0, 0, 0),
  withdrawn_aw2: cols(0, 0, 0),
  withdrawn_aw3: cols(0, 1, 1), // K2
  withdrawn_aw4: cols(1, 0, 1), // M2
  withdrawn_aw5: cols(0, 0, 0),
  applications_turned_down: cols(1, 0, 1), // M4
  applications_in_progress_31_march: cols(2, 0, 2), // M5, M11
  households_approved: cols(2, 1, 3), // M1, M8; K1
  households_deregistered: cols(2, 1, 3), // M6, M8; K3
  deregistered_permanence: cols(0, 1, 1), // K3
  deregistered_transfer_la: cols(0, 0, 0),
  deregistered_transfer_ifa: cols(1, 0, 1), // M6
  deregistered_personal_circumstances: cols(1, 0, 1), // M8
  deregistered_not_for_them: cols(0, 0, 0),
  deregistered_dissatisfied: cols(0, 0, 0),
  deregistered_safeguarding_termination: cols(0, 0, 0),
  deregistered_resigned_prior_to_concerns: cols(0, 0, 0),
  deregistered_other: cols(0, 0, 0),
  approved_and_deregistered: cols(1, 0, 1), // M8
  new_approvals_active_31_march: cols(1, 1, 2), // M1; K1
  households_31_march: cols(2, 1, 3), // M1, M7; K1
  carers_31_march: cols(3, 1, 4), // M1 ×2, M7 (carer 2 left in February); K1
  places_31_march: cols('not recorded', 1, 'not recorded'), // M7 has no places entered; K1: 1
  median_days_application_to_approval: cols(170, 92, 126), // M1 214, M8 126; K1 92
};

describe('report ofsted: every figure against a hand count', () => {
  it('has the rows the issue names, in mainstream / family and friends / all columns', async () => {
    const r = await ofsted();
    expect(r.columns.map((c) => c.key)).toEqual(['mainstream', 'family_and_friends', 'all']);
    expect(r.rows.map((x) => x.key).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(r.period).toContain('1 April 2024 to 31 March 2025');
  });

  it.each(Object.entries(EXPECTED))('%s', async (key, expected) => {
    const r = await ofsted();
    expect(rowOf(r.rows, key)).toEqual(expected);
  });

  it('gives every row a definition, the guidance linked', async () => {
    const r = await ofsted();
    for (const row of r.rows)
      expect(
        r.definitions.some((d) => d.key === row.key),
        row.key,
      ).toBe(true);
    expect(r.definitions.find((d) => d.key === 'source')!.text).toContain(
      'https://www.gov.uk/government/publications/ofsted-annual-fostering-data-collection',
    );
    expect(r.definitions.find((d) => d.key === 'withdrawn_aw4')!.text).toContain(
      'Applicant was unable to continue the process for financial reasons (AW4)',
    );
  });

  it('opens the households behind each figure (a "not recorded" figure opens those it would count)', async () => {
    const drill = async (row: string, column: string, section = '') =>
      (
        await app.call('reports.listHouseholds', {
          table: 'ofsted',
          options: { to: '2024/25' },
          section,
          row,
          column,
        })
      ).households.map((h) => h.reference);
    expect(await drill('applications_withdrawn', 'mainstream')).toEqual(['M2', 'M3']);
    expect(await drill('applications_withdrawn', 'all')).toEqual(['K2', 'M2', 'M3']);
    expect(await drill('initial_enquiries', 'mainstream')).toEqual([
      'M1',
      'M12',
      'M3',
      'M4',
      'M5',
      'M8',
      'M9',
    ]);
    expect(await drill('initial_enquiries', 'family_and_friends')).toEqual([]);
    expect(await drill('places_31_march', 'mainstream')).toEqual(['M1', 'M7']);
    expect(await drill('deregistered_permanence', 'family_and_friends')).toEqual(['K3']);
    expect(await drill('median_days_application_to_approval', 'all')).toEqual(['K1', 'M1', 'M8']);
    expect(await drill('white_british', 'mainstream', 'characteristics_ethnicity')).toEqual(['M1']);
    expect(await drill('not_recorded', 'mainstream', 'characteristics_sex')).toEqual(['M7']);
    expect(await drill('age_50_54', 'all', 'characteristics_age')).toEqual(['M1']); // 50 on 31 March 2025
  });

  it('a value outside the vocabulary (an older or hand-edited file) counts and opens as not recorded', async () => {
    const db = app.ctx.store.db;
    const carer1 = db
      .prepare(
        'SELECT id, sex FROM household_people WHERE household_id = ? AND position = 1 AND left_on IS NULL',
      )
      .get(ids.M1!) as { id: number; sex: string | null };
    db.prepare('UPDATE household_people SET sex = ? WHERE id = ?').run('legacy_code', carer1.id);
    try {
      const listed = await app.call('reports.listHouseholds', {
        table: 'ofsted',
        options: { to: '2024/25' },
        section: 'characteristics_sex',
        row: 'not_recorded',
        column: 'mainstream',
      });
      expect(listed.households.map((h) => h.reference)).toEqual(['M1', 'M7']);
    } finally {
      db.prepare('UPDATE household_people SET sex = ? WHERE id = ?').run(carer1.sex, carer1.id);
    }
  });

  it('counts carer characteristics exactly, as Ofsted takes them, and suppresses them with the return', async () => {
    // Ofsted's template takes counts: "<5" with suppression off could not be returned (helper-236).
    const sexOf = (r: Awaited<ReturnType<typeof ofsted>>) =>
      r.sections.find((s) => s.key === 'characteristics_sex')!;
    const sex = sexOf(await ofsted());
    expect(sex.rows.map((x) => x.key)).toEqual(['male', 'female', 'not_recorded', 'total']);
    expect(rowOf(sex.rows, 'male')).toEqual(cols(1, 0, 1)); // Ben
    expect(rowOf(sex.rows, 'female')).toEqual(cols(1, 1, 2)); // Ann, Fay
    expect(rowOf(sex.rows, 'not_recorded')).toEqual(cols(1, 0, 1)); // Dev (Eve left in February)
    expect(rowOf(sex.rows, 'total')).toEqual(EXPECTED.carers_31_march);
    const suppressed = sexOf(
      await app.call('reports.getTable', { table: 'ofsted', options: { to: '2024/25', suppress: true } }),
    );
    expect(rowOf(suppressed.rows, 'female')).toEqual(cols('<5', '<5', '<5'));
    expect(rowOf(suppressed.rows, 'not_recorded').family_and_friends).toBe(0);
  });

  it('follows the deregistration mapping saved in Settings, and a reason code changed for lost contact', async () => {
    const s = await app.call('carers.saveOfstedSettings', {
      deregistration: { personal_circumstances: 'other' },
    });
    expect(s.deregistration.find((d) => d.reasonKey === 'personal_circumstances')!.category).toBe('other');
    await app.call('reasons.updateReason', { list: 'dropout', key: 'lost_contact', ofstedCode: 'AW2' });
    try {
      const r = await ofsted();
      expect(rowOf(r.rows, 'deregistered_other')).toEqual(cols(1, 0, 1));
      expect(rowOf(r.rows, 'deregistered_personal_circumstances')).toEqual(cols(0, 0, 0));
      expect(rowOf(r.rows, 'withdrawn_aw2')).toEqual(cols(1, 0, 1));
      expect(rowOf(r.rows, 'withdrawn_aw0')).toEqual(cols(0, 0, 0));
    } finally {
      await app.call('carers.saveOfstedSettings', { deregistration: {} });
      await app.call('reasons.updateReason', { list: 'dropout', key: 'lost_contact', ofstedCode: 'AW0' });
    }
  });

  it('runs from the CLI as report ofsted --fy 2024/25 --json, and saves an xlsx laid out by section', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const code = await runCli(['report', 'ofsted', '--fy', '2024/25', '--json', '--db', app.dbPath], io, {});
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n')) as {
      rows: Array<{ key: string; values: Record<string, unknown> }>;
    };
    for (const [key, expected] of Object.entries(EXPECTED))
      expect(rowOf(json.rows, key), key).toEqual(expected);

    const file = await app.call('reports.exportTable', {
      tables: ['ofsted'],
      options: { to: '2024/25' },
      format: 'xlsx',
    });
    const wb = XLSX.read(Buffer.from(file.base64, 'base64'));
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    const line = (label: string) => sheet.find((l) => l[0] === label);
    expect(line('Applications received')?.slice(1, 4)).toEqual([6, 2, 8]);
    expect(line('Initial enquiries')?.slice(1, 4)).toEqual([8, 'not collected', 8]);
    expect(line('Approved places at 31 March')?.slice(1, 4)).toEqual(['not recorded', 1, 'not recorded']);
    expect(sheet.some((l) => l[0] === 'Recruitment')).toBe(true);
  });
});

describe('report diversity: ethnicity of enquirers, applicants and approved carers beside children in care', () => {
  it('counts people by ethnic group per year and cohort, a household with nobody entered as not recorded', async () => {
    await app.call('carers.saveOfstedSettings', {
      childrenInCare: { asAt: '2025-03-31', counts: { white: 120, black: 30, not_recorded: 5 } },
    });
    const r = await app.call('reports.getTable', {
      table: 'diversity',
      options: { from: '2024/25', to: '2024/25', pathway: 'mainstream' },
    });
    const col = (c: string) => Object.fromEntries(r.rows.map((x) => [x.key, x.values[c]]));
    // Enquired in 2024/25: M1 (two people: White, Black), and M3, M4, M5, M8, M9, M12 with nobody entered.
    expect(col('2024/25 enquirers')).toMatchObject({
      white: 1,
      black: 1,
      asian: 0,
      not_recorded: 6,
      total: 8,
    });
    expect(col('2024/25 enquirers').share_white).toBe(50);
    // First approved in 2024/25: M1 and M8.
    expect(col('2024/25 approved')).toMatchObject({ white: 1, black: 1, not_recorded: 1, total: 3 });
    expect(col('children_in_care')).toMatchObject({ white: 120, black: 30, not_recorded: 5, total: 155 });
    expect(col('children_in_care').share_white).toBe(80);
    const detail = r.sections.find((s) => s.key === 'ethnicity')!;
    expect(detail.rows.find((x) => x.key === 'black_african')!.values['2024/25 enquirers']).toBe(1);
    expect(detail.rows[0]!.values.children_in_care).toBe('not recorded');
    const drill = await app.call('reports.listHouseholds', {
      table: 'diversity',
      options: { from: '2024/25', to: '2024/25', pathway: 'mainstream' },
      row: 'black',
      column: '2024/25 enquirers',
    });
    expect(drill.households.map((h) => h.reference)).toEqual(['M1']);
  });
});

describe('report ofsted and diversity: applications received as Settings say', () => {
  /**
   * Four mainstream households whose EOI and Stage 1 start fall apart, counted by hand under
   * each basis for 2024/25. A1: EOI in March 2024 (the year before), Stage 1 in April.
   * A2: EOI in June, withdrew at EOI for financial reasons (AW4), no Stage 1. A3: EOI 1 June,
   * Stage 1 1 July, approved 1 January 2025 (214 days from the EOI, 184 from Stage 1).
   * A4: EOI on 1 March 2025 and nothing since. A5: a Stage 1 start in May with no EOI recorded
   * (under the EOI basis the Stage 1 start stands in for it).
   */
  let basisApp: TestApp;
  // Made in the test (testApp cleans up after the test that made it).
  const setUp = async () => {
    basisApp = await testApp({ today: '2026-11-26' });
    const db = basisApp.ctx.store.db;
    addHousehold(db, {
      reference: 'A1',
      episodes: [{ milestones: { enquiry: '2024-03-01', eoi: '2024-03-20', stage1: '2024-04-20' } }],
    });
    addHousehold(db, {
      reference: 'A2',
      episodes: [
        {
          milestones: { enquiry: '2024-05-01', eoi: '2024-06-01' },
          closure: { date: '2024-08-01', stage: 'eoi', reason: 'financial', endedBy: 'applicant' },
        },
      ],
    });
    addHousehold(db, {
      reference: 'A3',
      episodes: [
        {
          milestones: {
            enquiry: '2024-05-10',
            eoi: '2024-06-01',
            stage1: '2024-07-01',
            approval: '2025-01-01',
          },
        },
      ],
    });
    addHousehold(db, {
      reference: 'A4',
      episodes: [{ milestones: { enquiry: '2025-02-01', eoi: '2025-03-01' } }],
    });
    addHousehold(db, {
      reference: 'A5',
      episodes: [{ milestones: { enquiry: '2024-04-02', stage1: '2024-05-01' } }],
    });
    const people = [
      ['A5', 'white_irish'],
      ['A1', 'white_british'],
      ['A2', 'black_african'],
      ['A3', 'asian_indian'],
      ['A4', 'mixed_other'],
    ] as const;
    for (const [reference, ethnicity] of people) {
      const id = db
        .prepare<[string], number>('SELECT id FROM households WHERE reference = ?')
        .pluck()
        .get(reference)!;
      await basisApp.call('carers.savePerson', {
        householdId: id,
        position: 1,
        person: { firstName: 'P', ethnicity },
      });
    }
  };

  const figures = async () => {
    const r = await basisApp.call('reports.getTable', { table: 'ofsted', options: { to: '2024/25' } });
    const all = (key: string) => rowOf(r.rows, key).all;
    const drill = async (row: string) =>
      (
        await basisApp.call('reports.listHouseholds', {
          table: 'ofsted',
          options: { to: '2024/25' },
          section: '',
          row,
          column: 'all',
        })
      ).households.map((h) => h.reference);
    const diversity = await basisApp.call('reports.getTable', {
      table: 'diversity',
      options: { from: '2024/25', to: '2024/25' },
    });
    const applicants = Object.fromEntries(diversity.rows.map((x) => [x.key, x.values['2024/25 applicants']]));
    return {
      received: all('applications_received'),
      receivedHouseholds: await drill('applications_received'),
      withdrawn: all('applications_withdrawn'),
      aw4: all('withdrawn_aw4'),
      approved: all('applications_approved'),
      inProgress: all('applications_in_progress_31_march'),
      inProgressHouseholds: await drill('applications_in_progress_31_march'),
      days: all('median_days_application_to_approval'),
      applicants: {
        white: applicants.white,
        black: applicants.black,
        asian: applicants.asian,
        mixed: applicants.mixed,
      },
    };
  };

  it('counts from the Stage 1 start by default, from the EOI where Settings say the EOI is the formal application', async () => {
    await setUp();
    expect(await figures()).toEqual({
      received: 3, // A1 (20 April), A3, A5
      receivedHouseholds: ['A1', 'A3', 'A5'],
      withdrawn: 0, // A2 withdrew before any Stage 1
      aw4: 0,
      approved: 1, // A3
      inProgress: 2, // A1, A5
      inProgressHouseholds: ['A1', 'A5'],
      days: 184,
      applicants: { white: 2, black: 0, asian: 1, mixed: 0 },
    });
    await basisApp.call('alerts.setApplicationBasis', { basis: 'eoi' });
    expect(await figures()).toEqual({
      received: 4, // A2, A3, A4, A5 (A1's EOI was in 2023/24)
      receivedHouseholds: ['A2', 'A3', 'A4', 'A5'],
      withdrawn: 1, // A2, withdrawn at EOI
      aw4: 1,
      approved: 1, // A3
      inProgress: 3, // A1, A4, A5
      inProgressHouseholds: ['A1', 'A4', 'A5'],
      days: 214,
      applicants: { white: 1, black: 1, asian: 1, mixed: 1 },
    });
  });
});
