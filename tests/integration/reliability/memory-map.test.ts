import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open.ts';
import { tempDir } from '../../support/temp.ts';

/**
 * The app's connection reads the file through a memory map (db/open.ts): a commit another
 * process makes (the import worker, the CLI) must be read at once, also once it has grown the
 * file past the size it had when first read, and past a checkpoint that moved it from the WAL
 * into the mapped file.
 */
describe('the memory-mapped connection', () => {
  it('maps the file, and reads what another connection commits as it grows the file', async () => {
    const path = join(tempDir(), 'ff.db');
    const db = await openDatabase(path);
    expect(db.pragma('mmap_size', { simple: true })).toBe(0x7fff0000);
    const count = db.prepare('SELECT COUNT(*) FROM settings').pluck();
    const before = count.get() as number;
    const sizeBefore = statSync(path).size;

    const other = new Database(path);
    other.pragma('busy_timeout = 5000');
    const add = other.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    other.transaction(() => {
      for (let i = 0; i < 20_000; i++) add.run(`probe ${i}`, 'x'.repeat(200));
    })();
    expect(count.get()).toBe(before + 20_000);
    other.pragma('wal_checkpoint(TRUNCATE)');
    expect(statSync(path).size).toBeGreaterThan(sizeBefore + 4_000_000);
    expect(count.get()).toBe(before + 20_000);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'probe 19999'").pluck().get()).toBe(
      'x'.repeat(200),
    );

    // Shrunk again (VACUUM, then its pages checkpointed): SQLite must not read past the file's end.
    other.prepare("DELETE FROM settings WHERE key LIKE 'probe %'").run();
    other.exec('VACUUM');
    other.pragma('wal_checkpoint(TRUNCATE)');
    expect(statSync(path).size).toBeLessThan(sizeBefore + 4_000_000);
    expect(count.get()).toBe(before);
    other.close();
    db.close();
  });
});
