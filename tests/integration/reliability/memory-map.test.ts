import { spawnSync } from 'node:child_process';
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
function inAnotherProcess(path: string, script: string): void {
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `const db = new (require('better-sqlite3'))(process.argv[1]); db.pragma('busy_timeout = 5000'); ${script}; db.close();`,
      path,
    ],
    { encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
}

describe('the memory-mapped connection', () => {
  it('maps the file, and reads what another process commits as it grows and checkpoints the file', async () => {
    const path = join(tempDir(), 'ff.db');
    const db = await openDatabase(path);
    expect(db.pragma('mmap_size', { simple: true })).toBe(0x7fff0000);
    const count = db.prepare('SELECT COUNT(*) FROM settings').pluck();
    const before = count.get() as number;
    const sizeBefore = statSync(path).size;

    inAnotherProcess(
      path,
      `const add = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
       db.transaction(() => { for (let i = 0; i < 20000; i++) add.run('probe ' + i, 'x'.repeat(200)); })()`,
    );
    expect(count.get()).toBe(before + 20_000);
    inAnotherProcess(path, `db.pragma('wal_checkpoint(TRUNCATE)')`);
    expect(statSync(path).size).toBeGreaterThan(sizeBefore + 4_000_000);
    expect(count.get()).toBe(before + 20_000);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'probe 19999'").pluck().get()).toBe(
      'x'.repeat(200),
    );

    // Shrunk again (VACUUM, then its pages checkpointed): SQLite must not read past the file's
    // end. Windows cannot shrink a file another connection maps (SQLite leaves it as it was).
    inAnotherProcess(
      path,
      `db.prepare("DELETE FROM settings WHERE key LIKE 'probe %'").run(); db.exec('VACUUM'); db.pragma('wal_checkpoint(TRUNCATE)')`,
    );
    if (process.platform !== 'win32') expect(statSync(path).size).toBeLessThan(sizeBefore + 4_000_000);
    expect(count.get()).toBe(before);
    db.close();
  });

  it('is left off when FOSTERING_FUNNEL_MMAP says so, and reads as before', async () => {
    const saved = process.env.FOSTERING_FUNNEL_MMAP;
    try {
      for (const off of ['off', 'OFF', '0', ' no ', 'false']) {
        process.env.FOSTERING_FUNNEL_MMAP = off;
        const path = join(tempDir(), 'ff.db');
        const db = await openDatabase(path);
        expect(db.pragma('mmap_size', { simple: true }), off).toBe(0);
        inAnotherProcess(path, `db.prepare("INSERT INTO settings (key, value) VALUES ('probe', 'x')").run()`);
        expect(db.prepare("SELECT value FROM settings WHERE key = 'probe'").pluck().get()).toBe('x');
        db.close();
      }
      // Any other value keeps the map (a typo must not silently cost the reports their speed).
      process.env.FOSTERING_FUNNEL_MMAP = 'on';
      const db = await openDatabase(join(tempDir(), 'ff.db'));
      expect(db.pragma('mmap_size', { simple: true })).toBe(0x7fff0000);
      db.close();
    } finally {
      if (saved === undefined) delete process.env.FOSTERING_FUNNEL_MMAP;
      else process.env.FOSTERING_FUNNEL_MMAP = saved;
    }
  });
});
