import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { reasonUntold, textNotKept } from '../../../src-main/import/records/reason-words.ts';
import { saysOnlyItEnded } from '../../../src-main/import/records/vocab.ts';
import { importCsv, messages, storedReasons } from './reason-rows.ts';

// A reason cell holding only the start of a reason's label ("Personal circumstances" where the
// service's reason is "Personal circumstances changed", "Counselled" for "Counselled out by the
// service") was recorded as Other with the text kept, as if no reason fitted. The one reason it
// starts is now recorded, with a warning naming the cell's words and the label taken; words that
// start two labels stay Other with the text, the warning naming both; a word from a label's
// middle, a word cut short or too few letters never match.

describe('a reason cell holding the start of a label', () => {
  it('records the one drop-out reason it starts, saying so; a middle word, a cut word or one letter stay Other', async () => {
    const app = await testApp();
    await app.call('reasons.addReason', { list: 'dropout', label: 'Personal circumstances changed' });
    const key = app.ctx.store.db
      .prepare("SELECT key FROM reasons WHERE list = 'dropout' AND label = 'Personal circumstances changed'")
      .pluck()
      .get();
    const result = await importCsv(
      app,
      'closures.csv',
      'Reference,Enquiry Date,Surname,Date Closed,Closure Reason\r\n' +
        'C1,01/04/2025,Lee,01/05/2025,Personal circumstances\r\n' +
        'C2,01/04/2025,Poe,01/05/2025,COUNSELLED  \r\n' +
        'C3,01/04/2025,Rai,01/05/2025,circumstances changed\r\n' +
        'C4,01/04/2025,Oak,01/05/2025,Counsel\r\n' +
        'C5,01/04/2025,Ng,01/05/2025,O\r\n' +
        'C6,01/04/2025,Fox,01/05/2025,Checks\r\n',
    );
    expect(storedReasons(app, 'closures')).toEqual([
      { reference: 'C1', reason_key: key, reason_text: null },
      { reference: 'C2', reason_key: 'counselled_out', reason_text: null },
      { reference: 'C3', reason_key: 'other', reason_text: 'circumstances changed' },
      { reference: 'C4', reason_key: 'other', reason_text: 'Counsel' },
      { reference: 'C5', reason_key: 'other', reason_text: 'O' },
      { reference: 'C6', reason_key: 'unsuitable_checks', reason_text: null },
    ]);
    const said = messages(result);
    expect(said).toContain(
      'Closure reason "Personal circumstances" is not in the list as written; recorded as "Personal circumstances changed", the one reason whose name starts with these words.',
    );
    expect(said).toContain(
      'Closure reason "COUNSELLED" is not in the list as written; recorded as "Counselled out by the service", the one reason whose name starts with these words.',
    );
    for (const text of ['circumstances changed', 'Counsel', 'O'])
      expect(said).toContain(
        `Closure reason "${text}" is not in the list; recorded as Other with the text kept.`,
      );
    // Who ended it follows the reason found, as for a reason named in full.
    expect(
      app.ctx.store.db
        .prepare(
          "SELECT c.ended_by FROM closures c JOIN households h ON h.id = c.household_id WHERE h.reference IN ('C2', 'C6')",
        )
        .pluck()
        .all(),
    ).toEqual(['service', 'service']);
  });

  it('records the one reason for leaving it starts, and keeps words that start two as Other, naming both', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'register.csv',
      'Foster Carer No.,Carer 1 Name,Date of Approval,Date Deregistered,Reason for Deregistration\r\n' +
        'FC1,Joan Ashby,01/05/2015,31/03/2025,Decided fostering\r\n' +
        'FC2,Amir Khan,01/05/2015,31/03/2025,Transfer to\r\n' +
        'FC3,Ruth Bell,01/05/2015,31/03/2025,Transfer to another LA\r\n' +
        'FC4,Sam Ode,01/05/2015,31/03/2025,Resigned\r\n',
    );
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC1', reason_key: 'not_for_them', reason_text: null },
      { reference: 'FC2', reason_key: 'other', reason_text: 'Transfer to' },
      { reference: 'FC3', reason_key: 'transfer_la', reason_text: null },
      // "Resigned" says the carer left, not why: never "Resigned prior to quality of care and
      // safeguarding issues", which says there were concerns.
      { reference: 'FC4', reason_key: 'other', reason_text: 'Resigned' },
    ]);
    const said = messages(result);
    expect(said).toContain(
      'Reason for leaving "Decided fostering" is not in the list as written; recorded as "Decided fostering not for them", the one reason whose name starts with these words.',
    );
    expect(said).toContain(
      'Reason for leaving "Resigned" says only that the carer left, not why; recorded as Other with the text kept.',
    );
    expect(said).toContain(
      'Reason for leaving "Transfer to" is not in the list; recorded as Other with the text kept. It is the start of 2 reasons: "Transfer to an independent fostering agency" and "Transfer to another LA fostering service / children\'s trust".',
    );
  });

  it('for a purged household, says Other without the text and still names the reasons it could be', async () => {
    const app = await testApp();
    const csv =
      'Foster Carer No.,Carer 1 Name,Date of Approval,Date Deregistered,Reason for Deregistration\r\n' +
      'FC9,Joan Ashby,01/05/2001,31/03/2010,Transfer to\r\n';
    await importCsv(app, 'register.csv', csv);
    const due = await app.call('data.listPurgeDue', {});
    expect(due.households.length).toBe(1);
    await app.call('data.purgeHouseholds', { ids: due.households.map((h) => h.id) });
    const again = await importCsv(app, 'register.csv', csv);
    expect(messages(again)).toContain(
      'Reason for leaving "Transfer to" is not in the list; recorded as Other without the text, as this household\'s personal details were erased. It is the start of 2 reasons: "Transfer to an independent fostering agency" and "Transfer to another LA fostering service / children\'s trust".',
    );
    expect(messages(again).some((m) => m.includes('with the text kept'))).toBe(false);
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC9', reason_key: 'other', reason_text: null },
    ]);
  });

  it('takes a cell saying only that it ended as no reason, and says so without the text for a purged household', () => {
    for (const cell of ['Resigned', 'LEFT', 'Withdrawn', 'Closed', 'De-registered'])
      expect({ cell, only: saysOnlyItEnded(cell) }).toEqual({ cell, only: true });
    for (const cell of ['Resigned - moved away', 'Carer left', 'Withdrawn (financial)'])
      expect({ cell, only: saysOnlyItEnded(cell) }).toEqual({ cell, only: false });
    expect(reasonUntold('Closure reason', 'Withdrawn')).toBe(
      'Closure reason "Withdrawn" says only that the assessment ended, not why; recorded as Other with the text kept.',
    );
    expect(
      textNotKept(reasonUntold('Reason for leaving', 'Resigned'), 'Reason for leaving', 'Resigned'),
    ).toBe(
      'Reason for leaving "Resigned" says only that the carer left, not why; recorded as Other without the text, as this household\'s personal details were erased.',
    );
  });
});
