import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { household, milestonesOf, snapshot, writeWorkbook, xlDate } from './fixtures.ts';

/**
 * Carers, approval terms and places from a carers register (issue 14), and the kinship
 * journey's dates from an export (issue 15): real workbooks, headed as registers head them,
 * imported with no mapping; bad values refused by row and column; undo takes them away again.
 */
const run = (app: TestApp, path: string, overwriteHand = false) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand });

const people = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare(
      `SELECT p.position, p.first_name, p.surname, p.date_of_birth, p.sex, p.ethnicity, p.relationship_status,
              p.source, p.batch_id
       FROM household_people p JOIN households h ON h.id = p.household_id WHERE h.reference = ? ORDER BY p.position`,
    )
    .all(reference);
const terms = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare(
      `SELECT t.places, t.age_from, t.age_to, t.short_breaks, t.parent_and_child, t.source, t.batch_id
       FROM approval_terms t JOIN households h ON h.id = t.household_id WHERE h.reference = ?`,
    )
    .get(reference);
const journey = (app: TestApp, reference: string) =>
  Object.fromEntries(
    (
      app.ctx.store.db
        .prepare(
          `SELECT j.kind, j.date, j.detail, j.reason FROM journey_dates j JOIN households h ON h.id = j.household_id
           WHERE h.reference = ? ORDER BY j.kind`,
        )
        .all(reference) as Array<{ kind: string; date: string; detail: string | null; reason: string | null }>
    ).map((j) => [j.kind, j.detail ? `${j.date} ${j.detail}` : j.reason ? `${j.date} ${j.reason}` : j.date]),
  );

const REGISTER = [
  'Foster Carer No.',
  'Carer 1 First Name',
  'Carer 1 Surname',
  'Carer 1 DOB',
  'Carer 1 Gender',
  'Carer 1 Ethnicity',
  'Carer 2 Name',
  'Carer 2 D.O.B.',
  'Carer 2 Sex',
  'Carer 2 Ethnicity',
  'Marital Status',
  'Date of Approval',
  'Number of Places',
  'Age Range',
  'Short Breaks',
  'Parent and Child',
];

describe('a carers register with carer, terms and places columns', () => {
  it('lands carer 1 and 2, their characteristics and the approval terms, with no --map', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'register.xlsx'), {
      'Approved Carers': [
        ['Register of Approved Foster Carers at 31/03/2026'],
        [],
        REGISTER,
        [
          'FC1',
          'Joan',
          'Ashby',
          xlDate('1970-03-02'),
          'Female',
          'White British',
          'Mark Ashby',
          xlDate('1968-07-01'),
          'M',
          'Irish',
          'Married',
          xlDate('2019-05-01'),
          2,
          '0-18',
          'Yes',
          'No',
        ],
        [
          'FC2',
          'Lena',
          'Price',
          '14/02/1985',
          'F',
          'Black African',
          null,
          null,
          null,
          null,
          'Single',
          xlDate('2021-06-30'),
          '1',
          '5 to 11 years',
          'N',
          'n/a',
        ],
      ],
    });
    const r = await run(app, file);
    expect(r).toMatchObject({ kind: 'carers', rows: 2, new: 2, rejected: 0, errors: [], warnings: [] });
    // The household takes carer 1's name when it has no name columns of its own.
    expect(household(app.ctx.store.db, 'FC1')).toMatchObject({ first_name: 'Joan', surname: 'Ashby' });
    expect(people(app, 'FC1')).toEqual([
      {
        position: 1,
        first_name: 'Joan',
        surname: 'Ashby',
        date_of_birth: '1970-03-02',
        sex: 'female',
        ethnicity: 'white_british',
        relationship_status: 'married',
        source: 'import',
        batch_id: r.batch,
      },
      {
        position: 2,
        first_name: 'Mark',
        surname: 'Ashby',
        date_of_birth: '1968-07-01',
        sex: 'male',
        ethnicity: 'white_irish',
        relationship_status: null,
        source: 'import',
        batch_id: r.batch,
      },
    ]);
    expect(people(app, 'FC2')).toMatchObject([
      { position: 1, first_name: 'Lena', date_of_birth: '1985-02-14', ethnicity: 'black_african' },
    ]);
    expect(terms(app, 'FC1')).toEqual({
      places: 2,
      age_from: 0,
      age_to: 18,
      short_breaks: 1,
      parent_and_child: 0,
      source: 'import',
      batch_id: r.batch,
    });
    expect(terms(app, 'FC2')).toMatchObject({ places: 1, age_from: 5, age_to: 11, parent_and_child: null });

    // The Ofsted return counts them: carers and places at 31 March.
    const ofsted = await app.call('reports.getTable', { table: 'ofsted', options: { to: '2025/26' } });
    const row = (key: string) => ofsted.rows.find((x) => x.key === key)!.values;
    expect(row('carers_31_march')).toMatchObject({ mainstream: 3 });
    expect(row('places_31_march')).toMatchObject({ mainstream: 3 });
  });

  it('refuses a row with a bad value, naming its row and column, and stores nothing of it', async () => {
    const app = await testApp();
    const ok = [
      'FC9',
      'Ok',
      'Row',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      xlDate('2020-01-01'),
      1,
      null,
      null,
      null,
    ];
    const bad = (ref: string, column: number, value: string | number) => {
      const row: Array<string | number | null | ReturnType<typeof xlDate>> = [...ok];
      row[0] = ref;
      row[column] = value;
      return row;
    };
    const file = writeWorkbook(join(app.dir, 'bad.xlsx'), {
      S: [
        REGISTER,
        ok,
        bad('B1', 5, 'Martian'),
        bad('B2', 3, '01/01/2030'),
        bad('B3', 12, 'two'),
        bad('B4', 13, '18-5'),
        bad('B5', 14, 'maybe'),
        bad('B6', 8, 'Unknown'),
      ],
    });
    const r = await run(app, file);
    expect(r).toMatchObject({ new: 2, rejected: 5 });
    expect(r.errors).toEqual([
      {
        row: 3,
        column: 'Carer 1 Ethnicity',
        message: expect.stringMatching(/^Ethnicity "Martian" is not a category the app records/),
      },
      { row: 4, column: 'Carer 1 DOB', message: 'Date of birth 01/01/2030 is in the future.' },
      {
        row: 5,
        column: 'Number of Places',
        message: 'Number of places "two" is not a whole number from 0 to 20.',
      },
      {
        row: 6,
        column: 'Age Range',
        message: 'Age range "18-5" is not two ages from 0 to 25, youngest first (e.g. "0-18").',
      },
      { row: 7, column: 'Short Breaks', message: 'Short breaks "maybe" is neither yes nor no.' },
    ]);
    for (const ref of ['B1', 'B2', 'B3', 'B4', 'B5'])
      expect(household(app.ctx.store.db, ref)).toBeUndefined();
    // "Unknown" is not recorded, not an error.
    expect(people(app, 'B6')).toMatchObject([{ position: 1, sex: null }]);
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM household_people').pluck().get()).toBe(2);
  });

  it('a later register updates them, keeps what was typed by hand, and undo puts back exactly what was there', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const first = writeWorkbook(join(app.dir, 'first.xlsx'), {
      S: [
        ['Carer Ref', 'Carer 1 Name', 'Ethnicity', 'Date Approved', 'Places', 'Age From', 'Age To'],
        ['U1', 'Sade Bello', 'Black Caribbean', xlDate('2016-01-20'), 2, 0, 10],
        ['U2', 'Tom Reid', 'White British', xlDate('2010-07-01'), 1, 5, 18],
      ],
    });
    const a = await run(app, first);
    expect(a).toMatchObject({ new: 2, errors: [] });
    const u2 = household(db, 'U2')!.id as number;
    const tom = (await app.call('carers.getCarers', { householdId: u2 })).people[0]!;
    await app.call('carers.savePerson', {
      householdId: u2,
      id: tom.id,
      position: 1,
      person: { firstName: 'Tom', surname: 'Reid', ethnicity: 'white_other' },
    });
    const before = { ...snapshot(db), people: people(app, 'U1'), terms: terms(app, 'U1') };

    const second = writeWorkbook(join(app.dir, 'second.xlsx'), {
      S: [
        [
          'Carer Ref',
          'Carer 1 Name',
          'Ethnicity',
          'Partner Name',
          'Date Approved',
          'Places',
          'Age From',
          'Age To',
        ],
        ['U1', 'Sade Bello', 'Black African', 'Ade Bello', xlDate('2016-01-20'), 3, 0, 10],
        ['U2', 'Tom Reid', 'Irish', null, xlDate('2010-07-01'), 1, 5, 18],
      ],
    });
    const b = await run(app, second);
    expect(b).toMatchObject({ updated: 1, unchanged: 1, errors: [] });
    expect(b.warnings).toEqual([
      {
        row: 2,
        column: 'Partner Name',
        message:
          'U1: Ade Bello joins as carer 2 on 26/11/2026, the day of this import (a register does not say when a carer joined): enter the date they joined on the record.',
      },
      {
        row: 2,
        column: 'Places',
        message:
          'U1: its places go from 2 to 3 on 26/11/2026, the day of this import (a register gives the places it has now, not since when): enter the date of the change on the record.',
      },
      {
        row: 3,
        column: 'Ethnicity',
        message: 'Kept the carer 1\'s details entered by hand (choose "overwrite" to replace it).',
      },
    ]);
    expect(people(app, 'U1')).toMatchObject([
      { position: 1, ethnicity: 'black_african', batch_id: b.batch },
      { position: 2, first_name: 'Ade', surname: 'Bello', batch_id: b.batch },
    ]);
    // The places at approval stay; the register's number is a change dated the import's day (register-places.test.ts).
    expect(terms(app, 'U1')).toMatchObject({ places: 2, age_from: 0, age_to: 10, batch_id: a.batch });
    const u1 = household(db, 'U1')!.id as number;
    expect((await app.call('carers.getCarers', { householdId: u1 })).placesToday).toBe(3);
    expect(people(app, 'U2')).toMatchObject([{ ethnicity: 'white_other', source: 'hand' }]);

    await app.call('imports.undoImport', { batchId: b.batch! });
    expect({ ...snapshot(db), people: people(app, 'U1'), terms: terms(app, 'U1') }).toEqual(before);
    expect(people(app, 'U1')).toMatchObject([{ ethnicity: 'black_caribbean', batch_id: a.batch }]);

    // The first import cannot be undone under the hand edit of U2's carer.
    await expect(app.call('imports.undoImport', { batchId: a.batch! })).rejects.toThrow(
      /household U2 was changed afterwards by tester on \d\d\/\d\d\/\d{4} \("Carer 1 details changed: ethnicity" in its timeline\)/,
    );
    expect(db.prepare('SELECT COUNT(*) FROM approval_terms').pluck().get()).toBe(2);
  });
});

describe('erasure is final for carers too', () => {
  it('a purged household takes no carer details from a later import; the row still counts', async () => {
    const app = await testApp();
    const csv = join(app.dir, 'enquiry.csv');
    writeFileSync(
      csv,
      'Reference,Enquiry date,First name,Surname,Date closed,Closure reason\r\nP1,01/03/2020,Ann,Lee,01/09/2020,Lost contact\r\n',
    );
    await run(app, csv);
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    const again = join(app.dir, 'again.csv');
    writeFileSync(
      again,
      'Reference,Enquiry date,Date of Birth,Ethnicity\r\nP1,01/03/2020,02/02/1980,White British\r\n',
    );
    const r = await run(app, again);
    expect(r).toMatchObject({ rows: 1, unchanged: 1, rejected: 0 });
    expect(r.warnings).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringMatching(/carers were not imported/) }),
    ]);
    // With the household's own name in the row too, one warning says so.
    const named = join(app.dir, 'named.csv');
    writeFileSync(
      named,
      'Reference,Enquiry date,Surname,Carer 1 Surname,Ethnicity\r\nP1,01/03/2020,Lee,Lee,White British\r\n',
    );
    const n = await run(app, named);
    expect(n.warnings).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Surname',
        message: expect.stringMatching(/were not imported/),
      }),
    ]);
    expect(people(app, 'P1')).toEqual([]);
  });
});

describe('the kinship journey and application received from an export', () => {
  const HEADERS = [
    'Reference',
    'Enquiry Date',
    'Surname',
    'Viability Request Date',
    'Viability Outcome',
    'Viability Outcome Date',
    'Reg 24 Placement Date',
    'Reg 25 Extension Date',
    'Extension Reason',
    'IRM Pending',
    'IRM Concluded',
    'Application Received',
    'Stage 2 Start',
    'Panel Date',
    'Panel Minutes Received',
  ];
  const d = (iso: string | null) => (iso ? xlDate(iso) : null);
  const row = (
    ref: string,
    dates: Partial<Record<(typeof HEADERS)[number], string>>,
    text: { result?: string; reason?: string } = {},
  ) =>
    HEADERS.map((h) =>
      h === 'Reference'
        ? ref
        : h === 'Surname'
          ? `Family ${ref}`
          : h === 'Viability Outcome'
            ? (text.result ?? null)
            : h === 'Extension Reason'
              ? (text.reason ?? null)
              : d(dates[h] ?? null),
    );

  it('lands each step in its episode, checked as by hand; a kinship household is recognised by its steps', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'kinship.xlsx'), {
      S: [
        HEADERS,
        row(
          'K1',
          {
            'Enquiry Date': '2026-01-05',
            'Viability Request Date': '2026-01-06',
            'Viability Outcome Date': '2026-01-20',
            'Reg 24 Placement Date': '2026-01-10',
            'Reg 25 Extension Date': '2026-05-01',
            'IRM Pending': '2026-05-10',
            'IRM Concluded': '2026-06-01',
            'Stage 2 Start': '2026-02-01',
            'Panel Date': '2026-07-01',
            'Panel Minutes Received': '2026-07-08',
          },
          { result: 'Positive', reason: 'Court timetable' },
        ),
        row('M1', { 'Enquiry Date': '2026-02-02', 'Application Received': '2026-03-01' }),
        row(
          'K3',
          {
            'Enquiry Date': '2026-01-05',
            'Viability Request Date': '2026-02-01',
            'Viability Outcome Date': '2026-01-20',
          },
          { result: 'negative' },
        ),
        row('K4', {
          'Enquiry Date': '2026-01-05',
          'Reg 24 Placement Date': '2026-01-10',
          'Reg 25 Extension Date': '2026-04-01',
        }),
        row(
          'K5',
          { 'Enquiry Date': '2026-01-05', 'Viability Request Date': '2026-01-06' },
          { result: 'Positive' },
        ),
        row('M6', { 'Enquiry Date': '2026-02-02', 'Panel Minutes Received': '2026-03-01' }),
      ],
    });
    const r = await run(app, file);
    expect(r).toMatchObject({ new: 2, rejected: 4 });
    // In the file's order, whether a row shows the problem on its own or it is found against the journey.
    expect(r.errors).toEqual([
      {
        row: 4,
        column: 'Viability Outcome Date',
        message: 'Viability outcome date 20/01/2026 is before the viability request date 01/02/2026.',
      },
      { row: 5, column: 'Extension Reason', message: 'Say why the temporary approval was extended.' },
      {
        row: 6,
        column: 'Viability Outcome',
        message: 'A positive viability outcome needs its date (a "Viability Outcome Date" column).',
      },
      {
        row: 7,
        column: 'Panel Minutes Received',
        message: 'Record the panel before the panel minutes received.',
      },
    ]);
    expect(household(app.ctx.store.db, 'K1')).toMatchObject({ pathway: 'kinship' });
    expect(journey(app, 'K1')).toEqual({
      extension: '2026-05-01 Court timetable',
      irm_pending_from: '2026-05-10',
      irm_pending_to: '2026-06-01',
      panel_minutes: '2026-07-08',
      reg24_placement: '2026-01-10',
      viability_outcome: '2026-01-20 positive',
      viability_request: '2026-01-06',
    });
    // Application received is the Stage 1 start (the default in Settings).
    expect(household(app.ctx.store.db, 'M1')).toMatchObject({ pathway: 'mainstream' });
    expect(milestonesOf(app.ctx.store.db, 'M1')).toEqual({ enquiry: '2026-02-02', stage1: '2026-03-01' });
    // The episode record, which the reports read, carries them.
    expect(
      app.ctx.store.db
        .prepare(
          `SELECT e.viability_request, e.viability_outcome, e.reg24_placement, e.panel_minutes
           FROM episodes e JOIN households h ON h.id = e.household_id WHERE h.reference = 'K1'`,
        )
        .get(),
    ).toEqual({
      viability_request: '2026-01-06',
      viability_outcome: '2026-01-20',
      reg24_placement: '2026-01-10',
      panel_minutes: '2026-07-08',
    });
  });

  it('adds steps to a household already held, in one undoable change; an EOI basis puts application received on the EOI', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    await app.call('alerts.setApplicationBasis', { basis: 'eoi' });
    const plain = writeWorkbook(join(app.dir, 'plain.xlsx'), {
      S: [
        ['Reference', 'Enquiry Date', 'Surname', 'Pathway'],
        ['K7', xlDate('2026-03-02'), 'Family K7', 'Kinship'],
        ['M8', xlDate('2026-03-02'), 'Family M8', 'Mainstream'],
      ],
    });
    await run(app, plain);
    const before = snapshot(db);
    const steps = writeWorkbook(join(app.dir, 'steps.xlsx'), {
      S: [
        ['Reference', 'Viability Request Date', 'Reg 24 Placement Date', 'Application Date', 'EOI Date'],
        ['K7', xlDate('2026-03-03'), xlDate('2026-03-09'), null, null],
        ['M8', null, null, xlDate('2026-04-01'), null],
      ],
    });
    const r = await run(app, steps);
    expect(r).toMatchObject({ updated: 2, errors: [] });
    expect(journey(app, 'K7')).toEqual({ reg24_placement: '2026-03-09', viability_request: '2026-03-03' });
    expect(milestonesOf(db, 'M8')).toEqual({ enquiry: '2026-03-02', eoi: '2026-04-01' });
    // The reg 24 clock runs from the placement.
    const k7 = await app.call('households.getHousehold', { id: household(db, 'K7')!.id as number });
    expect(k7.alerts).toContainEqual(expect.objectContaining({ kind: 'reg24_first', due: '2026-06-29' }));

    // The same file again changes nothing.
    expect(await run(app, steps)).toMatchObject({ updated: 0, unchanged: 2 });
    await app.call('imports.undoImport', { batchId: r.batch! });
    expect(journey(app, 'K7')).toEqual({});
    expect(snapshot(db)).toEqual(before);
  });
});
