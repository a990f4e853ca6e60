import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';

// A search through the households list's CLI finds a household by its carers' own names, as the
// screen does; the screen says beside the name who it was found by ("Pat Jones · Applicant 2: Ann
// Smith"), the CLI's text said nothing, so a household whose name does not match stood there
// unexplained. Its text now says it in the screen's words (domain/carers.ts foundByWords).

async function db(): Promise<string> {
  const dir = tempDir();
  const path = join(dir, 'found-by.db');
  expect((await cli('init', '--db', path)).code).toBe(0);
  const file = join(dir, 'households.csv');
  writeFileSync(
    file,
    [
      'Reference,Enquiry Date,First Name,Surname,Carer 1 Name,Carer 2 Name,Date of Approval',
      'A1,06/01/2025,Pat,Jones,Pat Jones,Ann Smith,',
      'C1,06/01/2024,Lee,Brown,Lee Brown,Kwame Mensah,02/06/2025',
      'S1,07/01/2025,Ann,Smith,,,',
    ].join('\r\n') + '\r\n',
  );
  const imported = await cli('import', file, '--db', path);
  expect(imported.code, imported.err).toBe(0);
  return path;
}

const lines = async (path: string, search: string) => {
  const r = await cli('households', '--search', search, '--db', path);
  expect(r.code, r.err).toBe(0);
  return r.out.split('\n').slice(1);
};

describe('the CLI’s households list, searched', () => {
  it('says who it found a household by, where not its own names, as the screen says it', async () => {
    const path = await db();
    const smith = await lines(path, 'smith');
    expect(smith).toHaveLength(2);
    expect(smith.find((l) => l.startsWith('A1'))).toContain('Pat Jones · Applicant 2: Ann Smith');
    // Found by its own name: nothing said.
    expect(smith.find((l) => l.startsWith('S1'))).toMatch(/^S1 +Ann Smith +Open/);
    expect((await lines(path, 'mensah'))[0]).toContain('Lee Brown · Carer 2: Kwame Mensah');
    expect((await lines(path, 'jones'))[0]).not.toContain('·');
    // --json keeps the list's own shape (foundBy), unchanged.
    const json = await cli('households', '--search', 'mensah', '--db', path, '--json');
    expect(JSON.parse(json.out).rows[0].foundBy).toEqual([
      { name: 'Kwame Mensah', position: 2, left: false },
    ]);
  });
});
