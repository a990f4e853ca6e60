import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src-main/db/open.ts';
import { eraser } from '../../../src-main/db/erase.ts';
import { eraseFromFile } from '../../../src-main/db/purge-ledger.ts';
import { rewriteOwed } from '../../../src-main/db/rewrite-owed.ts';
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

  // A CLI purge or undo exits at once: its tries later never come. Before, nothing recorded that
  // the rewrite was still owed, so the erased bytes stayed until some later erasure rewrote the file.
  it('is made when the file is next opened, where the process that erased ended before it could', async () => {
    const path = join(tempDir(), 'owed.db');
    const db = await openDatabase(path);
    db.exec(`INSERT INTO households (reference, first_name, surname, email, created_at, updated_at)
             VALUES ('Q1', 'Ann', 'Quillfeather', 'ann.q@example.org', '2026-01-01', '2026-01-01')`);
    const id = db.prepare("SELECT id FROM households WHERE reference = 'Q1'").pluck().get() as number;
    db.exec('CREATE TABLE filler (x TEXT)');
    const fill = db.prepare('INSERT INTO filler VALUES (hex(randomblob(500)))');
    // The erasure, as a purge's: the household's details and pages of other rows freed with it.
    db.transaction(() => {
      for (let i = 0; i < 400; i++) fill.run();
    })();
    db.transaction(() => {
      eraser(db).household(id, 'Q1', '2026-11-26T00:00:00.000Z');
      db.exec('DELETE FROM filler');
    })();
    expect(rewriteOwed(db)).toBe(true);

    const other = new Database(path);
    db.pragma('busy_timeout = 20');
    other.exec('BEGIN IMMEDIATE');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      eraseFromFile(db);
    } finally {
      stderr.mockRestore();
      other.exec('ROLLBACK');
      other.close();
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const free = (d: Database.Database) => d.pragma('freelist_count', { simple: true }) as number;
    expect(free(db)).toBeGreaterThan(0);
    // The process ends here, its tries to come never made.
    db.close();

    const again = await openDatabase(path);
    try {
      expect(free(again)).toBe(0);
      expect(rewriteOwed(again)).toBe(false);
      expect(again.prepare('SELECT email FROM households WHERE id = ?').pluck().get(id)).toBeNull();
    } finally {
      again.close();
    }
  });
});
