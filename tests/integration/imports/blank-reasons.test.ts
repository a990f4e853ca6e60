import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { importCsv, messages, storedReasons, warningLines } from './reason-rows.ts';

// A row closed (or deregistered) with its reason cell blank was recorded as "Other reason /
// unknown", ended by the applicant (or "Other – including death"), and a reason for leaving with no
// deregistration date was dropped, each without a word, so a manager's drop-out and leaving tables
// counted them under Other (and the Ofsted return as withdrawn by the applicant) with nobody told
// (found by a review helper). Each row now says so, naming its row and column; a file with no
// reason column says nothing of each of its closures.
//
// A later file with the same closure or deregistration date and its reason blank (or no reason
// column at all) turned the reason an earlier import had stored into Other: it now restates the
// ending, and the stored reason stays.

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

  it('is not said where the deregistration date is refused as no date: the row is refused for that', async () => {
    // helper-238: 31/11/2026 refused, and beside it "… without a deregistration date was ignored".
    const app = await testApp();
    const result = await importCsv(
      app,
      'register.csv',
      'Foster Carer No.,Carer 1 Name,Date of Approval,Date Deregistered,Reason for Deregistration,Initiated by\r\n' +
        'FC1,Joan Ashby,01/05/2015,31/11/2025,Retirement,Carer\r\n' +
        'FC2,Amir Khan,14/09/2019,,Moved abroad,Carer\r\n',
    );
    const lines = [...warningLines({ warnings: result.errors }), ...warningLines(result)].filter((l) =>
      l.startsWith('2 '),
    );
    expect(lines.some((l) => l.includes('Date Deregistered'))).toBe(true);
    expect(lines.filter((l) => l.includes('without a deregistration date'))).toEqual([]);
    // Where the cell is blank, both are still said.
    expect(warningLines(result).filter((l) => l.includes('without a deregistration date'))).toHaveLength(2);
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

  it('keeps the reason stored for the same ending, where a later file gives only its date', async () => {
    const app = await testApp();
    await importCsv(
      app,
      'closures.csv',
      'Reference,Enquiry Date,Surname,Date Closed,Closure Reason,Closed By\r\n' +
        'C1,01/04/2025,Lee,01/05/2025,Lost contact,\r\n' +
        'C2,01/04/2025,Poe,01/05/2025,Moved to Spain,Service\r\n' +
        'C3,01/04/2025,Rai,01/05/2025,Lost contact,\r\n' +
        'C4,01/04/2025,Kaur,01/05/2025,Counselled out by the service,Service\r\n' +
        'C5,01/04/2025,Moss,01/05/2025,Lost contact,Lost contact\r\n',
    );
    const before = storedReasons(app, 'closures');
    // C1 and C2 restated with blank reasons; C3's closure moved to another day, its reason blank.
    const later = await importCsv(
      app,
      'later.csv',
      'Reference,Enquiry Date,Surname,Date Closed,Closure Reason,Closed By\r\n' +
        'C1,01/04/2025,Lee,01/05/2025,,\r\nC2,01/04/2025,Poe,01/05/2025,,\r\nC3,01/04/2025,Rai,02/05/2025,,\r\n' +
        // A CRM filling Closed by and leaving the reason blank: the same who restates it too; another who is a change.
        'C4,01/04/2025,Kaur,01/05/2025,,Service\r\nC5,01/04/2025,Moss,01/05/2025,,Applicant\r\n',
    );
    expect(warningLines(later)).toEqual([
      '4 Closure Reason: Closure reason is blank; recorded as "Other reason / unknown", ended by "Applicant withdrew".',
      '6 Closure Reason: Closure reason is blank; recorded as "Other reason / unknown", ended by "Applicant withdrew".',
    ]);
    expect(later).toMatchObject({ unchanged: 3, updated: 2 });
    // An export with no reason column at all restates them too.
    const bare = await importCsv(
      app,
      'bare.csv',
      'Reference,Enquiry Date,Surname,Date Closed\r\nC1,01/04/2025,Lee,01/05/2025\r\nC2,01/04/2025,Poe,01/05/2025\r\n',
    );
    expect(bare).toMatchObject({ unchanged: 2 });
    const after = storedReasons(app, 'closures');
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[0]).toEqual({ reference: 'C1', reason_key: 'lost_contact', reason_text: null });
    expect(after[2]).toEqual({ reference: 'C3', reason_key: 'other', reason_text: null });
    expect(after[3]).toEqual({ reference: 'C4', reason_key: 'counselled_out', reason_text: null });
    expect(after[4]).toEqual({ reference: 'C5', reason_key: 'other', reason_text: null });
    const endedBy = app.ctx.store.db
      .prepare(
        "SELECT c.ended_by FROM closures c JOIN households h ON h.id = c.household_id WHERE h.reference = 'C2'",
      )
      .pluck()
      .get();
    expect(endedBy).toBe('service');
  });

  it('keeps the leaving reason stored, where a later register gives only the deregistration date', async () => {
    const app = await testApp();
    const head =
      'Foster Carer No.,Carer 1 Name,Date of Approval,Date Deregistered,Reason for Deregistration\r\n';
    await importCsv(app, 'register.csv', head + 'FC3,Ruth Bell,14/09/2019,31/03/2025,Retirement\r\n');
    const later = await importCsv(app, 'later.csv', head + 'FC3,Ruth Bell,14/09/2019,31/03/2025,\r\n');
    expect(messages(later).filter((m) => m.includes('is blank'))).toEqual([]);
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC3', reason_key: 'personal_circumstances', reason_text: 'Retirement' },
    ]);
    // Another date with a blank reason corrects the date of the one cessation a household has: the
    // reason stays (it was read as "Other", and the leaving table lost a retirement).
    const moved = await importCsv(app, 'moved.csv', head + 'FC3,Ruth Bell,14/09/2019,30/04/2025,\r\n');
    expect(moved).toMatchObject({ updated: 1 });
    expect(messages(moved).filter((m) => m.includes('is blank'))).toEqual([]);
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC3', reason_key: 'personal_circumstances', reason_text: 'Retirement' },
    ]);
  });
});
