import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src-main/db/open.ts';
import { eraseFromFile } from '../../../src-main/db/purge-ledger.ts';
import { tempDir } from '../../support/temp.ts';

/**
 * After an erasure the file is rewritten (VACUUM) so no copy of an erased value stays in a page
 * SQLite rebuilt. The erasure is committed by then: a rewrite another program's write lock holds
 * up must not fail the purge or undo that asked for it, and is done later.
 */
describe('the rewrite after an erasure', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('does not fail while another program holds the write lock, and is made once it lets go', async () => {
    const path = join(tempDir(), 'rewrite.db');
    const db = await openDatabase(path);
    const other = new Database(path);
    try {
      // Free pages a rewrite gives back: the sign that it ran.
      db.exec('CREATE TABLE filler (x TEXT)');
      const fill = db.prepare('INSERT INTO filler VALUES (hex(randomblob(500)))');
      db.transaction(() => {
        for (let i = 0; i < 400; i++) fill.run();
      })();
      db.exec('DELETE FROM filler');
      db.pragma('wal_checkpoint(TRUNCATE)');
      const free = () => db.pragma('freelist_count', { simple: true }) as number;
      expect(free()).toBeGreaterThan(0);

      db.pragma('busy_timeout = 20');
      other.exec('BEGIN IMMEDIATE');
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        expect(() => eraseFromFile(db)).not.toThrow();
      } finally {
        stderr.mockRestore();
      }
      expect(free()).toBeGreaterThan(0);

      other.exec('ROLLBACK');
      vi.advanceTimersByTime(30_000);
      expect(free()).toBe(0);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(20);
    } finally {
      other.close();
      db.close();
    }
  });
});
