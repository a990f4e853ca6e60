import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from './fixtures.ts';

// A closure dated before the row's own last milestone is that row's error, in the words the other
// date faults use ("Closure date …"; it read "Date closed date …", found by a walk through the CLI).
describe('a closure dated before the milestone it ends', () => {
  it('is refused, naming the row, the column and both dates once', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const path = writeWorkbook(join(app.dir, 'enquiries.xlsx'), {
      Enquiries: [
        ['Reference', 'Enquiry Date', 'Surname', 'Stage 1 Start', 'Date Closed', 'Reason for Withdrawal'],
        ['C1', xlDate('2025-06-01'), 'Early', xlDate('2025-09-01'), xlDate('2025-08-01'), 'Lost contact'],
        ['C2', xlDate('2025-06-01'), 'Fine', xlDate('2025-09-01'), xlDate('2025-10-01'), 'Lost contact'],
      ],
    });
    const result = await app.call('imports.importFile', {
      path,
      kind: 'auto',
      dryRun: false,
      overwriteHand: false,
    });
    expect(result).toMatchObject({ new: 1, rejected: 1 });
    expect(result.errors).toEqual([
      {
        row: 2,
        column: 'Date Closed',
        message: 'Closure date 01/08/2025 is before the Stage 1 date 01/09/2025.',
      },
    ]);
  });
});
