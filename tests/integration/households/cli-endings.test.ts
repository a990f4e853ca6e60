import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { testApp } from '../../support/temp.ts';

/**
 * The CLI re-opens a household and records a cessation as the record's actions do (it had `close`
 * alone, so a script could end a journey but neither start it again nor end an approval): the same
 * contract methods, the same refusals, said in the screen's words.
 */
describe('endings from the command line: re-open and cease', () => {
  it('re-opens a closed household as a new episode, and refuses one that is open', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2025-02-03',
      surname: 'Back',
      reference: 'R1',
    });
    await app.call('households.closeHousehold', {
      id,
      date: '2025-03-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    const done = await cli(
      'reopen',
      'r1',
      '--date',
      '02/11/2026',
      '--notes',
      ' Called again ',
      '--db',
      app.dbPath,
    );
    expect(done.code, done.err).toBe(0);
    expect(done.out.trim()).toBe(
      'R1: re-opened with a new enquiry of 02/11/2026 (episode 2); now at Enquiry.',
    );
    const record = await app.call('households.getHousehold', { id });
    expect(record).toMatchObject({ status: 'open', episode: 2, enquiryDate: '2026-11-02' });
    expect(record.closures).toEqual([
      expect.objectContaining({ date: '2025-03-01', reopenedOn: '2026-11-02' }),
    ]);

    const again = await cli('reopen', 'R1', '--date', '03/11/2026', '--db', app.dbPath);
    expect(again.code).toBe(1);
    expect(again.err.trim()).toBe('fostering-funnel reopen: Cannot re-open: household R1 is open.');
    const noDate = await cli('reopen', 'R1', '--db', app.dbPath);
    expect([noDate.code, noDate.err.trim().split('\n')]).toEqual([
      2,
      [
        '--date needs a real date as dd/mm/yyyy (or YYYY-MM-DD).',
        'Run "fostering-funnel reopen --help" for its options.',
      ],
    ]);
  });

  it('records a cessation from a notice (28 days on), by the screen’s words, and refuses what the form refuses', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const carer = await app.call('households.createHousehold', {
      enquiryDate: '2015-01-05',
      surname: 'Carer',
      reference: 'A1',
    });
    await app.call('households.recordMilestone', { id: carer.id, kind: 'approval', date: '2016-03-01' });
    const open = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      surname: 'Open',
      reference: 'O1',
    });

    const usage = async (...args: string[]) => {
      const r = await cli('cease', ...args, '--db', app.dbPath);
      return [r.code, r.err.trim().split('\n')[0]];
    };
    expect(await usage('A1', '--reason', 'transfer_ifa', '--initiated-by', 'carer')).toEqual([
      2,
      'Give --notice-date (fostering ends 28 days after it), --date, or both.',
    ]);
    expect(await usage('A1', '--notice-date', '01/10/2026', '--reason', 'transfer_ifa')).toEqual([
      2,
      '--initiated-by needs who initiated it: carer or service (or as the screen words it).',
    ]);
    const unknown = await usage(
      'A1',
      '--notice-date',
      '01/10/2026',
      '--reason',
      'moved',
      '--initiated-by',
      'carer',
    );
    expect(unknown[0]).toBe(2);
    expect(unknown[1]).toContain('--reason "moved" is not a leaving reason.');
    // An open household is not a carer: the core's refusal, as the screen would give it.
    const notApproved = await cli(
      'cease',
      'O1',
      '--date',
      '01/10/2026',
      '--reason',
      'transfer_ifa',
      '--initiated-by',
      'carer',
      '--db',
      app.dbPath,
    );
    expect(notApproved.code).toBe(1);
    expect(notApproved.err.trim()).toBe(
      'fostering-funnel cease: O1 has no approval date, so it cannot cease to foster.',
    );
    expect((await app.call('households.getHousehold', { id: open.id })).status).toBe('open');

    const done = await cli(
      'cease',
      'A1',
      '--notice-date',
      '01/10/2026',
      '--reason',
      'Transfer to an independent fostering agency',
      '--initiated-by',
      'The carer',
      '--notes',
      'Moving to an IFA',
      '--db',
      app.dbPath,
    );
    expect(done.code, done.err).toBe(0);
    expect(done.out.trim()).toBe(
      'A1: ceased 29/10/2026: Transfer to an independent fostering agency (initiated by the carer, notice 01/10/2026) – Moving to an IFA.',
    );
    const record = await app.call('households.getHousehold', { id: carer.id });
    expect(record.status).toBe('ceased');
    expect(record.cessation).toMatchObject({
      date: '2026-10-29',
      noticeDate: '2026-10-01',
      reasonKey: 'transfer_ifa',
      initiatedBy: 'carer',
      notes: 'Moving to an IFA',
    });
    const json = await cli('household', 'A1', '--json', '--db', app.dbPath);
    expect(JSON.parse(json.out).cessation.reasonKey).toBe('transfer_ifa');
  });
});
