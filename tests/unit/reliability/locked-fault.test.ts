import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toApiError } from '../../../src-main/api/registry.ts';
import { isLockedFault } from '../../../src-main/domain/errors.ts';
import { tempDir } from '../../support/temp.ts';

/** What SQLite throws at `second` when it meets `first`'s hold, on a real WAL file. */
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});
function twoConnections(): [Database.Database, Database.Database] {
  const path = join(tempDir(), 'locked.db');
  const first = new Database(path, { timeout: 0 });
  first.pragma('journal_mode = WAL');
  first.exec('CREATE TABLE t (n INTEGER) STRICT; INSERT INTO t VALUES (1)');
  const second = new Database(path, { timeout: 0 });
  open.push(second, first);
  return [first, second];
}
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
}

describe('a database another connection holds', () => {
  it('is told as in use, whether SQLite says SQLITE_BUSY or an extended code of it', () => {
    const [first, second] = twoConnections();
    first.exec('BEGIN IMMEDIATE');
    const busy = thrown(() => second.exec('BEGIN IMMEDIATE'));
    first.exec('ROLLBACK');
    // A read transaction that then writes, after another connection has written (WAL): its
    // snapshot is stale, and SQLite gives the extended code SQLITE_BUSY_SNAPSHOT. The door called
    // it a fault of the app ("Something went wrong inside the app") before the one predicate.
    second.exec('BEGIN');
    second.prepare('SELECT n FROM t').all();
    first.exec('INSERT INTO t VALUES (2)');
    const snapshot = thrown(() => second.exec('INSERT INTO t VALUES (3)'));
    second.exec('ROLLBACK');

    expect((busy as { code: string }).code).toBe('SQLITE_BUSY');
    expect((snapshot as { code: string }).code).toBe('SQLITE_BUSY_SNAPSHOT');
    for (const e of [busy, snapshot]) {
      expect(isLockedFault(e)).toBe(true);
      expect(toApiError(e).toJSON()).toEqual({
        code: 'in_use',
        message: 'The database is in use by another program; try again in a moment.',
      });
    }
  });

  it('is not confused with a fault whose code only starts alike', () => {
    expect(isLockedFault(Object.assign(new Error('x'), { code: 'SQLITE_BUSYNESS' }))).toBe(false);
    expect(isLockedFault(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT' }))).toBe(false);
    expect(isLockedFault(null)).toBe(false);
  });
});
