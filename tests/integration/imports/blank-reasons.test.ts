import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { importCsv, messages, storedReasons, warningLines } from './reason-rows.ts';

// A row closed (or deregistered) with its reason cell blank was recorded as "Other reason /
// unknown", ended by the applicant (or "Other – including death"), and a reason for leaving with no
// deregistration date was dropped, each without a word, so a manager's drop-out and leaving tables
// counted them under Other (and the Ofsted return as withdrawn by the applicant) with nobody told
// (found by a review helper). Each row now says so, naming its row and column; a file with no
// reason column says nothing of each of its closures.

describe('a blank reason beside an ending', () => {
  it('is recorded as Other, saying so, and who ended it', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'closures.csv',
      'Reference,Enquiry Date,Surname,Date Closed,Closure Reason,Closed By\r\n' +
        'C1,01/04/2025,Lee,01/05/2025,,\r\n' +
        'C2,01/04/2025,Poe,01/05/2025,,Service\r\n' +
        'C3,01/04/2025,Rai,01/05/2025,Lost contact,\r\n',
    );
    expect(warningLines(result)).toEqual([
      '2 Closure Reason: Closure reason is blank; recorded as "Other reason / unknown", ended by "Applicant withdrew".',
      '3 Closure Reason: Closure reason is blank; recorded as "Other reason / unknown", ended by "Service ended it".',
    ]);
    expect(storedReasons(app, 'closures')).toEqual([
      { reference: 'C1', reason_key: 'other', reason_text: null },
      { reference: 'C2', reason_key: 'other', reason_text: null },
      { reference: 'C3', reason_key: 'lost_contact', reason_text: null },
    ]);
  });

  it('in a register, and a reason for leaving with no date, are warned of', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'register.csv',
      'Foster Carer No.,Carer 1 Name,Date of Approval,Date Deregistered,Reason for Deregistration\r\n' +
        'FC1,Joan Ashby,01/05/2015,31/03/2025,\r\n' +
        'FC2,Amir Khan,14/09/2019,,Moved abroad\r\n' +
        'FC3,Ruth Bell,14/09/2019,31/03/2025,Retirement\r\n',
    );
    expect(warningLines(result).filter((w) => !w.startsWith('4 '))).toEqual([
      '2 Reason for Deregistration: Reason for leaving is blank; recorded as "Other – including death", initiated by the carer.',
      '3 Reason for Deregistration: A reason for leaving without a deregistration date was ignored.',
    ]);
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC1', reason_key: 'other', reason_text: null },
      { reference: 'FC3', reason_key: 'personal_circumstances', reason_text: 'Retirement' },
    ]);
  });

  it('is not said where a closure entered by hand is kept, and leaves the rows marked for a re-import', async () => {
    const app = await testApp();
    const text =
      'Reference,Enquiry Date,Surname,Date Closed,Closure Reason\r\n' +
      'C1,01/04/2025,Lee,01/05/2025,\r\nC2,01/04/2025,Poe,,\r\n';
    const first = await importCsv(app, 'closures.csv', text);
    expect(warningLines(first)).toEqual([
      '2 Closure Reason: Closure reason is blank; recorded as "Other reason / unknown", ended by "Applicant withdrew".',
    ]);
    // Both rows marked: a re-import skips them, and says nothing again.
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM import_row_marks').pluck().get()).toBe(2);
    const again = await importCsv(app, 'closures.csv', text);
    expect(again).toMatchObject({ unchanged: 2 });
    expect(again.warnings).toEqual([]);
    // C2 closed by hand as lost contact, on the day a later file gives with its reason blank.
    const c2 = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'C2'")
      .pluck()
      .get() as number;
    await app.call('households.closeHousehold', {
      id: c2,
      date: '2025-05-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    const later = await importCsv(
      app,
      'later.csv',
      'Reference,Enquiry Date,Surname,Date Closed,Closure Reason\r\nC2,01/04/2025,Poe,01/05/2025,\r\n',
    );
    expect(messages(later).filter((m) => m.includes('is blank'))).toEqual([]);
    expect(storedReasons(app, 'closures')).toContainEqual({
      reference: 'C2',
      reason_key: 'lost_contact',
      reason_text: null,
    });
  });

  it('is not said row by row where the file has no reason column', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'no-reasons.csv',
      'Reference,Enquiry Date,Surname,Date Closed\r\nC1,01/04/2025,Lee,01/05/2025\r\nC2,01/04/2025,Poe,01/05/2025\r\n',
    );
    expect(result.warnings).toEqual([]);
    expect(storedReasons(app, 'closures')).toHaveLength(2);
  });
});
