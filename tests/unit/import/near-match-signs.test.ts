import { describe, expect, it } from 'vitest';
import { FileNearMatches } from '../../../src-main/import/apply/near-matches.ts';
import type { ImportRecord } from '../../../src-main/import/records/import-record.ts';

// The file's new rows were weighed by name and close enquiry dates and by telephone only, not by
// the domain's other signs (domain/duplicates.ts): the same email, the same name and postcode.
const row = (n: number, enquiry: string, values: ImportRecord['values']): ImportRecord =>
  ({ row: n, reference: `R${n}`, values, milestones: { enquiry } }) as ImportRecord;

describe('new rows of one file weighed by every sign the domain lists', () => {
  it('the same email, trimmed and in any case, whatever the names and dates', () => {
    const file = new FileNearMatches();
    expect(
      file.take(row(2, '2020-01-01', { first_name: 'Sam', surname: 'Lee', email: 'sam@example.org' })),
    ).toEqual([]);
    expect(
      file.take(row(3, '2026-11-01', { first_name: 'Priya', surname: 'Khan', email: ' SAM@Example.org ' })),
    ).toEqual([
      { row: 3, reference: 'R3', matchId: null, matchReference: 'R2', matchRow: 2, why: 'same email' },
    ]);
  });

  it('the same name and postcode (as the domain normalises it) whatever the dates; not the name alone', () => {
    const file = new FileNearMatches();
    file.take(row(2, '2020-01-01', { first_name: 'Ann', surname: 'Ash', postcode: 'LS6 2AB' }));
    expect(
      file.take(row(3, '2023-05-01', { first_name: 'Ann', surname: 'Ash', postcode: 'WF1 3JT' })),
    ).toEqual([]);
    expect(
      file.take(row(4, '2026-11-02', { first_name: 'ANN', surname: 'Ash', postcode: 'ls62ab' })),
    ).toEqual([
      {
        row: 4,
        reference: 'R4',
        matchId: null,
        matchReference: 'R2',
        matchRow: 2,
        why: 'same name and postcode',
      },
    ]);
  });
});
