import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Who initiated a carer's leaving, as a carers register says it. Every imported cessation but a
 * safeguarding termination was the carer's, so "Deregistered by panel" became Other, initiated by
 * the carer; a register's "Initiated by" column, or its "Ended by" beside a deregistration date
 * and no date closed, now says who, and a reason saying the service ended it is the service's.
 */
const importFile = (app: TestApp, name: string, lines: string[]) =>
  app.call('imports.importFile', { path: app.file(name, lines.join('\r\n')), kind: 'carers' });
const initiatedBy = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare(
      'SELECT c.initiated_by FROM cessations c JOIN households h ON h.id = c.household_id WHERE h.reference = ?',
    )
    .pluck()
    .get(reference);
const reasonOf = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare(
      'SELECT c.reason_key, c.reason_text FROM cessations c JOIN households h ON h.id = c.household_id WHERE h.reference = ?',
    )
    .get(reference);

describe('who initiated a cessation, from a carers register', () => {
  it('reads an "Initiated by" column, and warns of a cell naming neither the carer nor the service', async () => {
    const app = await testApp({ today: '2026-11-28' });
    const r = await importFile(app, 'reg.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving,Initiated by',
      '101,Ann Ash,01/05/2020,30/06/2025,Personal circumstances,Local Authority',
      '102,Bob Birch,01/05/2020,30/06/2025,Moved to IFA,Foster carer',
      '103,Cy Cole,01/05/2020,30/06/2025,Retirement,Somebody',
    ]);
    expect(r).toMatchObject({ new: 3, rejected: 0 });
    expect([initiatedBy(app, '101'), initiatedBy(app, '102'), initiatedBy(app, '103')]).toEqual([
      'service',
      'carer',
      'carer',
    ]);
    const aboutWho = r.warnings.filter((w) => w.column === 'Initiated by');
    expect(aboutWho.map((w) => `${w.row} ${w.column}: ${w.message}`)).toEqual([
      '4 Initiated by: Leaving initiated by "Somebody" is not the carer or the service; taken from the reason for leaving.',
    ]);
  });

  it('takes a reason saying the service ended the approval as the service’s, where no column says', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importFile(app, 'reg.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving',
      '201,Di Dale,01/05/2020,30/06/2025,Deregistered by panel',
      '202,Ed Eyre,01/05/2020,30/06/2025,Approval terminated',
      '203,Flo Fox,01/05/2020,30/06/2025,Resigned',
      // Words of the service's that are not its ending the approval, or beside a carer's own.
      '204,Gus Gill,01/05/2020,30/06/2025,Deregistered by own request',
      '205,Hana Hill,01/05/2020,30/06/2025,Resigned to avoid termination',
      '206,Ian Ives,01/05/2020,30/06/2025,"Placement terminated, carer retired"',
      '207,Jo Jay,01/05/2020,30/06/2025,Rehoused by the council',
    ]);
    expect(reasonOf(app, '201')).toEqual({ reason_key: 'other', reason_text: 'Deregistered by panel' });
    expect(['201', '202', '203', '204', '205', '206', '207'].map((ref) => initiatedBy(app, ref))).toEqual([
      'service',
      'service',
      'carer',
      'carer',
      'carer',
      'carer',
      'carer',
    ]);
  });

  it('reads a register’s "Ended by" beside a deregistration date, where the row has no date closed', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importFile(app, 'reg.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving,Ended by',
      '301,Gil Gray,01/05/2020,30/06/2025,Other,Service',
      '302,Hal Hunt,01/05/2020,30/06/2025,Other,Applicant',
      // The record's own words, and a drop-out's.
      '303,Ida Ince,01/05/2020,30/06/2025,Other,The service',
      '304,Jay Jones,01/05/2020,30/06/2025,Other,Service ended it',
      '305,Kit Kerr,01/05/2020,30/06/2025,Other,The carer',
    ]);
    expect(['301', '302', '303', '304', '305'].map((ref) => initiatedBy(app, ref))).toEqual([
      'service',
      'carer',
      'service',
      'service',
      'carer',
    ]);
  });

  it('changes who initiated it when a later register says so, and keeps the recorded reason', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importFile(app, 'reg1.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving',
      '401,Ivy Ince,01/05/2020,30/06/2025,Retirement',
    ]);
    const reason = reasonOf(app, '401');
    expect(initiatedBy(app, '401')).toBe('carer');
    // The same date, no reason column: only who initiated it differs, and that is a change.
    const r = await importFile(app, 'reg2.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Initiated by',
      '401,Ivy Ince,01/05/2020,30/06/2025,Service',
    ]);
    expect(r).toMatchObject({ updated: 1, unchanged: 0, rejected: 0 });
    expect(initiatedBy(app, '401')).toBe('service');
    expect(reasonOf(app, '401')).toEqual(reason);
    // Saying nothing of who initiated it restates the cessation, with or without its reason.
    const again = await importFile(app, 'reg3.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date',
      '401,Ivy Ince,01/05/2020,30/06/2025',
    ]);
    expect(again).toMatchObject({ updated: 0, rejected: 0 });
    const withReason = await importFile(app, 'reg4.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving',
      '401,Ivy Ince,01/05/2020,30/06/2025,Retirement',
    ]);
    expect(withReason).toMatchObject({ updated: 0, rejected: 0 });
    expect(initiatedBy(app, '401')).toBe('service');
    // A new reason without the column takes that reason's initiator.
    await importFile(app, 'reg5.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving',
      '401,Ivy Ince,01/05/2020,30/06/2025,Transfer to an independent fostering agency',
    ]);
    expect(initiatedBy(app, '401')).toBe('carer');
  });

  it('warns of who initiated it on a row with no deregistration date', async () => {
    const app = await testApp({ today: '2026-11-28' });
    const r = await importFile(app, 'reg.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Initiated by',
      '501,Lee Lyle,01/05/2020,,Service',
    ]);
    expect(r.warnings.map((w) => `${w.row} ${w.column}: ${w.message}`)).toEqual([
      '2 Initiated by: Leaving initiated by without a deregistration date was ignored.',
    ]);
  });

  it('restates a cessation the service initiated, entered by hand with a notice, without the resignation rule', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importFile(app, 'reg1.csv', ['Carer ID,Carer name,Approval date', '601,May Moss,01/05/2020']);
    const id = app.ctx.store.db.prepare("SELECT id FROM households WHERE reference = '601'").pluck().get();
    // Ended by the service 10 days after the carer's notice: no 28 days, as it was no resignation.
    await app.call('households.ceaseHousehold', {
      id: id as number,
      date: '2025-06-11',
      noticeDate: '2025-06-01',
      reasonKey: 'other',
      initiatedBy: 'service',
    });
    const r = await importFile(app, 'reg2.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date',
      '601,May Moss,01/05/2020,11/06/2025',
    ]);
    expect(r).toMatchObject({ rejected: 0, errors: [] });
    expect(initiatedBy(app, '601')).toBe('service');
  });
});
