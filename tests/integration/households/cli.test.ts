import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { tempDir, testApp } from '../../support/temp.ts';
import { registeredCarer, saveInterview } from './endings.ts';

describe('households from the command line', () => {
  it('lists, shows, records a milestone and closes, through the same rules as the app', async () => {
    const db = join(tempDir(), 'h.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    expect((await cli('sample', '--households', '200', '--seed', '5', '--db', db)).code).toBe(0);
    const list = await cli(
      'households',
      '--status',
      'open',
      '--stage',
      'enquiry',
      '--limit',
      '5',
      '--db',
      db,
      '--json',
    );
    expect(list.code).toBe(0);
    const parsed = JSON.parse(list.out) as {
      total: number;
      rows: Array<{ reference: string; enquiryDate: string; status: string }>;
    };
    expect(parsed.rows.length).toBeGreaterThan(0);
    for (const r of parsed.rows) expect(r.status).toBe('open');
    const ref = parsed.rows[0]!.reference;

    const shown = await cli('household', ref, '--db', db);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(ref);

    // Before the enquiry: refused with the order rule's message, exit 1, nothing stored.
    const early = await cli('record-milestone', ref, 'eoi', '--date', '2000-01-01', '--db', db);
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/EOI \/ application date 01\/01\/2000 is before the Enquiry date/);
    const date = parsed.rows[0]!.enquiryDate;
    const ok = await cli('record-milestone', ref, 'eoi', '--date', date, '--db', db, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ reference: ref, stage: 'eoi' });

    const usage = await cli(
      'close',
      ref,
      '--date',
      date,
      '--reason',
      'housing',
      '--ended-by',
      'someone',
      '--db',
      db,
    );
    expect(usage.code).toBe(2);
    const closed = await cli(
      'close',
      ref,
      '--date',
      date,
      '--reason',
      'housing',
      '--ended-by',
      'applicant',
      '--db',
      db,
    );
    expect(closed.code).toBe(0);
    const check = new Database(db, { readonly: true });
    expect(
      check
        .prepare(
          'SELECT c.stage_reached, c.reason_key, c.ended_by FROM closures c JOIN households h ON h.id = c.household_id WHERE h.reference = ?',
        )
        .get(ref),
    ).toEqual({ stage_reached: 'eoi', reason_key: 'housing', ended_by: 'applicant' });
    expect(
      check
        .prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'closure'")
        .pluck()
        .get(),
    ).toBe(1);
    check.close();

    const missing = await cli('household', 'NOPE', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('There is no household with reference NOPE.');
  });

  it('names the choices of its options from the domain’s lists, as the help has always printed them', async () => {
    const list = (await cli('households', '--help')).out;
    expect(list).toContain('open, closed, approved or ceased');
    expect(list).toContain('enquiry, eoi, stage1, stage2, panel, approval, ceased');
    expect(list).toContain('mainstream or kinship');
    const record = (await cli('record-milestone', '--help')).out;
    expect(record).toContain('[--result positive|negative]');
    expect(record).toContain('viability_outcome: positive or negative');
    const close = await cli('close', '--help');
    expect(close.out).toContain('--ended-by applicant|service|lost_contact');
    expect(close.out).toContain('applicant, service or lost_contact');
    const db = join(tempDir(), 'c.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const bad = await cli(
      'close',
      'H1',
      '--date',
      '2024-05-01',
      '--reason',
      'other',
      '--ended-by',
      'carer',
      '--db',
      db,
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--ended-by "carer" is not who ended it.');
  });

  it('takes dates and reasons as the officer writes them (dd/mm/yyyy, a reason by its words), and refuses what it cannot read saying what to give', async () => {
    const db = join(tempDir(), 'dates.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const file = join(tempDir(), 'one.csv');
    writeFileSync(file, 'Reference,Enquiry Date,Surname\r\nD1,02/11/2026,Day\r\n');
    expect((await cli('import', file, '--db', db)).code).toBe(0);
    const wrong = await cli('record-milestone', 'D1', 'eoi', '--date', '31/11/2026', '--db', db);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--date needs a real date as dd/mm/yyyy (or YYYY-MM-DD), not "31/11/2026".');
    const eoi = await cli('record-milestone', 'D1', 'eoi', '--date', '12/11/2026', '--db', db);
    expect(eoi.code, eoi.err).toBe(0);
    const closed = await cli(
      'close',
      'D1',
      '--date',
      '20/11/2026',
      '--reason',
      // As an officer writes it; an import would take it too.
      'Lost contact',
      '--ended-by',
      'lost_contact',
      '--db',
      db,
    );
    expect(closed.code, closed.err).toBe(0);
    // Said in the record's words, the reason as the service names it: not "closed at eoi".
    expect(closed.out).toBe('D1: closed 20/11/2026 at EOI: Lost contact / no response (Lost contact).');
    const unknown = await cli(
      'close',
      'D1',
      '--date',
      '21/11/2026',
      '--reason',
      'moved away',
      '--ended-by',
      'applicant',
      '--db',
      db,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--reason "moved away" is not a drop-out reason.');
    expect(unknown.err).toMatch(/^ {2}lost_contact +Lost contact \/ no response$/m);
    const h = new Database(db, { readonly: true });
    try {
      expect(h.prepare("SELECT date FROM milestones WHERE kind = 'eoi'").pluck().all()).toEqual([
        '2026-11-12',
      ]);
      expect(h.prepare('SELECT date, reason_key FROM closures').all()).toEqual([
        { date: '2026-11-20', reason_key: 'lost_contact' },
      ]);
    } finally {
      h.close();
    }
  });

  // A manager looking up a household's exit interview from the command line saw its ending and
  // nothing of the interview after it: where it stands, when, who held it, what was said.
  it('shows the exit interview under each ending, as the record does, its reasons by their labels', async () => {
    const app = await testApp();
    const carer = await registeredCarer(app, '2010-05-01', '2015-06-30');
    await saveInterview(app, carer, 'cessation', {
      status: 'held',
      offeredDate: '2015-06-30',
      heldDate: '2015-07-14',
      reasons: ['personal_circumstances', 'dissatisfied'],
      mightReturn: false,
    });
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-09-01',
      surname: 'Dale',
      reference: 'D1',
    });
    await app.call('households.closeHousehold', {
      id,
      date: '2026-10-05',
      reasonKey: 'housing',
      endedBy: 'applicant',
      notes: null,
    });
    await saveInterview(app, id, 'closure', { status: 'offered', offeredDate: '2026-10-06' });

    const ceased = await cli('household', 'FC1', '--db', app.dbPath);
    expect(ceased.code, ceased.err).toBe(0);
    expect(ceased.out.split('\n').slice(-4)).toEqual([
      expect.stringMatching(/^ {2}ceased 30\/06\/2015: /),
      '    exit interview held 14/07/2015 by A. Worker; might return later: no',
      '      reason given: Personal circumstances e.g. separation, bereavement, retirement',
      '      reason given: Dissatisfied with quality of service',
    ]);
    const closed = await cli('household', 'D1', '--db', app.dbPath);
    expect(closed.code, closed.err).toBe(0);
    expect(closed.out.split('\n').slice(-2)).toEqual([
      '  closed 05/10/2026 at Enquiry: No spare bedroom / housing (Applicant withdrew)',
      '    exit interview offered 06/10/2026',
    ]);
  });

  // The list, the record and what record-milestone says back printed the database's keys to a
  // council officer ("open enquiry", "stage1", "kinship, approved, approval"): now the screens' words.
  it('prints stages, statuses, pathways, milestones and steps in the words the screens use, --json keeping the keys', async () => {
    const db = join(tempDir(), 'words.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const file = join(tempDir(), 'words.csv');
    writeFileSync(file, 'Reference,Enquiry Date,Surname,Pathway\r\nW1,02/10/2026,Word,Kinship\r\n');
    expect((await cli('import', file, '--db', db)).code).toBe(0);
    const step = await cli('record-milestone', 'W1', 'viability_request', '--date', '05/10/2026', '--db', db);
    expect(step.code, step.err).toBe(0);
    expect(step.out).toBe('W1: Viability assessment requested recorded 05/10/2026; now at Stage 1.');
    const eoi = await cli('record-milestone', 'W1', 'initial_visit', '--date', '06/10/2026', '--db', db);
    expect(eoi.code, eoi.err).toBe(0);
    expect(eoi.out).toBe('W1: Initial visit recorded 06/10/2026; now at Stage 1.');
    const listed = await cli('households', '--db', db);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out.split('\n')[1]).toMatch(/^W1 +Word +Open +Stage 1 +02\/10\/2026 *$/);
    const shown = await cli('household', 'W1', '--db', db);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out.split('\n').slice(0, 3)).toEqual([
      'W1  Word  (Kinship, Open, Stage 1)',
      '  episode 1  Enquiry            02/10/2026',
      '  episode 1  Initial visit      06/10/2026',
    ]);
    const json = await cli('households', '--db', db, '--json');
    expect(JSON.parse(json.out)).toMatchObject({
      rows: [{ reference: 'W1', status: 'open', stage: 'stage1' }],
    });
  });

  // The screen says which steps before a milestone have no date as it is chosen (b715a82); the CLI,
  // the other door a milestone is typed at, recorded a Stage 2 with no Stage 1 and said nothing.
  it('says which steps before a recorded milestone have no date, as the screen does, and records it all the same', async () => {
    const db = join(tempDir(), 'gaps.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const file = join(tempDir(), 'gaps.csv');
    writeFileSync(file, 'Reference,Enquiry Date,Surname\r\nG1,02/10/2026,Gap\r\n');
    expect((await cli('import', file, '--db', db)).code).toBe(0);
    const eoi = await cli('record-milestone', 'G1', 'eoi', '--date', '12/10/2026', '--db', db);
    expect(eoi.code, eoi.err).toBe(0);
    expect(eoi.out).toBe('G1: EOI / application recorded 12/10/2026; now at EOI.');
    const stage2 = await cli('record-milestone', 'G1', 'stage2', '--date', '02/11/2026', '--db', db);
    expect(stage2.code, stage2.err).toBe(0);
    expect(stage2.out).toBe(
      'G1: Stage 2 recorded 02/11/2026; now at Stage 2.\n' +
        'Stage 2 with no Stage 1 date before it: if that step happened, record it too, or the reports will not count it.',
    );
    // --json prints the record alone, as before.
    const panel = await cli('record-milestone', 'G1', 'panel', '--date', '20/11/2026', '--db', db, '--json');
    expect(panel.code, panel.err).toBe(0);
    expect(JSON.parse(panel.out)).toMatchObject({ reference: 'G1', stage: 'panel' });
  });

  it("names a kinship household's missing Stage 1 as its viability request, which stands as it", async () => {
    // It said "Stage 2 with no Stage 1 date before it", sending a kinship team to record a Stage 1
    // start where the domain's Stage 1 is the viability request (the kinship application).
    const db = join(tempDir(), 'kin-gaps.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const file = join(tempDir(), 'kin-gaps.csv');
    writeFileSync(file, 'Reference,Enquiry Date,Surname,Pathway\r\nK1,02/10/2026,Kin,Kinship\r\n');
    expect((await cli('import', file, '--db', db)).code).toBe(0);
    const placed = await cli('record-milestone', 'K1', 'reg24_placement', '--date', '05/10/2026', '--db', db);
    expect(placed.code, placed.err).toBe(0);
    const stage2 = await cli('record-milestone', 'K1', 'stage2', '--date', '02/11/2026', '--db', db);
    expect(stage2.code, stage2.err).toBe(0);
    expect(stage2.out).toBe(
      'K1: Stage 2 recorded 02/11/2026; now at Stage 2.\n' +
        'Stage 2 with no viability request (Stage 1) date before it: if that step happened, record it too, or the reports will not count it.',
    );
  });
});
