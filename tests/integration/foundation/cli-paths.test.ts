import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { tempDir } from '../../support/temp.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('CLI paths that name the wrong thing', () => {
  it('a folder given as --db is named as one, for every command, and nothing is made beside it', async () => {
    const dir = tempDir();
    const folder = join(dir, 'Fostering');
    mkdirSync(folder);
    for (const command of ['status', 'init', 'backup']) {
      const r = await cli([command, '--db', folder]);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([
        `fostering-funnel ${command}: ${folder} is a folder, not a database file: give the database file itself. Nothing was changed.`,
      ]);
    }
    expect(readdirSync(dir)).toEqual(['Fostering']);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('report --out into a folder that does not exist says so in one line', async () => {
    const dir = tempDir();
    const db = join(dir, 'ff.db');
    expect((await cli(['init', '--db', db])).code).toBe(0);
    const out = join(dir, 'no-such-folder', 'funnel.csv');
    const r = await cli(['report', 'funnel', '--format', 'csv', '--out', out, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `fostering-funnel report: Cannot save the table to ${out}: its folder does not exist.`,
    ]);
  });

  it('a batch that is not a number is named as the argument it is, not as an option', async () => {
    const r = await cli(['undo-import', 'abc']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('BATCH needs a whole number.');
  });
});
