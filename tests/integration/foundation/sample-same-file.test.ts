import { existsSync, linkSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { removeSampleFiles } from '../../../src-main/db/sample-files.ts';
import { tempDir, testApp } from '../../support/temp.ts';

// Going back from sample data overwrites the sample files with zeros and deletes them. Whether the
// sample file was the real database was decided by comparing names: one file named another way (a
// folder reached through a link; on Windows and macOS, letter case) was the sample file, and the
// open real database was overwritten and deleted.

const householdsIn = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM households').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('the real database named another way than the sample file', () => {
  it('is left whole when it is opened from sample mode through a link to its folder, and a try there is refused', async () => {
    const app = await testApp();
    await app.call('system.useSampleData', { households: 20, seed: 1 });
    // Settings → open database, on the sample file through a link to its folder.
    const linked = join(tempDir(), 'linked');
    symlinkSync(app.dir, linked);
    const opened = await app.call('system.openDatabase', {
      path: join(linked, 'sample.db'),
      create: false,
    });
    expect(opened).toMatchObject({ sample: false, households: 20, sampleNotDeleted: null });
    // The file it now works on is there, whole, and not zeros.
    expect(existsSync(join(app.dir, 'sample.db'))).toBe(true);
    expect(readFileSync(join(app.dir, 'sample.db')).some((b) => b !== 0)).toBe(true);
    expect((await app.call('system.getStatus', {})).households).toBe(20);
    app.ctx.store.close();
    expect(householdsIn(join(linked, 'sample.db'))).toBe(20);
    await app.ctx.store.switchTo(join(linked, 'sample.db'));

    // A try would write sample households into it: refused, as for the same name.
    await expect(app.call('system.useSampleData', { households: 5, seed: 2 })).rejects.toThrow(
      'The sample database cannot be the same file as your real one.',
    );
    expect((await app.call('system.getStatus', {})).households).toBe(20);
  });

  it('is not touched, nor its -wal, when --db names it through a link or a second name', () => {
    const dir = tempDir();
    const sample = join(dir, 'sample-data.db');
    const db = new Database(sample);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE households (id INTEGER); INSERT INTO households VALUES (1), (2);');
    // Open, as the app holds it: its -wal is there too.
    const linked = join(tempDir(), 'data');
    symlinkSync(dir, linked);
    const hardLinked = join(tempDir(), 'real.db');
    linkSync(sample, hardLinked);
    try {
      for (const real of [join(linked, 'sample-data.db'), hardLinked]) {
        expect(removeSampleFiles(sample, real)).toEqual([]);
        expect(readdirSync(dir).sort()).toEqual([
          'sample-data.db',
          'sample-data.db-shm',
          'sample-data.db-wal',
        ]);
        expect(db.prepare('SELECT count(*) FROM households').pluck().get()).toBe(2);
      }
    } finally {
      db.close();
    }
    expect(householdsIn(sample)).toBe(2);
  });

  it('keeps its own files when they are beside the sample file under names the sample’s would have', () => {
    const dir = tempDir();
    const sample = join(dir, 'sample-data.db');
    writeFileSync(sample, 'sample');
    // The real database, reached through a link to the folder, is named like a sample temporary file.
    const real = join(dir, '.sample-data.db.restore-1.tmp');
    writeFileSync(real, 'the real one');
    writeFileSync(real + '-journal', 'its journal');
    const linked = join(tempDir(), 'data');
    symlinkSync(dir, linked);
    expect(removeSampleFiles(sample, join(linked, '.sample-data.db.restore-1.tmp'))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([
      '.sample-data.db.restore-1.tmp',
      '.sample-data.db.restore-1.tmp-journal',
    ]);
    expect(readFileSync(real, 'utf8')).toBe('the real one');
    expect(readFileSync(real + '-journal', 'utf8')).toBe('its journal');
  });
});
