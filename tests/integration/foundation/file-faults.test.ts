import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';
import { LOGGED_AT } from '../../support/log-entry.ts';

async function database(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'ff.db');
  expect((await cli('init', '--db', db)).code).toBe(0);
  return { dir, db };
}

describe('a file the app cannot write, in words', () => {
  it('says a name too long for the disk is too long', async () => {
    const { dir, db } = await database();
    const out = join(dir, `${'a'.repeat(300)}.csv`);
    const r = await cli('report', 'funnel', '--format', 'csv', '--out', out, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/: its name is too long for the disk \(choose a shorter one\)\.$/);
    expect(r.err).not.toMatch(/ENAMETOOLONG/);
  });

  it('words any other failure as unexpected, naming the file, with the reference its details are logged under', async () => {
    const { dir, db } = await database();
    const loop = join(dir, 'loop');
    symlinkSync(loop, loop); // a link to itself: every path through it fails (ELOOP)
    const out = join(loop, 'funnel.csv');
    const r = await cli('report', 'funnel', '--format', 'csv', '--out', out, '--db', db);
    expect(r.code).toBe(1);
    const log = join(dir, 'fostering-funnel.log');
    expect(r.err.replace(/reference [0-9A-F]{8}\.$/, 'reference X.')).toMatch(
      new RegExp(
        `^fostering-funnel report: Cannot save .* to ${out.replace(/[.\\/]/g, '\\$&')}: an error the app did not expect, whose details are in the app's log, ${log.replace(/[.\\/]/g, '\\$&')}, under reference X\\.$`,
      ),
    );
    expect(r.err).not.toMatch(/ELOOP|symbolic/);
    const reference = /reference ([0-9A-F]{8})/.exec(r.err)![1]!;
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(`^${LOGGED_AT}Fostering Funnel fault ${reference}: Error \\(ELOOP\\)\\n\\s+at `),
    );
  });
});
