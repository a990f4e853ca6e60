import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

// Re-importing the row of a household whose personal details were purged warned that its unlisted
// closure reason (or reason for leaving) was 'recorded as Other with the text kept', beside the
// right '…free text were not imported': the text is personal, so it is not stored. The warning
// now says it was recorded as Other without the text.

async function importAll(app: TestApp, name: string, text: string) {
  return app.call('imports.importFile', { path: app.file(name, text) });
}

async function purgeAllDue(app: TestApp) {
  const due = await app.call('data.listPurgeDue', {});
  expect(due.households.length).toBe(1);
  await app.call('data.purgeHouseholds', { ids: due.households.map((h) => h.id) });
}

const reasonTexts = (app: TestApp) =>
  app.ctx.store.db
    .prepare(
      'SELECT reason_text FROM closures WHERE reason_text IS NOT NULL UNION ALL SELECT reason_text FROM cessations WHERE reason_text IS NOT NULL',
    )
    .pluck()
    .all();

describe('a purged household’s row imported again', () => {
  it('says an unlisted closure reason was recorded as Other without its text, and stores no text', async () => {
    const app = await testApp();
    const csv =
      'Reference,Enquiry Date,First Name,Surname,Date Closed,Closure Reason\r\n' +
      'P1,01/04/2015,Ann,Lee,01/05/2015,Moved to Spain to be near her daughter\r\n';
    const first = await importAll(app, 'old.csv', csv);
    expect(first.warnings.map((w) => w.message)).toContain(
      'Closure reason "Moved to Spain to be near her daughter" is not in the list; recorded as Other with the text kept.',
    );
    await purgeAllDue(app);

    const again = await importAll(app, 'old.csv', csv);
    const said = again.warnings.map((w) => w.message);
    expect(said.some((m) => m.includes('with the text kept'))).toBe(false);
    expect(said).toContain(
      'Closure reason "Moved to Spain to be near her daughter" is not in the list; recorded as Other without the text, as this household\'s personal details were erased.',
    );
    expect(
      said.some((m) =>
        m.endsWith("so this row's names, contact details, notes and free text were not imported."),
      ),
    ).toBe(true);
    expect(reasonTexts(app)).toEqual([]);
  });

  it('says the same of an unlisted reason for leaving', async () => {
    const app = await testApp();
    const csv =
      'Foster Carer No.,Carer 1 Name,Date of Approval,Date Deregistered,Reason for Deregistration\r\n' +
      'FC9,Joan Ashby,01/05/2001,31/03/2010,Went to live with her son in Leeds\r\n';
    const first = await importAll(app, 'register.csv', csv);
    expect(first.warnings.map((w) => w.message)).toContain(
      'Reason for leaving "Went to live with her son in Leeds" is not in the list; recorded as Other with the text kept.',
    );
    await purgeAllDue(app);

    const again = await importAll(app, 'register.csv', csv);
    const said = again.warnings.map((w) => w.message);
    expect(said.some((m) => m.includes('with the text kept'))).toBe(false);
    expect(said).toContain(
      'Reason for leaving "Went to live with her son in Leeds" is not in the list; recorded as Other without the text, as this household\'s personal details were erased.',
    );
    expect(reasonTexts(app)).toEqual([]);
  });
});
