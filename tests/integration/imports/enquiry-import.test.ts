import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { cp1252, household, milestonesOf, snapshot, writeWorkbook, xlDate, xlDate1904 } from './fixtures.ts';
import { fieldSourcesReader } from '../../../src-main/db/field-sources.ts';

const HEADER = [
  'Ref',
  'Date Received',
  'First Name',
  'Surname',
  'E-mail',
  'Post Code',
  'Channel',
  'EOI Date',
  'Stage 1 Start',
  'Stage 2 Start',
  'Date Closed',
  'Reason for Withdrawal',
  'Closed By',
];

describe('importing an enquiry export', () => {
  it('reads an xlsx with a title row, Excel dates, a blank row, duplicates, a conflict and out-of-order dates', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'crm.xlsx'), {
      Enquiries: [
        ['Fostering enquiries, Q1 2024'],
        ['Exported from Mosaic'],
        [],
        HEADER,
        [
          'E1',
          xlDate('2024-03-03'),
          'Zoë',
          'Brontë',
          'ZOE@Example.org',
          'ls11aa',
          'Website',
          xlDate('2024-03-20'),
          '01/04/2024',
          null,
          null,
          null,
          null,
        ],
        [
          'E2',
          '4 March 2024',
          'Sam',
          'Smith',
          'sam@example.org',
          'BD1 2AB',
          'Facebook',
          null,
          null,
          null,
          '05/05/2024',
          'Lost contact / no response',
          'Lost contact',
        ],
        [],
        [
          'E3',
          '2024-03-05',
          'Ann',
          'Lee',
          'ann@example.org',
          'HX1 1AA',
          'Radio',
          '01/03/2024',
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E1',
          xlDate('2024-03-03'),
          'Zoë',
          'Brontë',
          'ZOE@Example.org',
          'ls11aa',
          'Website',
          xlDate('2024-03-20'),
          '01/04/2024',
          null,
          null,
          null,
          null,
        ],
        [
          'E4',
          '06/03/24',
          'Raj',
          'Patel',
          'raj@example.org',
          'S1 1AA',
          'Event',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E4',
          '06/03/24',
          'Raj',
          'Patel',
          'raj2@example.org',
          'S1 1AA',
          'Event',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E5',
          '31/02/2024',
          'Kim',
          'Ng',
          'kim@example.org',
          'LS2 2BB',
          'Event',
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'E6',
          '07/03/2024',
          'Lee',
          'Cole',
          'lee@example.org',
          'LS3 3CC',
          'Carer referral',
          '10/03/2024',
          '20/03/2024',
          '15/03/2024',
          null,
          null,
          null,
        ],
        [
          'E7',
          '08/03/2024',
          'Mo',
          'Ali',
          'mo@example.org',
          'LS4 4DD',
          'Hub',
          '09/03/2024',
          '01/04/2024',
          null,
          '10/05/2024',
          'Moved abroad',
          null,
        ],
      ],
    });
    const r = await app.call('imports.importFile', {
      path: file,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(r).toMatchObject({
      kind: 'enquiries',
      rows: 9,
      new: 3,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
      rejected: 5,
    });
    expect(r.batch).toBeGreaterThan(0);
    // Errors name the Excel row and the column header as written in the file.
    expect(r.errors).toEqual(
      expect.arrayContaining([
        {
          row: 8,
          column: 'EOI Date',
          message: 'EOI / application date 01/03/2024 is before the Enquiry date 05/03/2024.',
        },
        { row: 12, column: 'Date Received', message: '"31/02/2024" is not a real date.' },
        {
          row: 13,
          column: 'Stage 2 Start',
          message: 'Stage 2 date 15/03/2024 is before the Stage 1 date 20/03/2024.',
        },
        expect.objectContaining({
          row: 10,
          column: 'Ref',
          message: expect.stringContaining('rows 10, 11 with different values'),
        }),
        expect.objectContaining({ row: 11, column: 'Ref' }),
      ]),
    );
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        {
          row: 14,
          column: 'Reason for Withdrawal',
          message: expect.stringContaining('"Moved abroad" is not in the list'),
        },
      ]),
    );

    const db = app.ctx.store.db;
    expect(household(db, 'E1')).toMatchObject({
      first_name: 'Zoë',
      surname: 'Brontë',
      email: 'zoe@example.org',
      postcode: 'LS1 1AA',
      source: 'website',
      pathway: 'mainstream',
      status: 'open',
      stage: 'stage1',
      enquiry_date: '2024-03-03',
    });
    expect(milestonesOf(db, 'E1')).toEqual({
      enquiry: '2024-03-03',
      eoi: '2024-03-20',
      stage1: '2024-04-01',
    });
    expect(household(db, 'E2')).toMatchObject({ source: 'social_media', status: 'closed', stage: 'enquiry' });
    const closures = db
      .prepare(
        'SELECT h.reference, c.* FROM closures c JOIN households h ON h.id = c.household_id ORDER BY h.reference',
      )
      .all();
    expect(closures).toMatchObject([
      {
        reference: 'E2',
        date: '2024-05-05',
        stage_reached: 'enquiry',
        reason_key: 'lost_contact',
        reason_text: null,
        ended_by: 'lost_contact',
        source: 'import',
        batch_id: r.batch,
      },
      // Stage reached comes from the milestones before the closure date; unknown reasons keep their text.
      {
        reference: 'E7',
        date: '2024-05-10',
        stage_reached: 'stage1',
        reason_key: 'other',
        reason_text: 'Moved abroad',
        ended_by: 'applicant',
      },
    ]);
    for (const ref of ['E3', 'E4', 'E5', 'E6']) expect(household(db, ref)).toBeUndefined();
    const prov = fieldSourcesReader(db)(household(db, 'E1')!.id as number);
    expect(prov).toContainEqual({ field: 'email', source: 'import', batch_id: r.batch });
    const batch = db.prepare('SELECT * FROM import_batches WHERE id = ?').get(r.batch);
    expect(batch).toMatchObject({
      file_name: 'crm.xlsx',
      sheet: 'Enquiries',
      kind: 'enquiries',
      rows: 9,
      new_count: 3,
      duplicate_count: 1,
      rejected_count: 5,
      user: 'tester',
    });
  });

  it('is idempotent: the same file again changes nothing and reports every row unchanged', async () => {
    const app = await testApp();
    const file = writeWorkbook(join(app.dir, 'e.xlsx'), {
      S: [
        HEADER,
        [
          'A1',
          xlDate('2024-01-10'),
          'Amy',
          'Jones',
          'amy@x.org',
          'LS1 1AA',
          'Website',
          xlDate('2024-02-01'),
          null,
          null,
          null,
          null,
          null,
        ],
        [
          'A2',
          xlDate('2024-01-11'),
          'Ben',
          'Hall',
          'ben@x.org',
          'LS2 1AA',
          'Radio',
          null,
          null,
          null,
          '01/03/2024',
          'Housing',
          'Applicant',
        ],
      ],
    });
    const first = await app.call('imports.importFile', {
      path: file,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(first).toMatchObject({ new: 2, updated: 0, unchanged: 0 });
    const before = snapshot(app.ctx.store.db);
    const second = await app.call('imports.importFile', {
      path: file,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(second).toMatchObject({ rows: 2, new: 0, updated: 0, unchanged: 2, duplicates: 0, rejected: 0 });
    expect(snapshot(app.ctx.store.db)).toEqual(before);
  });

  it('reads 1904-system workbooks, xls and ods', async () => {
    const app = await testApp();
    const rows = (cell: (iso: string) => unknown) => [
      ['Reference', 'Enquiry Date', 'Surname', 'Approval Date', 'Stage 2'],
      ['W1', cell('2023-06-01'), 'Khan', cell('2024-02-01'), cell('2023-09-01')],
    ];
    const f1904 = writeWorkbook(
      join(app.dir, 'mac.xlsx'),
      { S: rows(xlDate1904) as never },
      { date1904: true },
    );
    await app.call('imports.importFile', { path: f1904, kind: 'auto', dryRun: false, overwriteHand: false });
    expect(milestonesOf(app.ctx.store.db, 'W1')).toEqual({
      enquiry: '2023-06-01',
      stage2: '2023-09-01',
      approval: '2024-02-01',
    });

    for (const bookType of ['xls', 'ods'] as const) {
      const f = writeWorkbook(
        join(app.dir, `e.${bookType}`),
        {
          Notes: [['Nothing here']],
          Data: [
            ['Title'],
            ['Reference', 'Enquiry Date', 'Surname'],
            [`${bookType}-1`, xlDate('2024-05-06'), 'Ødegård'],
          ],
        },
        { bookType: bookType === 'xls' ? 'biff8' : 'ods' },
      );
      const r = await app.call('imports.importFile', {
        path: f,
        kind: 'auto',
        dryRun: false,
        overwriteHand: false,
      });
      expect(r).toMatchObject({ new: 1, rejected: 0 });
      expect(household(app.ctx.store.db, `${bookType}-1`)).toMatchObject({
        surname: 'Ødegård',
        enquiry_date: '2024-05-06',
      });
    }
  });

  it('reads cp1252 CSV with ; separators and UTF-8 CSV with a BOM and tabs', async () => {
    const app = await testApp();
    const semi = join(app.dir, 'web.csv');
    writeFileSync(
      semi,
      cp1252(
        'Web form export\r\nReference;Date of enquiry;Forename;Surname;How did you hear about us\r\nC1;03/03/2024;Zoë;Brontë;Word of mouth\r\n;;;;\r\nC2;"4 March 2024";José;Núñez;"Radio"\r\n',
      ),
    );
    const r = await app.call('imports.importFile', {
      path: semi,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(r).toMatchObject({ rows: 2, new: 2, rejected: 0 });
    expect(household(app.ctx.store.db, 'C1')).toMatchObject({
      first_name: 'Zoë',
      surname: 'Brontë',
      source: 'word_of_mouth',
      enquiry_date: '2024-03-03',
    });
    expect(household(app.ctx.store.db, 'C2')).toMatchObject({
      first_name: 'José',
      surname: 'Núñez',
      source: 'radio',
      enquiry_date: '2024-03-04',
    });

    const tab = join(app.dir, 'hub.csv');
    writeFileSync(tab, '\uFEFFRef\tEnquiry Date\tName\tEmail\nT1\t2024-04-01\tZoë Brontë\tzb@x.org\n');
    await app.call('imports.importFile', { path: tab, kind: 'auto', dryRun: false, overwriteHand: false });
    expect(household(app.ctx.store.db, 'T1')).toMatchObject({
      first_name: 'Zoë',
      surname: 'Brontë',
      email: 'zb@x.org',
    });
  });
});
