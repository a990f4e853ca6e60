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
    ]);
    expect(reasonOf(app, '201')).toEqual({ reason_key: 'other', reason_text: 'Deregistered by panel' });
    expect([initiatedBy(app, '201'), initiatedBy(app, '202'), initiatedBy(app, '203')]).toEqual([
      'service',
      'service',
      'carer',
    ]);
  });

  it('reads a register’s "Ended by" beside a deregistration date, where the row has no date closed', async () => {
    const app = await testApp({ today: '2026-11-28' });
    await importFile(app, 'reg.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date,Reason for leaving,Ended by',
      '301,Gil Gray,01/05/2020,30/06/2025,Other,Service',
      '302,Hal Hunt,01/05/2020,30/06/2025,Other,Applicant',
    ]);
    expect([initiatedBy(app, '301'), initiatedBy(app, '302')]).toEqual(['service', 'carer']);
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
    // Saying nothing of who initiated it restates the cessation.
    const again = await importFile(app, 'reg3.csv', [
      'Carer ID,Carer name,Approval date,Deregistration date',
      '401,Ivy Ince,01/05/2020,30/06/2025',
    ]);
    expect(again).toMatchObject({ updated: 0, rejected: 0 });
    expect(initiatedBy(app, '401')).toBe('service');
  });
});
