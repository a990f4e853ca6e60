import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOCK_ENV } from '../../../src-main/clock.ts';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { REPORT_TABLES } from '../../../src-main/contract/report-shapes.ts';
import { cli } from '../../support/cli.ts';
import { tempDir } from '../../support/temp.ts';

const ROOT = join(import.meta.dirname, '../../..');

describe('the command-line interface', () => {
  it('init creates a database at the latest schema and status --json reports it empty', async () => {
    const db = join(tempDir(), 'x.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const status = await cli('status', '--db', db, '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ schemaVersion: LATEST_VERSION, households: 0 });
  });

  it('sample fills the database reproducibly from its seed', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    for (const db of [a, b]) expect((await cli('init', '--db', db)).code).toBe(0);
    expect((await cli('sample', '--households', '120', '--seed', '7', '--db', a)).code).toBe(0);
    expect((await cli('sample', '--households', '120', '--seed', '7', '--db', b)).code).toBe(0);
    const rows = (path: string) => {
      const db = new Database(path, { readonly: true });
      const r = db
        .prepare(
          'SELECT reference, first_name, surname, status, stage, enquiry_date FROM households ORDER BY id',
        )
        .all();
      const m = db.prepare('SELECT household_id, kind, date FROM milestones ORDER BY id').all();
      db.close();
      return { r, m };
    };
    expect(rows(a)).toEqual(rows(b));
    expect(rows(a).r).toHaveLength(120);
    expect(JSON.parse((await cli('status', '--db', a, '--json')).out).households).toBe(120);
  });

  it('exits 2 on usage errors and 1 when the core refuses, with a message on stderr', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    const badOption = await cli('status', '--colour');
    expect(badOption.code).toBe(2);
    expect(badOption.err).toMatch(/colour/);
    expect((await cli('sample', '--households', 'lots')).code).toBe(2);

    const newer = join(tempDir(), 'newer.db');
    const db = new Database(newer);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    const refused = await cli('status', '--db', newer);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/newer version/);
  });

  it('prints help for the program and for every command', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const name of ['init', 'status', 'sample']) {
      expect(help.out).toContain(name);
      const h = await cli(name, '--help');
      expect(h.code).toBe(0);
      expect(h.out).toContain(`Usage: fostering-funnel ${name}`);
    }
    // The report command's line names every table it prints (kinship was left out of it).
    const reportLine = help.out.split('\n').find((l) => /^\s+report\s/.test(l))!;
    for (const table of REPORT_TABLES) expect(reportLine).toContain(table);
  });

  it('refuses report options the forecast and Ofsted tables would ignore, rather than printing as if they applied', async () => {
    const db = join(tempDir(), 'forecast.db');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const years = await cli('report', 'forecast', '--fy', '2021/22', '--db', db);
    expect(years.code).toBe(2);
    expect(years.err).toContain('--fy, --from and --to do not apply to it');
    const quarters = await cli('report', 'forecast-backtest', '--quarterly', '--db', db);
    expect(quarters.code).toBe(2);
    expect(quarters.err).toContain('--quarterly does not apply to forecast-backtest');
    const backtest = await cli('report', 'forecast-backtest', '--from', '2022/23', '--db', db);
    expect(backtest.code).toBe(0);
    // Printed, a table ends with its definitions, as every file gives them (helper-230: "(immature)"
    // and the forecast's conversions were explained everywhere but here).
    expect(backtest.out).toMatch(
      /\nDefinitions\nBacktest: For each year, the forecast is worked out as at 1 April/,
    );
    // The drop-out table by quarter is its stage columns once per quarter (it was refused).
    const dropout = await cli('report', 'dropout', '--quarterly', '--fy', '2024/25', '--db', db);
    expect(dropout.code, dropout.err).toBe(0);
    expect(dropout.out).toContain('2024/25 (1 April 2024 to 31 March 2025), by quarter');
    expect(dropout.out).toContain('2024/25 Q3: Stage 1');
    // The Ofsted return is one year, with the pathways as its columns: a range gave its last year,
    // and quarters or a pathway were left unsaid, the file saved as though they applied.
    for (const args of [
      ['--from', '2022/23', '--to', '2024/25'],
      ['--from', '2022/23'],
      ['--quarterly'],
      ['--pathway', 'kinship'],
    ]) {
      const ofsted = await cli('report', 'ofsted', ...args, '--db', db);
      expect(ofsted.code, args.join(' ')).toBe(2);
      expect(ofsted.err, args.join(' ')).toMatch(/does not apply to ofsted|one financial year/);
    }
    for (const args of [
      ['--fy', '2024/25'],
      ['--to', '2024/25'],
      ['--from', '2024/25', '--to', '2024/25'],
      [],
    ])
      expect((await cli('report', 'ofsted', ...args, '--db', db)).code, args.join(' ')).toBe(0);
    // The kinship table is the kinship pathway's: --pathway mainstream printed it all the same.
    const kinship = await cli('report', 'kinship', '--pathway', 'mainstream', '--db', db);
    expect(kinship.code).toBe(2);
    expect(kinship.err).toContain('--pathway mainstream does not apply to kinship');
    expect((await cli('report', 'kinship', '--db', db)).code).toBe(0);
    expect((await cli('report', 'kinship', '--pathway', 'kinship', '--db', db)).code).toBe(0);
  });

  it('runs as the package bin from the built JavaScript, on the day the clock is given', () => {
    const db = join(tempDir(), 'bin.db');
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/fostering-funnel.js'), 'init', '--db', db, '--json'],
      { encoding: 'utf8', env: { ...process.env, [CLOCK_ENV]: '2028-02-29' } },
    );
    expect(r.status, r.stderr).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
    expect(JSON.parse(r.stdout)).toMatchObject({
      schemaVersion: LATEST_VERSION,
      households: 0,
      today: '2028-02-29',
      // The bundle's version is the package's (it once said 0.0.0, the chunk missing package.json).
      appVersion: pkg.version,
    });
    // No TypeScript is compiled at run time: tsx is a development tool only.
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(readFileSync(join(ROOT, 'bin/fostering-funnel.js'), 'utf8')).toContain('out/main/cli.js');
  });
});
