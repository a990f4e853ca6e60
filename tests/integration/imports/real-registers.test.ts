import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { tempDir, testApp } from '../../support/temp.ts';
import { hashDb, writeWorkbook, xlDate } from './fixtures.ts';
import { formatUkDateTime } from '../../../src-main/domain/dates.ts';

/** A fresh database and a way to import into it and read it back. */
async function service() {
  const dir = tempDir();
  const db = join(dir, 'service.db');
  expect((await cli('init', '--db', db)).code).toBe(0);
  const read = <T>(sql: string, ...params: unknown[]): T[] => {
    const d = new Database(db, { readonly: true });
    try {
      return d.prepare(sql).all(...params) as T[];
    } finally {
      d.close();
    }
  };
  const importJson = async (file: string, ...args: string[]) => {
    const r = await cli('import', file, '--db', db, '--json', ...args);
    return { ...r, json: JSON.parse(r.out) as Record<string, unknown> };
  };
  const households = () =>
    read<Record<string, unknown>>(
      `SELECT reference, first_name, surname, email, telephone, postcode, source, household_type, status, stage
       FROM households ORDER BY reference`,
    );
  const milestones = () =>
    read<{ reference: string; kind: string; date: string }>(
      `SELECT h.reference, m.kind, m.date FROM milestones m JOIN households h ON h.id = m.household_id
       ORDER BY h.reference, m.date, m.kind`,
    );
  const cessations = () =>
    read<Record<string, unknown>>(
      `SELECT h.reference, c.date, c.reason_key, c.reason_text FROM cessations c
       JOIN households h ON h.id = c.household_id ORDER BY h.reference`,
    );
  return { dir, db, importJson, households, milestones, cessations };
}

describe('real registers and exports import from the CLI with no --map', () => {
  it('a carers register headed "Foster Carer No.", "Date of Approval", "Date Deregistered", "Reason for Deregistration"', async () => {
    const s = await service();
    const file = writeWorkbook(join(s.dir, 'register.xlsx'), {
      'Approved Carers': [
        ['Fostering Service: Register of Approved Foster Carers'],
        ['Printed 02/04/2025'],
        [],
        [
          'Foster Carer No.',
          'Carer Name(s)',
          'Date of Approval',
          'Date Deregistered',
          'Reason for Deregistration',
          'Tel No.',
        ],
        ['FC0101', 'Joan Ashby', xlDate('2012-09-14'), null, null, '01134960001'],
        ['FC0102', 'Peter Okafor', xlDate('2018-03-02'), xlDate('2024-11-29'), 'Retired', 7700900102],
        ['FC0103', 'Lena Price', xlDate('2021-06-30'), xlDate('2025-01-10'), 'Moved to an IFA', null],
      ],
    });
    const r = await s.importJson(file);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ batch: 1, kind: 'carers', rows: 3, new: 3, rejected: 0, errors: [] });
    expect(s.households()).toMatchObject([
      {
        reference: 'FC0101',
        first_name: 'Joan',
        surname: 'Ashby',
        telephone: '0113 496 0001',
        status: 'approved',
      },
      { reference: 'FC0102', surname: 'Okafor', telephone: '07700 900102', status: 'ceased' },
      { reference: 'FC0103', surname: 'Price', status: 'ceased' },
    ]);
    expect(s.milestones()).toEqual([
      { reference: 'FC0101', kind: 'approval', date: '2012-09-14' },
      { reference: 'FC0102', kind: 'approval', date: '2018-03-02' },
      { reference: 'FC0103', kind: 'approval', date: '2021-06-30' },
    ]);
    expect(s.cessations()).toEqual([
      {
        reference: 'FC0102',
        date: '2024-11-29',
        reason_key: 'personal_circumstances',
        reason_text: 'Retired',
      },
      { reference: 'FC0103', date: '2025-01-10', reason_key: 'transfer_ifa', reason_text: 'Moved to an IFA' },
    ]);
  });

  it('two registers worded differently (a Liquidlogic-style list and a resignations log in CSV)', async () => {
    const s = await service();
    const ll = writeWorkbook(join(s.dir, 'll-register.xlsx'), {
      Report: [
        [
          'Household Ref.',
          'Main Carer Forename',
          'Main Carer Surname',
          'Date First Approved',
          'Approval End Date',
          'Reason for End of Approval',
          'Home Postcode',
        ],
        ['HH-77', 'Sade', 'Bello', xlDate('2016-01-20'), null, null, 'ls6 2aa'],
        ['HH-78', 'Tom', 'Reid', xlDate('2010-07-01'), xlDate('2024-08-31'), 'Retirement', 'LS7 3BB'],
      ],
    });
    const a = await s.importJson(ll);
    expect(a.json).toMatchObject({ kind: 'carers', new: 2, rejected: 0, errors: [] });
    const csv = join(s.dir, 'resignations.csv');
    writeFileSync(
      csv,
      [
        'Carer ID;Carers;Approved On;Resigned/Deregistered Date;Why Carer Resigned',
        'HH-78;Tom Reid;01/07/2010;31/08/2024;Retirement',
        'HH-90;Ruth Moss;12/05/2015;28/02/2025;Health',
      ].join('\r\n'),
    );
    const b = await s.importJson(csv);
    expect(b.json).toMatchObject({ kind: 'carers', rows: 2, new: 1, unchanged: 1, rejected: 0, errors: [] });
    expect(s.households()).toMatchObject([
      { reference: 'HH-77', first_name: 'Sade', surname: 'Bello', postcode: 'LS6 2AA', status: 'approved' },
      { reference: 'HH-78', first_name: 'Tom', surname: 'Reid', status: 'ceased' },
      { reference: 'HH-90', first_name: 'Ruth', surname: 'Moss', status: 'ceased' },
    ]);
    expect(s.cessations()).toMatchObject([
      { reference: 'HH-78', date: '2024-08-31' },
      { reference: 'HH-90', date: '2025-02-28', reason_text: 'Health' },
    ]);
  });

  it('enquiry exports from a web form and a CRM, headed their own ways', async () => {
    const s = await service();
    const form = join(s.dir, 'web-form.csv');
    writeFileSync(
      form,
      [
        'Submission ID,Submitted On,Your first name(s),Your surname,E-mail address,Phone number,Post code,How did you hear about us?,Single applicant or couple?',
        'WF-1001,03/02/2025,Priya,Shah,priya@example.org,+44 7700 900201,B1 1AA,Facebook,Couple',
        'WF-1002,04/02/2025,Gareth,Jones,gareth@example.org,07700900202,B2 2BB,Radio advert,Single',
      ].join('\n'),
    );
    const a = await s.importJson(form);
    expect(a.json).toMatchObject({ kind: 'enquiries', new: 2, rejected: 0, errors: [], warnings: [] });

    const crm = writeWorkbook(join(s.dir, 'crm.xlsx'), {
      Enquiries: [
        [
          'Person ID',
          'Contact Date/Time',
          'Forename(s)',
          'Surname',
          'Tel. (Mobile)',
          'E-mail',
          'Enquiry Source',
          'Date EOI Received',
          'Stage One Commenced',
          'Date Withdrawn',
          'Withdrawal Reason',
        ],
        [
          'P-501',
          xlDate('2024-09-02'),
          'Ola',
          'Adeyemi',
          7700900301,
          'ola@example.org',
          'Website',
          xlDate('2024-09-20'),
          xlDate('2024-10-15'),
          null,
          null,
        ],
        [
          'P-502',
          xlDate('2024-09-05'),
          'Kim',
          'Ng',
          '07700 900302',
          'kim@example.org',
          'Event',
          xlDate('2024-09-30'),
          null,
          xlDate('2024-11-01'),
          'Lost contact / no response',
        ],
      ],
    });
    const b = await s.importJson(crm);
    expect(b.json).toMatchObject({ kind: 'enquiries', new: 2, rejected: 0, errors: [] });
    expect(s.households()).toMatchObject([
      {
        reference: 'P-501',
        first_name: 'Ola',
        telephone: '07700 900301',
        source: 'website',
        stage: 'stage1',
      },
      { reference: 'P-502', first_name: 'Kim', telephone: '07700 900302', source: 'event', status: 'closed' },
      {
        reference: 'WF-1001',
        first_name: 'Priya',
        surname: 'Shah',
        email: 'priya@example.org',
        telephone: '07700 900201',
        postcode: 'B1 1AA',
        source: 'social_media',
        household_type: 'Couple',
      },
      { reference: 'WF-1002', telephone: '07700 900202', source: 'radio', household_type: 'Single' },
    ]);
    expect(s.milestones().filter((m) => m.reference === 'P-501')).toEqual([
      { reference: 'P-501', kind: 'enquiry', date: '2024-09-02' },
      { reference: 'P-501', kind: 'eoi', date: '2024-09-20' },
      { reference: 'P-501', kind: 'stage1', date: '2024-10-15' },
    ]);
  });
});

describe('telephone numbers from an office-touched copy', () => {
  it('the same people, with numbers that lost their leading 0, import as unchanged; other countries stay as typed', async () => {
    const s = await service();
    const header = ['Reference', 'Enquiry Date', 'First Name', 'Surname', 'Telephone'];
    const people: Array<[string, string, string, string]> = [
      ['T1', 'Ann', 'Lee', '07305006212'],
      ['T2', 'Bo', 'Khan', '0113 496 0000'],
      ['T3', 'Cy', 'Moss', '+44 (0)20 7946 0000'],
      ['T4', 'Di', 'Roux', '+33 1 23 45 67 89'],
    ];
    const original = writeWorkbook(join(s.dir, 'original.xlsx'), {
      S: [header, ...people.map(([ref, f, sn, tel]) => [ref, xlDate('2024-05-01'), f, sn, tel])],
    });
    expect((await s.importJson(original)).json).toMatchObject({ new: 4, errors: [] });
    expect(s.households().map((h) => h.telephone)).toEqual([
      '07305 006212',
      '0113 496 0000',
      '020 7946 0000',
      '+33 1 23 45 67 89',
    ]);
    // What Excel or LibreOffice saves after reading the column as numbers.
    const touched = writeWorkbook(join(s.dir, 'touched.xlsx'), {
      S: [
        header,
        ['T1', xlDate('2024-05-01'), 'Ann', 'Lee', 7305006212],
        ['T2', xlDate('2024-05-01'), 'Bo', 'Khan', 1134960000],
        ['T3', xlDate('2024-05-01'), 'Cy', 'Moss', 442079460000],
        ['T4', xlDate('2024-05-01'), 'Di', 'Roux', '+33 1 23 45 67 89'],
      ],
    });
    const stored = s.households();
    const again = await s.importJson(touched);
    expect(again.json).toMatchObject({ rows: 4, new: 0, updated: 0, unchanged: 4, errors: [] });
    // And as a CSV re-saved by a spreadsheet: the same digits, as text.
    const csv = join(s.dir, 'touched.csv');
    writeFileSync(
      csv,
      'Reference,Enquiry Date,First Name,Surname,Telephone\nT1,01/05/2024,Ann,Lee,7305006212\nT2,01/05/2024,Bo,Khan,1134960000\n',
    );
    expect((await s.importJson(csv)).json).toMatchObject({ rows: 2, unchanged: 2, updated: 0 });
    expect(s.households()).toEqual(stored);
  });
});

describe('--map, --save-profile and profiles', () => {
  it('a register whose reference column is not recognised: refused naming the columns, then mapped by hand, saved, and reused', async () => {
    const s = await service();
    const rows = (ref: string) => [
      ['Panel Register', 'Date of Approval', 'Surname'],
      [ref, xlDate('2020-03-03'), 'Lowe'],
    ];
    const file = writeWorkbook(join(s.dir, 'panel.xlsx'), { S: rows('PR1') });
    const before = hashDb(s.db);
    const refused = await s.importJson(file);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ batch: null, errors: [{ row: null, column: null }] });
    const message = (refused.json.errors as Array<{ message: string }>)[0]!.message;
    expect(message).toContain('No column is mapped to Reference, which a carers register needs');
    expect(message).toContain('"Panel Register", "Date of Approval", "Surname"');
    expect(message).toContain('--map "Column header=field"');
    expect(hashDb(s.db)).toBe(before);

    expect((await cli('import', file, '--db', s.db, '--map', 'Nowhere=reference')).err).toMatch(
      /there is no column headed "Nowhere"/,
    );
    expect((await cli('import', file, '--db', s.db, '--map', 'Panel Register=favourite colour')).code).toBe(
      2,
    );
    expect((await cli('import', file, '--db', s.db, '--map', 'no equals sign')).code).toBe(2);

    const mapped = await s.importJson(
      file,
      '--map',
      'panel register=Reference',
      '--save-profile',
      'Panel list',
    );
    expect(mapped.code).toBe(0);
    expect(mapped.json).toMatchObject({ batch: 1, kind: 'carers', new: 1 });
    const profiles = JSON.parse((await cli('profiles', '--db', s.db, '--json')).out) as {
      profiles: Array<Record<string, unknown>>;
    };
    expect(profiles.profiles).toEqual([
      {
        name: 'Panel list',
        kind: 'carers',
        headers: 'panelregister|dateofapproval|surname',
        // Each header as the file writes it (the matching still ignores case and punctuation).
        mapping: { 'Panel Register': 'reference', 'Date of Approval': 'approval_date', Surname: 'surname' },
        updatedAt: expect.any(String),
      },
    ]);
    const words = (await cli('profiles', '--db', s.db)).out;
    // Each header as the file wrote it, and each field and the kind of file as the Import screen
    // names them: not their folded or key forms.
    expect(words).toContain('  Panel Register → Reference');
    expect(words).toContain('  Date of Approval → Approval date');
    expect(words).not.toContain('panelregister');
    // Saved when, as every time the app gives: dd/mm/yyyy hh:mm on the UK clock.
    expect(words).toContain(
      `Panel list  (Carers register, saved ${formatUkDateTime(profiles.profiles[0]!.updatedAt as string)})`,
    );

    // Next month's register, same headers: the profile is used with no --map.
    const next = writeWorkbook(join(s.dir, 'panel-next.xlsx'), { S: rows('PR2') });
    expect((await s.importJson(next)).json).toMatchObject({ batch: 2, new: 1 });
    const listed = JSON.parse((await cli('imports', '--db', s.db, '--json')).out) as {
      batches: Array<{ profile: string | null }>;
    };
    expect(listed.batches.map((b) => b.profile)).toEqual(['Panel list', 'Panel list']);
  });

  it('a header that fits two fields is asked about, and --map settles it (or leaves the column out)', async () => {
    const s = await service();
    const file = writeWorkbook(join(s.dir, 'tie.xlsx'), {
      S: [
        ['Carer No', 'Approval / Deregistration Date', 'Surname'],
        ['Q1', xlDate('2019-05-01'), 'Lee'],
      ],
    });
    const asked = await cli('import', file, '--db', s.db);
    expect(asked.code).toBe(1);
    expect(asked.err).toContain(
      'Column "Approval / Deregistration Date" could be Approval date or Deregistration date',
    );
    const dry = await s.importJson(file, '--dry-run', '--map', 'Approval / Deregistration Date=none');
    expect(dry.json).toMatchObject({ batch: null, kind: 'enquiries', new: 1 });
    const r = await s.importJson(file, '--map', 'Approval / Deregistration Date=approval_date');
    expect(r.json).toMatchObject({ batch: 1, kind: 'carers', new: 1 });
    expect(s.milestones()).toEqual([{ reference: 'Q1', kind: 'approval', date: '2019-05-01' }]);
    expect((await cli('import', file, '--db', s.db, '--dry-run', '--save-profile', 'X')).code).toBe(2);
  });
});

describe('a preview that needs the user', () => {
  it('returns the mapping with the needed field marked, and refuses to commit until it is chosen', async () => {
    const app = await testApp();
    const path = writeWorkbook(join(app.dir, 'panel.xlsx'), {
      S: [
        ['Panel Register', 'Date of Approval', 'Surname'],
        ['PR1', xlDate('2020-03-03'), 'Lowe'],
      ],
    });
    const before = hashDb(app.dbPath);
    const started = await app.call('imports.startImport', { path, kind: 'auto', overwriteHand: false });
    let job = started;
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      job = await app.call('imports.getJob', { jobId: started.jobId });
    }
    expect(job.state).toBe('ready');
    expect(job.preview).toMatchObject({
      kind: 'carers',
      missing: [{ fields: ['reference'], label: 'Reference' }],
      questions: ['No column is mapped to Reference, which a carers register needs: choose its column.'],
      counts: { rows: 0 },
    });
    expect(job.preview!.mapping.map((m) => [m.field, m.confidence])).toEqual([
      [null, null],
      ['approval_date', 1],
      ['surname', 1],
    ]);
    await expect(app.call('imports.commitImport', { jobId: started.jobId })).rejects.toThrow(
      /No column is mapped to Reference/,
    );
    expect(hashDb(app.dbPath)).toBe(before);

    const chosen = await app.call('imports.startImport', {
      path,
      kind: 'auto',
      overwriteHand: false,
      mapping: [
        { column: 0, field: 'reference' },
        { column: 1, field: 'approval_date' },
        { column: 2, field: 'surname' },
      ],
    });
    let next = chosen;
    while (next.state === 'running') {
      await new Promise((r) => setTimeout(r, 20));
      next = await app.call('imports.getJob', { jobId: chosen.jobId });
    }
    expect(next.preview).toMatchObject({ missing: [], questions: [], counts: { rows: 1, new: 1 } });
    expect((await app.call('imports.commitImport', { jobId: chosen.jobId })).batch).toBe(1);
  });
});
