import { describe, expect, it } from 'vitest';
import {
  exampleKey,
  labelAcronyms,
  labelExamples,
} from '../../../src-main/import/records/reason-examples.ts';
import { testApp } from '../../support/temp.ts';
import { importCsv, messages, storedReasons } from './reason-rows.ts';

// A carers register's "Retirement" was recorded as Other with the text kept, although the leaving
// reason "Personal circumstances e.g. separation, bereavement, retirement" names it; so was a
// CRM's "No response" beside "Lost contact / no response". A cell that is one of the examples or
// alternatives a reason's label gives, or one with another ending ("Retired"), is now that reason,
// its words kept and a warning saying so.
// The examples are read from the service's own labels, so an added reason's count too, and an
// example two labels give names neither.

const REGISTER_HEAD =
  'Foster Carer No.,Carer 1 Name,Date of Approval,Date Deregistered,Reason for Deregistration\r\n';

describe('a reason cell giving an example its label names', () => {
  it('records the reason for leaving whose label gives it, keeping the words', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'register.csv',
      REGISTER_HEAD +
        'FC1,Joan Ashby,01/05/2015,31/03/2025,Retirement\r\n' +
        'FC2,Amir Khan,01/05/2015,31/03/2025,BEREAVEMENT\r\n' +
        'FC3,Ruth Bell,01/05/2015,31/03/2025,Staying Put\r\n' +
        'FC4,Sam Ode,01/05/2015,31/03/2025,Death\r\n' +
        'FC5,Ian Roe,01/05/2015,31/03/2025,Termination\r\n' +
        'FC6,Kay Lin,01/05/2015,31/03/2025,Retired\r\n' +
        'FC7,Ann Orr,01/05/2015,31/03/2025,Separated\r\n' +
        'FC8,Bo Yu,01/05/2015,31/03/2025,stayed put\r\n' +
        'FC9,Cy Uno,01/05/2015,31/03/2025,Retired early\r\n' +
        'FC10,Di Ash,01/05/2015,31/03/2025,Died\r\n',
    );
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC1', reason_key: 'personal_circumstances', reason_text: 'Retirement' },
      // "Died" is not "death": Other, its word kept.
      { reference: 'FC10', reason_key: 'other', reason_text: 'Died' },
      { reference: 'FC2', reason_key: 'personal_circumstances', reason_text: 'BEREAVEMENT' },
      { reference: 'FC3', reason_key: 'permanence', reason_text: 'Staying Put' },
      { reference: 'FC4', reason_key: 'other', reason_text: 'Death' },
      { reference: 'FC5', reason_key: 'safeguarding_termination', reason_text: 'Termination' },
      // The word the label gives with another ending.
      { reference: 'FC6', reason_key: 'personal_circumstances', reason_text: 'Retired' },
      { reference: 'FC7', reason_key: 'personal_circumstances', reason_text: 'Separated' },
      { reference: 'FC8', reason_key: 'permanence', reason_text: 'stayed put' },
      // Words the label does not give: Other, as before.
      { reference: 'FC9', reason_key: 'other', reason_text: 'Retired early' },
    ]);
    const said = messages(result);
    expect(said).toContain(
      'Reason for leaving "Retirement" is not in the list as written; recorded as "Personal circumstances e.g. separation, bereavement, retirement", whose name gives "retirement", with the text kept.',
    );
    expect(said).toContain(
      'Reason for leaving "Retired" is not in the list as written; recorded as "Personal circumstances e.g. separation, bereavement, retirement", whose name gives "retirement", with the text kept.',
    );
    expect(said).toContain(
      'Reason for leaving "Retired early" is not in the list; recorded as Other with the text kept.',
    );
    // A termination is the service's ending, as when the reason is named in full.
    expect(
      app.ctx.store.db
        .prepare(
          "SELECT c.initiated_by FROM cessations c JOIN households h ON h.id = c.household_id WHERE h.reference = 'FC5'",
        )
        .pluck()
        .get(),
    ).toBe('service');
  });

  it('records the drop-out reason whose label gives it, who ended it following the reason', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'closures.csv',
      'Reference,Enquiry Date,Surname,Date Closed,Closure Reason\r\n' +
        'C1,01/04/2025,Lee,01/05/2025,another LA\r\n' +
        'C2,01/04/2025,Poe,01/05/2025,No response\r\n' +
        'C3,01/04/2025,Rai,01/05/2025,IFA\r\n',
    );
    expect(storedReasons(app, 'closures')).toEqual([
      { reference: 'C1', reason_key: 'other_provider', reason_text: 'another LA' },
      { reference: 'C2', reason_key: 'lost_contact', reason_text: 'No response' },
      { reference: 'C3', reason_key: 'other_provider', reason_text: 'IFA' },
    ]);
    expect(
      app.ctx.store.db
        .prepare(
          'SELECT c.ended_by FROM closures c JOIN households h ON h.id = c.household_id ORDER BY h.reference',
        )
        .pluck()
        .all(),
    ).toEqual(['applicant', 'lost_contact', 'applicant']);
    expect(messages(result)).toContain(
      'Closure reason "No response" is not in the list as written; recorded as "Lost contact / no response", whose name gives "no response", with the text kept.',
    );
  });

  it('records a closure reason given as an Ofsted withdrawal code as the reason of that code', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'closures.csv',
      'Reference,Enquiry Date,Stage 1 Start,Surname,Date Closed,Closure Reason\r\n' +
        'W1,01/04/2025,10/04/2025,Lee,01/05/2025,AW1\r\n' +
        'W2,01/04/2025,10/04/2025,Poe,01/05/2025,AW3\r\n' +
        'W3,01/04/2025,10/04/2025,Rai,01/05/2025,aw0\r\n' +
        'W4,01/04/2025,10/04/2025,Ode,01/05/2025,AW 5\r\n' +
        'W5,01/04/2025,10/04/2025,Ash,01/05/2025,AW9\r\n',
    );
    // AW3 is carried by household circumstances and housing, AW0 by another provider, lost contact
    // and other: the reason whose label opens Ofsted's wording of the code.
    expect(storedReasons(app, 'closures')).toEqual([
      { reference: 'W1', reason_key: 'not_as_expected', reason_text: null },
      { reference: 'W2', reason_key: 'circumstances', reason_text: null },
      { reference: 'W3', reason_key: 'other', reason_text: null },
      { reference: 'W4', reason_key: 'allegations_risk', reason_text: null },
      { reference: 'W5', reason_key: 'other', reason_text: 'AW9' },
    ]);
    expect(messages(result)).toContain(
      'Closure reason "AW3" is not in the list as written; recorded as "Household circumstances changed", the reason of this Ofsted withdrawal code.',
    );
    // The Ofsted return counts the applications withdrawn under their codes.
    const ofsted = await app.call('reports.getTable', {
      table: 'ofsted',
      options: { to: '2025/26', suppress: false },
    });
    const all = (row: string) => ofsted.rows.find((r) => r.key === row)?.values.all;
    expect(['withdrawn_aw1', 'withdrawn_aw3', 'withdrawn_aw5'].map(all)).toEqual([1, 1, 1]);
  });

  it('records the reason an acronym in the cell names, written in capitals, keeping the words', async () => {
    const app = await testApp();
    const result = await importCsv(
      app,
      'register.csv',
      REGISTER_HEAD +
        'FC1,Joan Ashby,01/05/2015,31/03/2025,IFA\r\n' +
        'FC2,Amir Khan,01/05/2015,31/03/2025,Moved to an IFA\r\n' +
        'FC3,Ruth Bell,01/05/2015,31/03/2025,Transferred to IFA (Foster Care Co)\r\n' +
        'FC4,Sam Ode,01/05/2015,31/03/2025,moved to ifa\r\n',
    );
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC1', reason_key: 'transfer_ifa', reason_text: 'IFA' },
      { reference: 'FC2', reason_key: 'transfer_ifa', reason_text: 'Moved to an IFA' },
      { reference: 'FC3', reason_key: 'transfer_ifa', reason_text: 'Transferred to IFA (Foster Care Co)' },
      // In lower case, "ifa" may be a word: as before.
      { reference: 'FC4', reason_key: 'other', reason_text: 'moved to ifa' },
    ]);
    expect(messages(result)).toContain(
      'Reason for leaving "Moved to an IFA" is not in the list as written; recorded as "Transfer to an independent fostering agency", "IFA" standing for "independent fostering agency" in its name, with the text kept.',
    );
    const closures = await importCsv(
      app,
      'closures.csv',
      'Reference,Enquiry Date,Surname,Date Closed,Closure Reason\r\nC1,01/04/2025,Lee,01/05/2025,Went with an IFA\r\n',
    );
    expect(storedReasons(app, 'closures')).toEqual([
      { reference: 'C1', reason_key: 'other_provider', reason_text: 'Went with an IFA' },
    ]);
    expect(messages(closures)).toContain(
      'Closure reason "Went with an IFA" is not in the list as written; recorded as "Chose another fostering provider (IFA or another LA)", whose name gives "IFA", with the text kept.',
    );
  });

  it("reads an added reason's examples, and an example two labels give names neither", async () => {
    const app = await testApp();
    await app.call('reasons.addReason', { list: 'leaving', label: 'Health (e.g. ill health, dementia)' });
    await app.call('reasons.addReason', {
      list: 'leaving',
      label: 'Moved away or retired (e.g. retirement abroad, retirement)',
    });
    const added = app.ctx.store.db
      .prepare("SELECT key FROM reasons WHERE list = 'leaving' AND label LIKE 'Health%'")
      .pluck()
      .get();
    const result = await importCsv(
      app,
      'register.csv',
      REGISTER_HEAD +
        'FC1,Joan Ashby,01/05/2015,31/03/2025,Ill health\r\n' +
        'FC2,Amir Khan,01/05/2015,31/03/2025,Retirement\r\n',
    );
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC1', reason_key: added, reason_text: 'Ill health' },
      { reference: 'FC2', reason_key: 'other', reason_text: 'Retirement' },
    ]);
    expect(messages(result)).toContain(
      'Reason for leaving "Retirement" is not in the list; recorded as Other with the text kept.',
    );
  });

  it('for a purged household, records the reason without the words and says so', async () => {
    const app = await testApp();
    const csv = REGISTER_HEAD + 'FC9,Joan Ashby,01/05/2001,31/03/2010,Retirement\r\n';
    await importCsv(app, 'register.csv', csv);
    const due = await app.call('data.listPurgeDue', {});
    expect(due.households.length).toBe(1);
    await app.call('data.purgeHouseholds', { ids: due.households.map((h) => h.id) });
    const again = await importCsv(app, 'register.csv', csv);
    expect(messages(again)).toContain(
      'Reason for leaving "Retirement" is not in the list as written; recorded as "Personal circumstances e.g. separation, bereavement, retirement", whose name gives "retirement", without the text, as this household\'s personal details were erased.',
    );
    expect(messages(again).some((m) => m.includes('with the text kept'))).toBe(false);
    expect(storedReasons(app, 'cessations')).toEqual([
      { reference: 'FC9', reason_key: 'personal_circumstances', reason_text: null },
    ]);
  });

  it('takes a label’s alternatives, bracketed words and examples, never a word cut from them', () => {
    expect(labelExamples('No spare bedroom / housing')).toEqual(['No spare bedroom', 'housing']);
    expect(labelExamples('Chose another fostering provider (IFA or another LA)')).toEqual([
      'IFA',
      'another LA',
    ]);
    expect(labelExamples('Personal circumstances e.g. separation, bereavement, retirement')).toEqual([
      'separation',
      'bereavement',
      'retirement',
    ]);
    expect(labelExamples('Other – including death')).toEqual(['death']);
    expect(labelExamples('Permanence plan for child (including Staying Put)')).toEqual(['Staying Put']);
    // No examples: a label's own words ("or" in the middle of it) are not alternatives.
    expect(labelExamples('Panel or decision maker did not approve')).toEqual([]);
    expect(labelExamples('Legal guardianship granted')).toEqual([]);
  });

  it('takes acronyms as a label writes them, and the initials of three words or more in one phrase', () => {
    expect(labelAcronyms('Transfer to an independent fostering agency')).toEqual([
      { acronym: 'IFA', words: 'independent fostering agency' },
    ]);
    expect(labelAcronyms('Chose another fostering provider (IFA or another LA)')).toContainEqual({
      acronym: 'IFA',
      words: null,
    });
    // Small words break a run, as does a list's comma: no initials here.
    expect(labelAcronyms('Personal circumstances e.g. separation, bereavement, retirement')).toEqual([]);
    expect(labelAcronyms('Resigned prior to quality of care and safeguarding issues')).toEqual([]);
  });

  it('compares words with their endings cut, keeping four letters at least', () => {
    expect(exampleKey('Retired')).toBe(exampleKey('retirement'));
    expect(exampleKey('SEPARATED')).toBe(exampleKey('separation'));
    expect(exampleKey('Stayed-put')).toBe(exampleKey('Staying Put'));
    expect(exampleKey('Bereaved')).toBe(exampleKey('bereavement'));
    expect(exampleKey('IFAs')).not.toBe(exampleKey('IFA'));
    expect(exampleKey('Retired early')).not.toBe(exampleKey('retirement'));
  });
});
