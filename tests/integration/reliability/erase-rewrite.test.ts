import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src-main/db/open.ts';
import { eraser } from '../../../src-main/db/erase.ts';
import { eraseFromFile } from '../../../src-main/db/purge-ledger.ts';
import { oweRewrite, rewriteFile, rewriteOwed } from '../../../src-main/db/rewrite-owed.ts';
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
      // An erasure's transaction records the rewrite it owes.
      db.transaction(() => {
        db.exec('DELETE FROM filler');
        oweRewrite(db);
      })();
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

      expect(rewriteOwed(db)).toBe(true);

      other.exec('ROLLBACK');
      vi.advanceTimersByTime(30_000);
      expect(free()).toBe(0);
      expect(rewriteOwed(db)).toBe(false);
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
    expect(rewriteOwed(db)).toBe(true);
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

  it('clears only the debt it found: an erasure committed after the rewrite began stays owed', async () => {
    const db = await openDatabase(join(tempDir(), 'debts.db'));
    try {
      db.transaction(() => oweRewrite(db))();
      // A second erasure (another process's) after this rewrite read the debt: simulated by
      // recording it between the rewrite's read and its clearing, through the VACUUM's own step.
      const vacuum = db.exec.bind(db);
      const spy = vi.spyOn(db, 'exec').mockImplementation((sql: string) => {
        const r = vacuum(sql);
        if (sql === 'VACUUM') oweRewrite(db);
        return r;
      });
      try {
        rewriteFile(db);
      } finally {
        spy.mockRestore();
      }
      expect(rewriteOwed(db)).toBe(true);
      rewriteFile(db);
      expect(rewriteOwed(db)).toBe(false);
    } finally {
      db.close();
    }
  });

  it('opens a file an interrupted first migration left without tables, owing nothing', async () => {
    const path = join(tempDir(), 'bare.db');
    const bare = new Database(path);
    bare.pragma('journal_mode = WAL');
    bare.close();
    const db = await openDatabase(path);
    try {
      expect(rewriteOwed(db)).toBe(false);
      expect(db.prepare('SELECT COUNT(*) FROM households').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
