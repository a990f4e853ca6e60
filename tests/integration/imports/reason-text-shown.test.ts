import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { cessationLine, closureLine } from '../../../src-main/transports/cli/household-lines.ts';
import { importCsv, messages } from './reason-rows.ts';

// A reason not in the list is recorded as Other "with the text kept", as the import's warning
// says, but the household's record (its screen, `household` and its --json) showed only "Other",
// so the words were kept where only a subject access export or the file itself showed them (found
// by a review helper). The record now carries them and says them after the reason's label.

const recordOf = async (app: Awaited<ReturnType<typeof testApp>>, reference: string) => {
  const id = app.ctx.store.db.prepare('SELECT id FROM households WHERE reference = ?').pluck().get(reference);
  return app.call('households.getHousehold', { id: id as number });
};

describe('the words kept with a reason not in the list', () => {
  it('are in the record of a closure and of a cessation, after the reason', async () => {
    const app = await testApp();
    const closed = await importCsv(
      app,
      'closures.csv',
      'Reference,Enquiry Date,Surname,Date Closed,Closure Reason\r\n' +
        'C1,01/04/2025,Lee,01/05/2025,Moved to Spain\r\n' +
        'C2,01/04/2025,Poe,01/05/2025,Lost contact\r\n',
    );
    expect(messages(closed)).toEqual([
      'Closure reason "Moved to Spain" is not in the list; recorded as Other with the text kept.',
    ]);
    const c1 = await recordOf(app, 'C1');
    expect(c1.closures[0]).toMatchObject({
      reasonLabel: 'Other reason / unknown',
      reasonText: 'Moved to Spain',
    });
    expect(closureLine(c1.closures[0]!)).toBe(
      'closed 01/05/2025 at Enquiry: Other reason / unknown: “Moved to Spain” (Applicant withdrew)',
    );
    const c2 = await recordOf(app, 'C2');
    expect(c2.closures[0]).toMatchObject({ reasonText: null });
    expect(closureLine(c2.closures[0]!)).toContain(': Lost contact / no response (');

    await importCsv(
      app,
      'register.csv',
      'Foster Carer No.,Carer 1 Name,Date of Approval,Date Deregistered,Reason for Deregistration\r\n' +
        'FC1,Joan Ashby,01/05/2015,31/03/2025,Emigrated\r\n',
    );
    const fc1 = await recordOf(app, 'FC1');
    expect(fc1.cessation).toMatchObject({ reasonLabel: 'Other – including death', reasonText: 'Emigrated' });
    expect(cessationLine(fc1.cessation!)).toBe(
      'ceased 31/03/2025: Other – including death: “Emigrated” (initiated by the carer)',
    );
  });
});
