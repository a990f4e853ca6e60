import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';

// New households that look like ones already held (the same name and close enquiry dates, the same
// telephone) are listed on the Import screen for the user to merge or keep apart; `import` and its
// --dry-run said nothing of them, text or --json (found by a review helper). Both now list them.

/** A new database in its own folder, and a writer of files beside it. */
async function newDatabase() {
  const dir = tempDir('ff-near-cli-');
  const db = join(dir, 'near.db');
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  expect((await cli('init', '--db', db)).code).toBe(0);
  return { db, file };
}

describe('the CLI import of a household that looks like one held', () => {
  it('lists it as a possible duplicate, in a dry run, an import and --json', async () => {
    const { db, file } = await newDatabase();
    const first = file('first.csv', 'Reference,Enquiry Date,First Name,Surname\r\nA1,05/01/2025,Ann,Ash\r\n');
    expect((await cli('import', first, '--db', db)).code).toBe(0);
    const second = file(
      'second.csv',
      'Reference,Enquiry Date,First Name,Surname\r\nB7,12/01/2025,Ann,Ash\r\nB8,12/01/2025,Bob,Birch\r\n',
    );
    const line =
      'possible duplicate row 2 (B7): looks like household A1, same name and close enquiry dates; would be imported as a new household, not merged.';
    expect((await cli('import', second, '--db', db, '--dry-run')).out).toContain(line);
    const done = await cli('import', second, '--db', db);
    expect(done.out).toContain(line.replace('would be imported', 'imported'));
    expect(done.out.match(/possible duplicate/g)).toHaveLength(1);
    const third = file('third.csv', 'Reference,Enquiry Date,First Name,Surname\r\nC1,13/01/2025,Ann,Ash\r\n');
    const json = JSON.parse((await cli('import', third, '--db', db, '--dry-run', '--json')).out);
    expect(json.nearMatches.map((m: { matchReference: string }) => m.matchReference).sort()).toEqual([
      'A1',
      'B7',
    ]);
  });

  it('says so where the household held has no enquiry date, not that the dates are close', async () => {
    const { db, file } = await newDatabase();
    // A carers register's household: an approval, no enquiry date (helper-245).
    const register = file(
      'register.csv',
      'Carer No,First Name,Surname,Approval Date\r\nFC104,Ann,Ash,05/01/2024\r\n',
    );
    expect((await cli('import', register, '--db', db)).code).toBe(0);
    const enquiries = file(
      'enquiries.csv',
      'Reference,Enquiry Date,First Name,Surname\r\nN3,12/01/2025,Ann,Ash\r\n',
    );
    expect((await cli('import', enquiries, '--db', db, '--dry-run')).out).toContain(
      'possible duplicate row 2 (N3): looks like household FC104, same name, no enquiry date to compare;',
    );
  });
});
