import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { testApp, type TestApp } from '../../support/temp.ts';
import { saveInterview } from './endings.ts';

/**
 * The households list export gives a closed or ceased household's exit interview beside the
 * reason it ended: the interview after that ending, never one after an earlier ending of the same
 * household (a family that came back and dropped out again, or was approved and ceased).
 */
async function exported(app: TestApp, reference: string) {
  const xlsx = await app.call('households.exportList', { format: 'xlsx' });
  const ws = XLSX.read(Buffer.from(xlsx.base64, 'base64')).Sheets.Households!;
  const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(ws, { defval: '' });
  const row = rows.find((r) => r.Reference === reference)!;
  return [
    row['Reason (closed or ceased)'],
    row['Exit interview'],
    row['Interview notes'],
    row['Might return'],
  ];
}

describe('the households list export’s exit interview', () => {
  it('is the one after the ending the row gives, not one after an earlier ending', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'R1',
      surname: 'Returner',
      enquiryDate: '2025-09-01',
    });
    await app.call('households.closeHousehold', {
      id,
      date: '2025-10-01',
      reasonKey: 'other_provider',
      endedBy: 'applicant',
      notes: null,
    });
    await saveInterview(app, id, 'closure', {
      status: 'held',
      offeredDate: '2025-10-02',
      heldDate: '2025-10-09',
      notes: 'Busy year; will call again',
      mightReturn: true,
    });
    expect(await exported(app, 'R1')).toEqual([
      'Chose another fostering provider (IFA or another LA)',
      'Held',
      'Busy year; will call again',
      'Yes',
    ]);

    // They came back, and dropped out again: no interview after this closure yet.
    await app.call('households.reopenHousehold', { id, enquiryDate: '2026-05-01', notes: null });
    await app.call('households.closeHousehold', {
      id,
      date: '2026-07-01',
      reasonKey: 'housing',
      endedBy: 'applicant',
      notes: null,
    });
    expect(await exported(app, 'R1')).toEqual(['No spare bedroom / housing', '', '', '']);

    // Offered after it: that interview, not the held one of the closure before.
    await saveInterview(app, id, 'closure', { status: 'offered', offeredDate: '2026-07-03' });
    expect(await exported(app, 'R1')).toEqual(['No spare bedroom / housing', 'Offered', '', '']);
  });
});
