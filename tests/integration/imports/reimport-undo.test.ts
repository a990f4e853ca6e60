import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobSettled, testApp, type TestApp } from '../../support/temp.ts';
import { household, milestonesOf, snapshot, writeWorkbook, xlDate } from './fixtures.ts';

const H = [
  'Reference',
  'Enquiry Date',
  'First Name',
  'Surname',
  'Email',
  'Telephone',
  'Postcode',
  'EOI Date',
  'Stage 1',
];
const run = (app: TestApp, path: string, overwriteHand = false) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand });

describe('re-importing and undoing', () => {
  it('updates in place: a value corrects, a blank never erases, and hand edits win unless overwrite is chosen', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const jan = writeWorkbook(join(app.dir, 'jan.xlsx'), {
      S: [
        H,
        ['R1', xlDate('2024-01-05'), 'Amy', 'Jones', 'amy@x.org', '0113 496 0000', 'LS1 1AA', null, null],
      ],
    });
    await run(app, jan);
    const id = household(db, 'R1')!.id as number;
    await app.call('households.updateDetails', { id, email: 'amy.hand@x.org' });
    expect(household(db, 'R1')).toMatchObject({ email: 'amy.hand@x.org' });

    const feb = writeWorkbook(join(app.dir, 'feb.xlsx'), {
      S: [
        H,
        [
          'R1',
          xlDate('2024-01-05'),
          'Amy',
          'Jones-Smith',
          'amy.new@x.org',
          null,
          null,
          xlDate('2024-02-01'),
          null,
        ],
      ],
    });
    const r = await run(app, feb);
    expect(r).toMatchObject({ updated: 1, new: 0 });
    expect(r.warnings).toContainEqual({
      row: 2,
      column: 'Email',
      message: expect.stringContaining('entered by hand'),
    });
    expect(household(db, 'R1')).toMatchObject({
      surname: 'Jones-Smith',
      email: 'amy.hand@x.org',
      telephone: '0113 496 0000',
      postcode: 'LS1 1AA',
      stage: 'eoi',
    });
    expect(milestonesOf(db, 'R1')).toEqual({ enquiry: '2024-01-05', eoi: '2024-02-01' });
    const prov = db
      .prepare('SELECT field, source FROM field_sources WHERE household_id = ? ORDER BY field')
      .all(id);
    expect(prov).toContainEqual({ field: 'email', source: 'hand' });
    expect(prov).toContainEqual({ field: 'surname', source: 'import' });

    const again = await run(app, feb, true);
    expect(again).toMatchObject({ updated: 1 });
    expect(household(db, 'R1')).toMatchObject({ email: 'amy.new@x.org' });
    expect(
      db
        .prepare("SELECT source FROM field_sources WHERE household_id = ? AND field = 'email'")
        .pluck()
        .get(id),
    ).toBe('import');
  });

  it('undo restores the exact prior state, batch by batch, newest first', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const empty = snapshot(db);
    const a = await run(
      app,
      writeWorkbook(join(app.dir, 'a.xlsx'), {
        S: [
          H,
          ['U1', xlDate('2024-01-05'), 'Amy', 'Jones', 'amy@x.org', null, 'LS1 1AA', null, null],
          ['U2', xlDate('2024-01-06'), 'Ben', 'Hall', null, null, null, null, null],
        ],
      }),
    );
    const afterA = snapshot(db);
    const b = await run(
      app,
      writeWorkbook(join(app.dir, 'b.xlsx'), {
        S: [
          H,
          [
            'U1',
            xlDate('2024-01-05'),
            'Amy',
            'Jones',
            'amy@y.org',
            null,
            'LS1 1AB',
            xlDate('2024-02-01'),
            xlDate('2024-03-01'),
          ],
          ['U3', xlDate('2024-01-07'), 'Cy', 'Day', null, null, null, null, null],
        ],
      }),
    );
    expect(b).toMatchObject({ new: 1, updated: 1, unchanged: 0 });
    expect(snapshot(db)).not.toEqual(afterA);

    // Undoing the older batch first would lose the newer one's work on U1.
    await expect(app.call('imports.undoImport', { batchId: a.batch! })).rejects.toThrow(
      /household U1 was changed afterwards by import 2.*Undo import 2 first/,
    );
    await app.call('imports.undoImport', { batchId: b.batch! });
    expect(snapshot(db)).toEqual(afterA);
    await app.call('imports.undoImport', { batchId: a.batch! });
    expect(snapshot(db)).toEqual(empty);
    await expect(app.call('imports.undoImport', { batchId: a.batch! })).rejects.toThrow(/already undone/);
    const batches = await app.call('imports.listBatches', {});
    expect(batches.map((x) => [x.id, x.undoneAt !== null])).toEqual([
      [2, true],
      [1, true],
    ]);
  });

  it('refuses to undo an import when a hand edit depends on it', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const a = await run(
      app,
      writeWorkbook(join(app.dir, 'a.xlsx'), {
        S: [H, ['K1', xlDate('2024-01-05'), 'Amy', 'Jones', null, null, null, null, null]],
      }),
    );
    const id = household(db, 'K1')!.id as number;
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2024-02-02' });
    const before = snapshot(db);
    await expect(app.call('imports.undoImport', { batchId: a.batch! })).rejects.toThrow(
      /cannot be undone: household K1 was changed afterwards by tester/,
    );
    expect(snapshot(db)).toEqual(before);
  });

  it('names the hand change that stops an undo as the household’s timeline says it', async () => {
    // A recruitment officer re-opened a household this week's export had closed; the refusal
    // said "(closure reopened_on)", the database's words, not anything the screen shows.
    const app = await testApp();
    const db = app.ctx.store.db;
    const a = await run(
      app,
      writeWorkbook(join(app.dir, 'week.xlsx'), {
        S: [
          ['Reference', 'Enquiry Date', 'Surname', 'Closed date', 'Closure reason', 'Closed by'],
          [
            'W1',
            xlDate('2024-01-05'),
            'Byrne',
            xlDate('2024-02-01'),
            'Lost contact / no response',
            'Lost contact',
          ],
        ],
      }),
    );
    const id = household(db, 'W1')!.id as number;
    await app.call('households.reopenHousehold', { id, enquiryDate: '2024-03-01', notes: null });
    const before = snapshot(db);
    const message = await app.call('imports.undoImport', { batchId: a.batch! }).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toMatch(
      /^Import \d+ cannot be undone: household W1 was changed afterwards by tester on \d\d\/\d\d\/\d{4} \("Re-opened on 01\/03\/2024" in its timeline\), and an import is not undone over a later hand change: correct what it brought by hand instead, or keep it\.$/,
    );
    expect(snapshot(db)).toEqual(before);
  });

  it('carers register: unknown carers become approved households, known ones join by reference', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    await run(
      app,
      writeWorkbook(join(app.dir, 'enq.xlsx'), {
        S: [
          [...H, 'Stage 2', 'Panel'],
          [
            'P1',
            xlDate('2022-01-05'),
            'Amy',
            'Jones',
            null,
            null,
            null,
            xlDate('2022-02-01'),
            xlDate('2022-03-01'),
            xlDate('2022-05-01'),
            xlDate('2022-11-01'),
          ],
        ],
      }),
    );
    const reg = writeWorkbook(join(app.dir, 'register.xlsx'), {
      Carers: [
        ['Approved foster carers register'],
        ['Carer Ref', 'Carer Name', 'Date Approved', 'Date Deregistered', 'Reason for Leaving'],
        ['P1', 'Amy Jones', xlDate('2022-11-10'), null, null],
        [
          'OLD1',
          'Cath Old',
          xlDate('2009-05-01'),
          xlDate('2023-06-30'),
          'Personal circumstances e.g. separation, bereavement, retirement',
        ],
        ['OLD2', 'Dan Old', xlDate('2012-05-01'), xlDate('2024-01-31'), 'Emigrated'],
      ],
    });
    const r = await app.call('imports.importFile', {
      path: reg,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(r).toMatchObject({ kind: 'carers', rows: 3, new: 2, updated: 1, rejected: 0 });
    expect(r.warnings).toContainEqual({
      row: 5,
      column: 'Reason for Leaving',
      message: expect.stringContaining('"Emigrated"'),
    });
    expect(household(db, 'P1')).toMatchObject({ status: 'approved', first_name: 'Amy' });
    expect(milestonesOf(db, 'P1')).toMatchObject({
      enquiry: '2022-01-05',
      panel: '2022-11-01',
      approval: '2022-11-10',
    });
    expect(household(db, 'OLD1')).toMatchObject({
      status: 'ceased',
      first_name: 'Cath',
      surname: 'Old',
      enquiry_date: null,
    });
    expect(milestonesOf(db, 'OLD1')).toEqual({ approval: '2009-05-01' });
    const ces = db
      .prepare(
        'SELECT h.reference, c.date, c.reason_key, c.reason_text FROM cessations c JOIN households h ON h.id = c.household_id ORDER BY 1',
      )
      .all();
    expect(ces).toEqual([
      { reference: 'OLD1', date: '2023-06-30', reason_key: 'personal_circumstances', reason_text: null },
      { reference: 'OLD2', date: '2024-01-31', reason_key: 'other', reason_text: 'Emigrated' },
    ]);
  });

  it('rows without a reference get a stable key, match by email or name and postcode, and near matches are only listed', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    await run(
      app,
      writeWorkbook(join(app.dir, 'a.xlsx'), {
        S: [
          H,
          ['N1', xlDate('2024-01-05'), 'Amy', 'Jones', 'amy@x.org', '07700 900001', 'LS1 1AA', null, null],
          ['N2', xlDate('2024-01-05'), 'Ben', 'Hall', null, null, 'LS2 2BB', null, null],
          ['N3', xlDate('2024-02-01'), 'Cat', 'Roe', null, '07700 900003', null, null, null],
        ],
      }),
    );
    const form = join(app.dir, 'form.csv');
    writeFileSync(
      form,
      [
        'Date of enquiry,First Name,Surname,Email,Telephone,Postcode,EOI Date',
        '05/01/2024,Amy,Jones,AMY@x.org,,,01/02/2024',
        '05/01/2024,Ben,Hall,,,ls22bb,03/02/2024',
        '10/02/2024,Cat,Roe,cat@other.org,,,',
        '11/02/2024,Dee,Fox,dee@x.org,07700 900003,,',
      ].join('\n'),
    );
    const started = await app.call('imports.startImport', { path: form, kind: 'auto', overwriteHand: false });
    const preview = (await jobSettled(app, started.jobId)).preview!;
    expect(preview.nearMatches).toEqual([
      {
        row: 4,
        reference: expect.stringMatching(/^X-/),
        matchId: 3,
        matchReference: 'N3',
        why: 'same name and close enquiry dates',
      },
      {
        row: 5,
        reference: expect.stringMatching(/^X-/),
        matchId: 3,
        matchReference: 'N3',
        why: 'same telephone number',
      },
    ]);
    const r = await app.call('imports.commitImport', { jobId: started.jobId });
    expect(r).toMatchObject({ rows: 4, new: 2, updated: 2, rejected: 0 });
    expect(milestonesOf(db, 'N1')).toEqual({ enquiry: '2024-01-05', eoi: '2024-02-01' });
    expect(milestonesOf(db, 'N2')).toEqual({ enquiry: '2024-01-05', eoi: '2024-02-03' });
    const derived = db
      .prepare(
        'SELECT reference, first_name, reference_derived FROM households WHERE reference_derived = 1 ORDER BY first_name',
      )
      .all() as Array<{ reference: string }>;
    expect(derived).toMatchObject([{ first_name: 'Cat' }, { first_name: 'Dee' }]);
    expect(derived[0]!.reference).toMatch(/^X-[0-9A-F]{12}$/);

    // Same file again: the derived keys are stable, so nothing is new.
    const again = await app.call('imports.startImport', { path: form, kind: 'auto', overwriteHand: false });
    const job = await jobSettled(app, again.jobId);
    expect(job.preview?.counts).toMatchObject({ new: 0, unchanged: 4 });
    expect(job.preview?.importedBefore).toEqual([2]);
    // Near matches were listed for the user (same name, close dates; same telephone), none merged.
    expect(db.prepare("SELECT COUNT(*) FROM households WHERE surname = 'Roe'").pluck().get()).toBe(2);
    expect(db.prepare("SELECT COUNT(*) FROM households WHERE surname = 'Fox'").pluck().get()).toBe(1);
  });

  it('a closed household enquiring again starts a new episode, and undo puts it back', async () => {
    const app = await testApp();
    const db = app.ctx.store.db;
    const first = writeWorkbook(join(app.dir, 'first.xlsx'), {
      S: [
        ['Reference', 'Enquiry Date', 'Surname', 'EOI Date', 'Date Closed', 'Closure Reason'],
        ['RE1', xlDate('2024-01-05'), 'Moss', null, xlDate('2024-02-01'), 'Housing'],
      ],
    });
    await run(app, first);
    expect(household(db, 'RE1')).toMatchObject({ status: 'closed', episode: 1 });
    const afterFirst = snapshot(db);
    const again = writeWorkbook(join(app.dir, 'again.xlsx'), {
      S: [
        ['Reference', 'Enquiry Date', 'Surname', 'EOI Date'],
        ['RE1', xlDate('2024-06-01'), 'Moss', xlDate('2024-06-10')],
      ],
    });
    const r = await run(app, again);
    expect(r).toMatchObject({ updated: 1, rejected: 0 });
    expect(household(db, 'RE1')).toMatchObject({
      status: 'open',
      stage: 'eoi',
      episode: 2,
      enquiry_date: '2024-06-01',
    });
    expect(db.prepare('SELECT episode, kind, date FROM milestones ORDER BY episode, date').all()).toEqual([
      { episode: 1, kind: 'enquiry', date: '2024-01-05' },
      { episode: 2, kind: 'enquiry', date: '2024-06-01' },
      { episode: 2, kind: 'eoi', date: '2024-06-10' },
    ]);
    expect(db.prepare('SELECT episode, date, reason_key, reopened_on FROM closures').all()).toEqual([
      { episode: 1, date: '2024-02-01', reason_key: 'housing', reopened_on: '2024-06-01' },
    ]);
    await app.call('imports.undoImport', { batchId: r.batch! });
    expect(snapshot(db)).toEqual(afterFirst);
  });
});
