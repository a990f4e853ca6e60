import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  FAULT_LOG_NAME,
  faultDetails,
  logFaultsBeside,
  logFaultsTo,
  unexpectedFault,
} from '../../../src-main/fault-log.ts';
import { MigrationFault } from '../../../src-main/db/migration-fault.ts';
import { tempDir } from '../../support/temp.ts';
import { LOGGED_AT } from '../../support/log-entry.ts';

/**
 * Logs never contain personal data: the core writes no logs at all. The only writers to the
 * console are listed here with what they print; the runtime check (no names or emails on the
 * console while generating, purging, exporting and failing) is in
 * tests/integration/reliability/purge-leaks.test.ts.
 */
const ALLOWED: Record<string, string> = {
  'src-main/transports/serve.ts': 'the one-line reason the server could not start (a path, never records)',
  'src-main/transports/cli/index.ts': 'the CLI’s own output, asked for by the user',
  'src-main/transports/cli/main.ts': 'flushes the CLI’s output before it exits (writes nothing of its own)',
  'src-main/electron/main.ts': 'none expected; listed in case of a startup message',
  'src-main/fault-log.ts':
    'an unexpected fault’s reference, kind, code and stack frames (a message only where SQLite wrote it)',
};

/** The only module that appends to a file (a log), with what it writes there. */
const APPENDS: Record<string, string> = {
  'src-main/fault-log.ts': 'the log file beside the database: the same entries as it writes to stderr',
};

const ROOT = join(import.meta.dirname, '../../..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('logging', () => {
  it('nothing in src-main writes to the console, stdout or stderr except the listed doors', () => {
    const found: string[] = [];
    for (const file of files(join(ROOT, 'src-main'))) {
      const rel = relative(ROOT, file).split('\\').join('/');
      const source = readFileSync(file, 'utf8');
      if (/\bconsole\.(log|info|warn|error|debug|trace)\(|process\.(stdout|stderr)\.write\(/.test(source)) {
        if (!ALLOWED[rel]) found.push(rel);
      }
    }
    expect(found).toEqual([]);
  });

  it('nothing in src-main appends to a file (a log of its own) except the listed ones', () => {
    const found: string[] = [];
    for (const file of files(join(ROOT, 'src-main'))) {
      const rel = relative(ROOT, file).split('\\').join('/');
      const source = readFileSync(file, 'utf8');
      if (/\bappendFile(Sync)?\(|\bO_APPEND\b|flags?: *'a\+?'/.test(source) && !APPENDS[rel]) found.push(rel);
    }
    expect(found).toEqual([]);
  });

  it('keeps of a fault its kind, code and frames, and a message only where SQLite or a refused schema update wrote it', () => {
    const typed = faultDetails(new SyntaxError('"Jane Smith, 07700 900123" is not valid JSON'));
    expect(typed).toMatch(/^SyntaxError\n\s+at /);
    expect(typed).not.toMatch(/Jane|07700/);
    const file = Object.assign(new Error("ENOENT: no such file, open '/home/jane.smith/Smith family.xlsx'"), {
      code: 'ENOENT',
    });
    expect(faultDetails(file)).toMatch(/^Error \(ENOENT\)\n/);
    expect(faultDetails(file)).not.toMatch(/jane|Smith/i);
    const sqlite = Object.assign(new Error('no such table: households'), {
      name: 'SqliteError',
      code: 'SQLITE_ERROR',
    });
    expect(faultDetails(sqlite)).toMatch(/^SqliteError \(SQLITE_ERROR\): no such table: households\n/);
    expect(faultDetails('Jane Smith')).toBe('a thrown string');
    const migration = new MigrationFault(
      'the schema update left 2 rows referring to nothing (2 in people to households)',
    );
    expect(faultDetails(migration)).toMatch(
      /^MigrationFault: the schema update left 2 rows referring to nothing \(2 in people to households\)\n\s+at /,
    );
  });

  it('keeps no line of a message, not even one that reads like a stack frame', () => {
    // The stack begins with the message, every line of it: a cell with a line break ("Flat 2" then
    // "  at 12 High Street") put a line starting "at" into it, which was kept as a frame.
    const cell = 'Jane Smith\n    at 12 High Street, Leeds LS1 4AB';
    const built = new TypeError(`Cannot read "${cell}"`);
    const changed = new RangeError('x');
    changed.message = `no such value: ${cell}`; // as a library may set it after the stack was made
    for (const e of [built, changed]) {
      const kept = faultDetails(e);
      expect(kept).not.toMatch(/Jane|High Street|LS1/);
      expect(kept.split('\n').slice(1).length).toBeGreaterThan(0);
      for (const line of kept.split('\n').slice(1)) expect(line).toMatch(/^ {4}at .*(:\d+:\d+\)?|\))$/);
    }
  });

  it("keeps SQLite's words that a file could not be opened, but never the file's name", () => {
    // SQLite names the file it could not open (VACUUM INTO a backup, an ATTACH): a path holds the
    // user's folders and the database's name.
    const db = new Database(':memory:');
    let e: unknown;
    try {
      db.exec(`ATTACH '${join(tempDir(), 'jane.smith', 'Smith family.db')}' AS other`);
    } catch (thrown) {
      e = thrown;
    } finally {
      db.close();
    }
    expect((e as Error).message).toMatch(/^unable to open database: .*Smith family/);
    expect(faultDetails(e)).toMatch(/^SqliteError \(SQLITE_CANTOPEN\): unable to open database\n\s+at /);
    expect(faultDetails(e)).not.toMatch(/jane|smith/i);
  });

  it('raises a MigrationFault (whose message the log keeps) only where its words are fixed text, tables and counts', () => {
    // Its message goes into the log as SQLite's does, so each place that raises one is listed and read:
    // a new one must be checked to quote no value from a record before it is added here.
    const RAISES: Record<string, string> = {
      'src-main/db/open.ts':
        "migrate's foreign key check: the count of rows left dangling, by table and parent table",
    };
    const found = files(join(ROOT, 'src-main'))
      .filter((f) => /new MigrationFault\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f).split('\\').join('/'));
    expect(found).toEqual(Object.keys(RAISES));
  });

  it('writes into the log file only what faultDetails keeps, under each reference', () => {
    const dir = tempDir();
    logFaultsBeside(join(dir, 'fostering-funnel.db'));
    const faults: unknown[] = [
      new SyntaxError('"Jane Smith, 07700 900123" is not valid JSON'),
      Object.assign(new Error("ENOENT: no such file, open '/home/jane.smith/Smith family.xlsx'"), {
        code: 'ENOENT',
      }),
      Object.assign(new Error('no such table: households'), { name: 'SqliteError', code: 'SQLITE_ERROR' }),
      new TypeError("Cannot read properties of undefined (reading 'Jane Smith')"),
      'Jane Smith',
      { name: 'Jane Smith', email: 'jane@example.org' },
    ];
    let references: string[];
    try {
      references = faults.map((e) => /reference ([0-9A-F]{8})/.exec(unexpectedFault(e).message)![1]!);
    } finally {
      logFaultsTo(null);
    }
    const text = readFileSync(join(dir, FAULT_LOG_NAME), 'utf8');
    expect(text).not.toMatch(/jane|smith|07700|example\.org|family|Cannot read/i);
    // Entry by entry, exactly what faultDetails keeps (the frames are this test's own, as the faults were made here).
    // Each headed by the moment it was logged, nothing else beside what faultDetails keeps.
    const entries = text.split(new RegExp(`^(?=${LOGGED_AT}Fostering Funnel fault )`, 'm'));
    expect(entries).toHaveLength(faults.length);
    entries.forEach((entry, i) =>
      expect(entry.replace(new RegExp(`^${LOGGED_AT}`), '')).toBe(
        `Fostering Funnel fault ${references[i]}: ${faultDetails(faults[i])}\n`,
      ),
    );
    // And line by line, nothing but a fault's head or a stack frame.
    for (const line of text.trimEnd().split('\n')) {
      expect(line).toMatch(
        new RegExp(
          `^(${LOGGED_AT}Fostering Funnel fault [0-9A-F]{8}: (\\w+( \\([A-Z_]+\\))?(: no such table: households)?|a thrown \\w+)|\\s+at .*)$`,
        ),
      );
    }
  });
});
