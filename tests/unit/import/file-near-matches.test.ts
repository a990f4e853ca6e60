import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src-main/domain/dates.ts';
import { FileNearMatches } from '../../../src-main/import/apply/near-matches.ts';
import type { ImportRecord } from '../../../src-main/import/records/import-record.ts';

/**
 * The cap on possible duplicates within one file bounds what is listed, but a name's rows whose
 * enquiries are never close count towards no cap: each was weighed against every earlier row of the
 * name, n²/names steps (helper-274: 100,000 rows of 500 names, each name every 40 days since 1990,
 * planned in ~7.5 s against ~1.5 s). A row is weighed only against the rows that may be close to it.
 */
describe('new rows of one file weighed against each other', () => {
  it('reads only the earlier rows of the name whose enquiries may be close, not every one', () => {
    let reads = 0;
    const row = (n: number, enquiry: string): ImportRecord => {
      const milestones = {};
      Object.defineProperty(milestones, 'enquiry', {
        enumerable: true,
        get: () => (reads++, enquiry),
      });
      return {
        row: n,
        reference: `R${n}`,
        values: { first_name: 'Sam', surname: 'Smith' },
        milestones,
      } as ImportRecord;
    };
    const file = new FileNearMatches();
    const found = [];
    // 2,000 rows of one name, 40 days apart (none close), then one 5 days after the 1,000th.
    for (let i = 0; i < 2000; i++) found.push(...file.take(row(i + 2, addDays('1950-01-01', i * 40))));
    found.push(...file.take(row(2002, addDays('1950-01-01', 999 * 40 + 5))));
    expect(found).toMatchObject([{ row: 2002, matchRow: 1001, why: 'same name and close enquiry dates' }]);
    // Weighing each row against every earlier one reads ~2,000,000; a few per row is enough.
    expect(reads).toBeLessThan(20_000);
  });
});
