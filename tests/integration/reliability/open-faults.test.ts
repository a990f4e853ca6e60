import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../src-main/db/open.ts';
import { LATEST_VERSION } from '../../../src-main/db/migrations/index.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { logFaultsBeside, logFaultsTo } from '../../../src-main/fault-log.ts';
import { tempDir } from '../../support/temp.ts';
import { LOGGED_AT } from '../../support/log-entry.ts';

const refusalOf = (path: string) =>
  openDatabase(path, { check: true }).then(
    (db) => {
      db.close();
      return null;
    },
    (e: Error & { code?: string }) => e,
  );
const referenceIn = (message: string) => /under reference ([0-9A-F]{8})\./.exec(message)?.[1];

describe('a database that cannot be opened, in words', () => {
  afterEach(() => logFaultsTo(null));

  it('says a database another program has locked is locked, not damaged, and changes nothing', async () => {
    const path = join(tempDir(), 'ff.db');
    (await openDatabase(path)).close();
    const other = new Database(path);
    other.pragma('journal_mode = DELETE'); // as a database tool may leave it: its lock keeps readers out
    other.exec('BEGIN EXCLUSIVE');
    try {
      const err = await refusalOf(path);
      expect(err?.code).toBe('in_use');
      expect(err?.message).toBe(
        `${path} is locked by another program that has it open (a database tool, or Fostering Funnel on another computer), so it could not be opened. It has not been changed. Close that program, or wait for it to finish, and try again.`,
      );
    } finally {
      other.exec('COMMIT');
      other.close();
    }
  });

  it('words a schema update that fails, naming the file, and logs its details (its own words: which check, tables and counts) under the reference it quotes', async () => {
    const dir = tempDir();
    const path = join(dir, 'ff.db');
    const raw = new Database(path);
    migrate(raw, 0, LATEST_VERSION - 1);
    raw.pragma(`user_version = ${LATEST_VERSION - 1}`);
    raw.pragma('foreign_keys = OFF');
    // A row an older version (or a hand edit) left pointing at no household: the update's check refuses it.
    raw.exec("INSERT INTO field_sources (household_id, field, source) VALUES (999, 'email', 'hand')");
    raw.close();
    logFaultsBeside(path);
    const err = await refusalOf(path);
    expect(err?.code).toBe('io_error');
    expect(err?.message).toMatch(
      new RegExp(
        `^${path.replace(/[.\\/]/g, '\\$&')} could not be made ready to use \\(its settings, the purge ledger beside it or an update of its schema\\), for a reason the app did not expect\\. .* Try again, and if it happens again, tell whoever supports the app\\. The details are in the app's log, .*fostering-funnel\\.log, under reference [0-9A-F]{8}\\.$`,
      ),
    );
    expect(err?.message).not.toMatch(/Cannot prepare|referring to nothing/);
    const log = readFileSync(join(dir, 'fostering-funnel.log'), 'utf8');
    expect(log).toMatch(
      new RegExp(
        `^${LOGGED_AT}Fostering Funnel fault ${referenceIn(err!.message)}: MigrationFault: the schema update left 1 rows referring to nothing \\(1 in field_sources to households\\)\\n(\\s+at .*\\n)*\\s+at migrate `,
      ),
    );
  });

  it("keeps SQLite's report of a damaged file out of the message, and puts it in the log", async () => {
    const dir = tempDir();
    const path = join(dir, 'ff.db');
    const db = await openDatabase(path);
    generateSample(db, { households: 60, seed: 9, today: '2026-11-26' });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    bytes.fill(0x42, bytes.length - 4096 * 3, bytes.length - 4096);
    writeFileSync(path, bytes);
    logFaultsBeside(path);
    const err = await refusalOf(path);
    expect(err?.message).toMatch(
      new RegExp(
        `^${path.replace(/[.\\/]/g, '\\$&')} is damaged \\(SQLite's own check of it found faults\\)\\. It has not been changed\\. `,
      ),
    );
    expect(err?.message).not.toMatch(/SQLite reports|Page \d|\*\*\*|btree|malformed/i);
    const reference = referenceIn(err!.message);
    expect(reference).toBeDefined();
    const log = readFileSync(join(dir, 'fostering-funnel.log'), 'utf8');
    expect(log).toMatch(
      new RegExp(`^${LOGGED_AT}Fostering Funnel fault ${reference}: SqliteCheckReport: \\S`),
    );
  });
});
