import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from '../imports/fixtures.ts';

/**
 * A reg 25 extension's length (migration 39). Reg 25(2) allows "a further period not exceeding
 * 8 weeks", and every extension was taken as 8: one granted for 4 had its limit given 4 weeks
 * after the approval had lapsed, on the record, in the alerts and on Home. Written through the
 * contract, the CLI and an import, as the app's users write it.
 */
const TODAY = '2025-11-26';

async function placed(app: TestApp, reference: string, placement: string): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway: 'kinship',
    enquiryDate: '2025-06-01',
    surname: reference,
    confirmDuplicates: true,
  });
  await app.call('households.recordJourneyDate', { id, kind: 'reg24_placement', date: placement });
  return id;
}

const extend = (app: TestApp, id: number, extra: Record<string, unknown>) =>
  app.call('households.recordJourneyDate', {
    id,
    kind: 'extension',
    date: '2025-10-01',
    extensionReason: 'Late reference',
    ...extra,
  });

describe('a reg 25 extension recorded with its length', () => {
  it('ends the temporary approval that many weeks after the first 16, on the record, its alert and Home', async () => {
    const app = await testApp({ today: TODAY });
    // Placed 04/07/2025: 16 weeks is 24/10/2025, 24 weeks 19/12/2025, 20 weeks 21/11/2025.
    const four = await placed(app, 'X4', '2025-07-04');
    const full = await placed(app, 'X8', '2025-07-04');
    const unsaid = await placed(app, 'X0', '2025-07-04');
    let r = await extend(app, four, { extensionWeeks: 4 });
    await extend(app, full, { extensionWeeks: 8 });
    await extend(app, unsaid, {});

    expect(r.reg24).toMatchObject({ extended: true, limit: '2025-11-21', finalLimit: '2025-11-21' });
    expect(r.alerts.map((a) => [a.kind, a.due])).toContainEqual(['reg24_final', '2025-11-21']);
    expect(r.journeyDates.find((j) => j.kind === 'extension')).toMatchObject({
      weeks: 4,
      reason: 'Late reference',
    });
    // Not recorded is the most the regulation allows, as before: both 19/12/2025.
    for (const id of [full, unsaid]) {
      const rec = await app.call('households.getHousehold', { id });
      expect(rec.reg24).toMatchObject({ limit: '2025-12-19' });
    }
    // Home: the 4-week extension lapsed on 21/11/2025, before today: listed first, as passed (its
    // alert is overdue; helper-241); the others fall due in the window.
    const home = await app.call('planning.getDashboard', {});
    expect(home.kinship.deadlines.map((d) => [d.reference, d.due])).toEqual([
      ['X4', '2025-11-21'],
      ['X0', '2025-12-19'],
      ['X8', '2025-12-19'],
    ]);
    const list = await app.call('households.listHouseholds', { search: 'X4' });
    expect(list.rows[0]).toMatchObject({ overdue: true });

    // The audit says the length, and the timeline shows it.
    const timeline = await app.call('households.getTimeline', { id: four });
    expect(timeline.map((t) => t.summary).join('\n')).toContain('4 weeks: Late reference');

    // A change of length is a correction: it needs its reason, and is audited.
    await expect(extend(app, four, { extensionWeeks: 6 })).rejects.toMatchObject({ code: 'conflict' });
    r = await extend(app, four, { extensionWeeks: 6, correctionReason: 'Extension letter says 6 weeks' });
    expect(r.reg24).toMatchObject({ limit: '2025-12-05' });
    const corrected = await app.call('households.getTimeline', { id: four });
    expect(corrected.length).toBe(timeline.length + 1);
    // Recording the same again changes nothing and writes no entry.
    await extend(app, four, { extensionWeeks: 6, correctionReason: 'again' });
    expect((await app.call('households.getTimeline', { id: four })).length).toBe(corrected.length);
    // A correction of the date alone keeps the length held (not given is not "not recorded").
    r = await extend(app, four, { date: '2025-10-02', correctionReason: 'Letter dated the 2nd' });
    expect(r.journeyDates.find((j) => j.kind === 'extension')).toMatchObject({
      date: '2025-10-02',
      weeks: 6,
    });
    expect(r.reg24).toMatchObject({ limit: '2025-12-05' });
    // null says the length is not recorded: the longest allowed again.
    r = await extend(app, four, {
      date: '2025-10-02',
      extensionWeeks: null,
      correctionReason: 'Length unknown',
    });
    expect(r.journeyDates.find((j) => j.kind === 'extension')).toMatchObject({ weeks: null });
    expect(r.reg24).toMatchObject({ limit: '2025-12-19' });
  });

  it('is 1 to 8 whole weeks: anything else is refused beside the length, storing nothing', async () => {
    const app = await testApp({ today: TODAY });
    const id = await placed(app, 'X9', '2025-07-04');
    const before = await app.call('households.getHousehold', { id });
    for (const extensionWeeks of [0, 9, 2.5, -1]) {
      await expect(extend(app, id, { extensionWeeks })).rejects.toMatchObject({
        code: 'rule_violation',
        field: 'extensionWeeks',
        message: 'An extension is for 1 to 8 weeks (reg 25(2)): give its length in whole weeks.',
      });
    }
    expect(await app.call('households.getHousehold', { id })).toEqual(before);
    // The database refuses one too, whatever writes it.
    expect(() =>
      app.ctx.store.db
        .prepare(
          "INSERT INTO journey_dates (household_id, episode, kind, date, weeks) VALUES (?, 1, 'panel_minutes', '2025-10-01', 4)",
        )
        .run(id),
    ).toThrow(/CHECK constraint/);
  });

  it('the CLI records it with --weeks and prints it as the record does', async () => {
    const app = await testApp({ today: TODAY });
    await placed(app, 'C1', '2025-07-04');
    /** `record-milestone C1 KIND --date DATE …` on the test's database. */
    const record = (kind: string, date: string, ...options: string[]) =>
      cli('record-milestone', 'C1', kind, '--date', date, ...options, '--db', app.dbPath);
    const reason = ['--reason', 'Court date moved'];
    const done = await record('extension', '01/10/2025', ...reason, '--weeks', '4');
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('01/10/2025 (4 weeks: Court date moved)');
    const shown = await cli('household', 'C1', '--db', app.dbPath);
    expect(shown.out).toContain('Temporary approval (reg 24) from 04/07/2025: extended limit 21/11/2025.');
    expect(shown.out).toMatch(/Reg 25 extension\s+01\/10\/2025 {2}4 weeks: Court date moved/);
    // A correction of the date alone keeps the length: --weeks left out is not "none".
    const redated = await record(
      'extension',
      '02/10/2025',
      ...reason,
      '--correction',
      'Letter dated the 2nd',
    );
    expect(redated.code, redated.err).toBe(0);
    expect(redated.out).toContain('to 02/10/2025 (4 weeks: Court date moved)');
    const none = await record(
      'extension',
      '02/10/2025',
      ...reason,
      '--weeks',
      'none',
      '--correction',
      'Length unknown',
    );
    expect(none.code, none.err).toBe(0);
    expect(none.out).toContain('to 02/10/2025 (Court date moved)');
    const other = await record('irm_pending_from', '03/10/2025', '--weeks', '4');
    expect(other.code).toBe(2);
    expect(other.err).toContain('--weeks is the length of an extension');
    const bad = await record('extension', '01/10/2025', '--weeks', 'four');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--weeks needs a whole number of weeks, or none.');
    const long = await record('extension', '01/10/2025', ...reason, '--weeks', '12', '--correction', 'typo');
    expect(long.code).not.toBe(0);
    expect(long.err).toContain('An extension is for 1 to 8 weeks (reg 25(2))');
  });

  it('an import re-dating the extension keeps the length recorded by hand, and its undo puts the date back', async () => {
    const app = await testApp({ today: TODAY });
    const id = await placed(app, 'K1', '2025-07-04');
    await extend(app, id, { extensionWeeks: 4 });
    const file = writeWorkbook(join(app.dir, 'kinship.xlsx'), {
      S: [
        [
          'Reference',
          'Enquiry Date',
          'Surname',
          'Reg 24 Placement Date',
          'Reg 25 Extension Date',
          'Extension Reason',
        ],
        ['K1', xlDate('2025-06-01'), 'K1', xlDate('2025-07-04'), xlDate('2025-10-08'), 'Late reference'],
      ],
    });
    const r = await app.call('imports.importFile', {
      path: file,
      kind: 'auto',
      dryRun: false,
      overwriteHand: true,
    });
    const step = () =>
      app.ctx.store.db
        .prepare(
          "SELECT date, reason, weeks, source FROM journey_dates WHERE household_id = ? AND kind = 'extension'",
        )
        .get(id);
    expect(step()).toEqual({ date: '2025-10-08', reason: 'Late reference', weeks: 4, source: 'import' });
    expect((await app.call('households.getHousehold', { id })).reg24).toMatchObject({ limit: '2025-11-21' });
    await app.call('imports.undoImport', { batchId: r.batch! });
    expect(step()).toEqual({ date: '2025-10-01', reason: 'Late reference', weeks: 4, source: 'hand' });
  });

  it('an import reads its length from a column, refusing one that is not 1 to 8 weeks by its row and column', async () => {
    const app = await testApp({ today: TODAY });
    const file = writeWorkbook(join(app.dir, 'lengths.xlsx'), {
      S: [
        [
          'Reference',
          'Enquiry Date',
          'Surname',
          'Reg 24 Placement Date',
          'Reg 25 Extension Date',
          'Extension Reason',
          'Extension Length (weeks)',
        ],
        ...(
          [
            ['L4', '4 weeks'],
            ['L6', 6],
            ['L0', null],
            ['L9', 9],
            ['LX', 'four'],
          ] as const
        ).map(([ref, weeks]) => [
          ref,
          xlDate('2025-06-01'),
          ref,
          xlDate('2025-07-04'),
          xlDate('2025-10-01'),
          'Late reference',
          weeks,
        ]),
      ],
    });
    const run = (overwriteHand = false) =>
      app.call('imports.importFile', { path: file, kind: 'auto', dryRun: false, overwriteHand });
    const r = await run();
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [
        5,
        'Extension Length (weeks)',
        'An extension is for 1 to 8 weeks (reg 25(2)): give its length in whole weeks.',
      ],
      [
        6,
        'Extension Length (weeks)',
        'Extension length "four" is not a number of weeks (such as 4 or "4 weeks").',
      ],
    ]);
    const weeks = () =>
      app.ctx.store.db
        .prepare(
          `SELECT h.reference, j.weeks FROM journey_dates j JOIN households h ON h.id = j.household_id
           WHERE j.kind = 'extension' ORDER BY h.reference`,
        )
        .all();
    expect(weeks()).toEqual([
      { reference: 'L0', weeks: null },
      { reference: 'L4', weeks: 4 },
      { reference: 'L6', weeks: 6 },
    ]);
    // The clock counts the length: 16 weeks and 4 from 04/07/2025 is 21/11/2025.
    const l4 = (await app.call('households.listHouseholds', { search: 'L4' })).rows[0]!;
    expect((await app.call('households.getHousehold', { id: l4.id })).reg24).toMatchObject({
      limit: '2025-11-21',
    });
    // A length typed by hand is kept against a file that has none, and the same file again changes nothing.
    const l0 = (await app.call('households.listHouseholds', { search: 'L0' })).rows[0]!;
    await extend(app, l0.id, { extensionWeeks: 2, correctionReason: 'Letter says 2 weeks' });
    const again = await run();
    expect(again).toMatchObject({ updated: 0 });
    expect(weeks()).toContainEqual({ reference: 'L0', weeks: 2 });
  });
});
