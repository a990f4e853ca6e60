import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { importCsv, messages, storedReasons } from './reason-rows.ts';

// helper-272: a CRM's "No response after 3 attempts" was recorded as "Other reason / unknown", not
// "Lost contact / no response": only a label, its examples, its start or an acronym named a reason.
// A common phrasing of a default reason (domain/reasons.ts REASON_PHRASINGS), whole words anywhere
// in the cell, now names it, after the service's own words.

const HEAD = 'Reference,Enquiry Date,Surname,Date Closed,Closure Reason,Closed By\r\n';
const row = (ref: string, reason: string, by = '') => `${ref},01/04/2025,Lee,01/05/2025,${reason},${by}\r\n`;

describe('a closure reason in a common phrasing of a reason', () => {
  it('records the reason it says, keeping the words; unknown words and two reasons’ words stay Other', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const result = await importCsv(
      app,
      'closures.csv',
      HEAD +
        row('P1', 'No response after 3 attempts') +
        row('P2', 'Unable to contact applicant') +
        row('P3', 'UNCONTACTABLE') +
        row('P4', "Didn't respond to letters") +
        row('P5', 'Moved to Spain') +
        // Words that hold a phrasing's letters but not its words.
        row('P6', 'Nonresponse to contactability survey') +
        // Two reasons' phrasings: neither is guessed.
        row('P7', '"No contact, finances changed"') +
        // Closed by the service: lost contact would refuse the row, so it stays Other, as before.
        row('P8', 'No response after 3 attempts', 'Service') +
        row('P9', 'Counselled out - not ready', 'Service'),
    );
    expect(result).toMatchObject({ new: 9, errors: [] });
    expect(storedReasons(app, 'closures')).toEqual([
      { reference: 'P1', reason_key: 'lost_contact', reason_text: 'No response after 3 attempts' },
      { reference: 'P2', reason_key: 'lost_contact', reason_text: 'Unable to contact applicant' },
      { reference: 'P3', reason_key: 'lost_contact', reason_text: 'UNCONTACTABLE' },
      { reference: 'P4', reason_key: 'lost_contact', reason_text: "Didn't respond to letters" },
      { reference: 'P5', reason_key: 'other', reason_text: 'Moved to Spain' },
      { reference: 'P6', reason_key: 'other', reason_text: 'Nonresponse to contactability survey' },
      { reference: 'P7', reason_key: 'other', reason_text: 'No contact, finances changed' },
      { reference: 'P8', reason_key: 'other', reason_text: 'No response after 3 attempts' },
      { reference: 'P9', reason_key: 'counselled_out', reason_text: 'Counselled out - not ready' },
    ]);
    // Who ended it follows the reason where the file does not say.
    expect(
      app.ctx.store.db
        .prepare(
          "SELECT c.ended_by FROM closures c JOIN households h ON h.id = c.household_id WHERE h.reference IN ('P1', 'P8') ORDER BY h.reference",
        )
        .pluck()
        .all(),
    ).toEqual(['lost_contact', 'service']);
    const said = messages(result);
    expect(said).toContain(
      'Closure reason "No response after 3 attempts" is not in the list as written; recorded as "Lost contact / no response", as "no response" is a common way of saying it, with the text kept.',
    );
    expect(said).toContain(
      'Closure reason "Moved to Spain" is not in the list; recorded as Other with the text kept.',
    );
    expect(said).toContain(
      'Closure reason "No response after 3 attempts" is not in the list; recorded as Other with the text kept.',
    );
  });

  it('reads a reason for leaving likewise', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(
      app,
      'register.csv',
      'Foster Carer No.,Carer 1 Name,Date of Approval,Date Deregistered,Reason for Deregistration\r\n' +
        'FC1,Joan Ashby,01/05/2015,31/03/2025,Transferred to another local authority\r\n' +
        'FC2,Amir Khan,01/05/2015,31/03/2025,Joined an independent fostering agency\r\n' +
        // helper-275: a move of home says nothing of a transfer (it was read as one).
        'FC3,Ruth Dale,01/05/2015,31/03/2025,Moved to another local authority area\r\n',
    );
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC1', reason_key: 'transfer_la', reason_text: 'Transferred to another local authority' },
      { reference: 'FC2', reason_key: 'transfer_ifa', reason_text: 'Joined an independent fostering agency' },
      { reference: 'FC3', reason_key: 'other', reason_text: 'Moved to another local authority area' },
    ]);
  });

  it("gives way to the service's own words: its label, and a phrasing another of its labels gives", async () => {
    const app = await testApp({ today: '2026-11-26' });
    await app.call('reasons.addReason', { list: 'dropout', label: 'No response from referees' });
    await app.call('reasons.addReason', { list: 'dropout', label: 'Unable to contact referees' });
    // A renamed reason keeps its phrasings (they go by key).
    await app.call('reasons.updateReason', { list: 'dropout', key: 'lost_contact', label: 'Disengaged' });
    await importCsv(
      app,
      'closures.csv',
      HEAD +
        row('S1', 'No response from referees') +
        row('S2', 'Unable to contact referees in time') +
        row('S3', 'Not responding to calls'),
    );
    const keys = Object.fromEntries(
      (storedReasons(app, 'closures') as Array<{ reference: string; reason_key: string }>).map((r) => [
        r.reference,
        r.reason_key,
      ]),
    );
    const added = (await app.call('reasons.listReasons', { list: 'dropout' })).filter((r) =>
      /referees/.test(r.label),
    );
    expect(keys.S1).toBe(added.find((r) => r.label === 'No response from referees')!.key);
    expect(keys.S2).toBe('other');
    expect(keys.S3).toBe('lost_contact');
  });
});

describe('phrasings that are not the reason (helper-275)', () => {
  it("reads neither a referee's silence as lost contact nor a move of home as another provider", async () => {
    const app = await testApp({ today: '2026-11-26' });
    await importCsv(
      app,
      'closures.csv',
      HEAD +
        row('R1', 'No response from referees') +
        row('R2', 'Unable to contact referees') +
        row('R3', 'Moved to another local authority area') +
        row('R4', 'Went to another local authority fostering service'),
    );
    expect(storedReasons(app, 'closures')).toEqual([
      { reference: 'R1', reason_key: 'other', reason_text: 'No response from referees' },
      { reference: 'R2', reason_key: 'other', reason_text: 'Unable to contact referees' },
      { reference: 'R3', reason_key: 'other', reason_text: 'Moved to another local authority area' },
      {
        reference: 'R4',
        reason_key: 'other_provider',
        reason_text: 'Went to another local authority fostering service',
      },
    ]);
  });

  it('does not make a closure whose exit interview was held one ended by lost contact', async () => {
    // The file an earlier version read as Other, ended by the applicant, imported again: the
    // phrasing read it as lost contact beside the interview held (the pair 51642b5 refuses by hand).
    const app = await testApp({ today: '2026-11-26' });
    const file = HEAD + row('I1', 'No response after 3 attempts');
    await importCsv(app, 'closures.csv', file);
    const db = app.ctx.store.db;
    db.prepare("UPDATE closures SET reason_key = 'other', ended_by = 'applicant'").run();
    const id = db.prepare('SELECT id FROM households').pluck().get() as number;
    const { closures } = await app.call('households.getHousehold', { id });
    await app.call('households.saveExitInterview', {
      id,
      closureId: closures[0]!.id,
      status: 'held',
      offeredDate: '2025-05-02',
      heldDate: '2025-05-09',
      heldBy: 'A. Worker',
      reasons: ['other'],
      notes: null,
      mightReturn: null,
    });
    const again = await importCsv(app, 'closures.csv', file);
    expect(again.errors).toEqual([]);
    expect(db.prepare('SELECT reason_key, ended_by FROM closures').all()).toEqual([
      { reason_key: 'other', ended_by: 'applicant' },
    ]);
    expect(messages(again)).toContain(
      'I1: kept its closure as recorded ("Applicant withdrew"): the row says contact was lost, but an exit interview was held after it.',
    );
    // Closed by "Lost contact" likewise.
    const byCell = await importCsv(app, 'closed-by.csv', HEAD + row('I1', 'Moved away', 'Lost contact'));
    expect(byCell.errors).toEqual([]);
    expect(db.prepare('SELECT ended_by FROM closures').pluck().all()).toEqual(['applicant']);
  });
});
