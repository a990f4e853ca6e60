import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

// Each drop-out reason says who ends an assessment for it (the reasons list's "ended by"), and the
// Ofsted return counts a closure by who ended it: "checks unsatisfactory" ended by the applicant
// was stored and counted as withdrawn rather than turned down.
const HEADER = 'Reference,Enquiry date,First name,Surname,EOI date,Date closed,Closure reason,Closed by\r\n';

function write(app: TestApp, name: string, text: string): string {
  const path = join(app.dir, name);
  writeFileSync(path, text);
  return path;
}

const closures = (app: TestApp) =>
  app.ctx.store.db
    .prepare(
      'SELECT h.reference, c.reason_key, c.ended_by FROM closures c JOIN households h ON h.id = c.household_id ORDER BY h.reference',
    )
    .all();

describe("a closure's ended by, against its reason", () => {
  it('by hand: refuses one its reason does not name, beside the field, storing nothing', async () => {
    const app = await testApp();
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      firstName: 'Amira',
      surname: 'Khan',
      source: 'website',
    });
    const close = (reasonKey: string, endedBy: 'applicant' | 'service' | 'lost_contact') =>
      app.call('households.closeHousehold', { id, date: '2026-03-01', reasonKey, endedBy, notes: null });
    const e = await close('unsuitable_checks', 'applicant').then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({
      code: 'rule_violation',
      field: 'endedBy',
      message:
        'Ended by "Applicant withdrew" does not fit the reason "Checks or references unsatisfactory", which the service ends an assessment for: choose "Service ended it", or another reason.',
    });
    await expect(close('lost_contact', 'service')).rejects.toMatchObject({ field: 'endedBy' });
    await expect(close('financial', 'service')).rejects.toMatchObject({
      message: expect.stringContaining("which is an applicant's reason for withdrawing"),
    });
    expect(closures(app)).toEqual([]);
    // Other is for anyone; the reason's own ended-by is taken.
    await close('unsuitable_checks', 'service');
    expect(closures(app)).toEqual([
      { reference: 'FF000001', reason_key: 'unsuitable_checks', ended_by: 'service' },
    ]);
    await app.call('households.reopenHousehold', { id, enquiryDate: '2026-04-01', notes: null });
    await app.call('households.closeHousehold', {
      id,
      date: '2026-05-01',
      reasonKey: 'other',
      endedBy: 'lost_contact',
      notes: null,
    });
  });

  it('by import: refuses the row naming its row and Closed by column, new or known, and takes the reason’s where the cell is empty', async () => {
    const app = await testApp();
    await app.call('imports.importFile', {
      path: write(app, 'known.csv', HEADER + 'K1,01/11/2025,Ann,Lee,01/12/2025,,,\r\n'),
    });
    const result = await app.call('imports.importFile', {
      path: write(
        app,
        'closures.csv',
        HEADER +
          'N1,01/11/2025,Bea,Ray,01/12/2025,10/01/2026,Checks or references unsatisfactory,Applicant\r\n' +
          'K1,01/11/2025,Ann,Lee,01/12/2025,10/01/2026,Counselled out by the service,Withdrew\r\n' +
          'N2,01/11/2025,Cal,Orr,01/12/2025,10/01/2026,Checks or references unsatisfactory,\r\n' +
          'N3,01/11/2025,Dee,Fox,01/12/2025,10/01/2026,Other reason / unknown,Service\r\n' +
          // Lost contact closed by the applicant: both a withdrawal in the return, so taken as given.
          'N4,01/11/2025,Eve,Gee,01/12/2025,10/01/2026,Lost contact / no response,Applicant\r\n',
      ),
    });
    expect(result.rejected).toBe(2);
    expect(result.errors).toEqual([
      {
        row: 2,
        column: 'Closed by',
        message:
          'N1: Ended by "Applicant withdrew" does not fit the reason "Checks or references unsatisfactory", which the service ends an assessment for: choose "Service ended it", or another reason.',
      },
      {
        row: 3,
        column: 'Closed by',
        message:
          'K1: Ended by "Applicant withdrew" does not fit the reason "Counselled out by the service", which the service ends an assessment for: choose "Service ended it", or another reason.',
      },
    ]);
    expect(closures(app)).toEqual([
      { reference: 'N2', reason_key: 'unsuitable_checks', ended_by: 'service' },
      { reference: 'N3', reason_key: 'other', ended_by: 'service' },
      { reference: 'N4', reason_key: 'lost_contact', ended_by: 'applicant' },
    ]);
  });

  it('by import: a closure an older version stored so is restated unchanged, not refused', async () => {
    const app = await testApp();
    const file =
      HEADER +
      'R1,01/11/2025,Ann,Lee,01/12/2025,10/01/2026,Checks or references unsatisfactory,Applicant\r\n';
    // An older version took the row as it stands; the service's own reason for anyone did too.
    app.ctx.store.db.prepare("UPDATE reasons SET ended_by = NULL WHERE key = 'unsuitable_checks'").run();
    await app.call('imports.importFile', { path: write(app, 'a.csv', file) });
    app.ctx.store.db.prepare("UPDATE reasons SET ended_by = 'service' WHERE key = 'unsuitable_checks'").run();
    const again = await app.call('imports.importFile', { path: write(app, 'b.csv', file) });
    expect(again).toMatchObject({ rejected: 0, unchanged: 1 });
    expect(closures(app)).toEqual([
      { reference: 'R1', reason_key: 'unsuitable_checks', ended_by: 'applicant' },
    ]);
  });
});
