import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_NAME } from '../../../src-main/db/paths.ts';
import { tempDir, testApp, type TestApp } from '../../support/temp.ts';

// Going back to your own data deletes the sample file (sample-throwaway.test.ts). Where a file of it
// could not be deleted (Windows: another program has it open), the return said nothing: the person
// thought the sample data, and whatever they had imported into it, was gone.

/** Something at one of the sample file's names that cannot be deleted as a file: a folder in the way. */
function undeletableBeside(app: TestApp): string {
  const path = join(app.dir, 'sample.db-journal');
  mkdirSync(path);
  writeFileSync(join(path, 'kept.txt'), 'not a file the app can unlink');
  return path;
}

describe('going back from sample data when part of it cannot be deleted', () => {
  it('goes back to your data and says, naming it, what could not be deleted', async () => {
    const app = await testApp();
    await app.call('system.useSampleData', { households: 20, seed: 1 });
    const stuck = undeletableBeside(app);
    const back = await app.call('system.useRealData', {});
    expect(back).toMatchObject({ sample: false, dbPath: app.dbPath, households: 0 });
    expect(app.ctx.store.isSample).toBe(false);
    expect(back.sampleNotDeleted).toBe(
      `Some of the sample data could not be deleted (${stuck}): another program may have it open, or you may not have permission to delete it. It may hold what you imported or typed while trying it: close that program and delete it, or the app tries again when it next starts or you next try sample data.`,
    );
  });

  it('says so too when another database is opened from sample mode, and nothing when all is deleted', async () => {
    const app = await testApp();
    await app.call('system.useSampleData', { households: 20, seed: 1 });
    const stuck = undeletableBeside(app);
    const other = join(app.dir, 'other.db');
    const opened = await app.call('system.openDatabase', { path: other, create: true });
    expect(opened).toMatchObject({ sample: false, dbPath: other });
    expect(opened.sampleNotDeleted).toContain(`could not be deleted (${stuck})`);

    // A new try refuses while it is there, as before.
    await expect(app.call('system.useSampleData', { households: 20, seed: 1 })).rejects.toThrow(stuck);
    const clean = await testApp();
    await clean.call('system.useSampleData', { households: 20, seed: 1 });
    expect(await clean.call('system.useRealData', {})).toMatchObject({
      sample: false,
      sampleNotDeleted: null,
    });
  });
});

// Real people's details can be in the sample files: a council export tried on the Import screen in
// sample mode (README: Try it first). Deleting a file only drops its name: its bytes stayed on the
// disk, for any tool that reads freed space, until something else happened to be written there.
describe('the sample files are overwritten before they are deleted', () => {
  it('leaves none of what was imported in the sample file, its -wal or its backups', async () => {
    const app = await testApp();
    await app.call('system.useSampleData', { households: 20, seed: 1 });
    const csv = 'Reference,Enquiry Date,First Name,Surname\r\nCX1001,03/03/2026,Morwenna,Quillfeather';
    expect(await app.call('imports.importFile', { path: app.file('export.csv', csv) })).toMatchObject({
      new: 1,
    });
    const backup = await app.call('data.backupNow', {});
    // Second names for the files' contents (same disk): deleting the sample's names leaves them readable.
    const peek = tempDir();
    linkSync(join(app.dir, 'sample.db'), join(peek, 'sample'));
    // The import went through the -wal, which SQLite itself deletes as the sample file is closed.
    linkSync(join(app.dir, 'sample.db-wal'), join(peek, 'wal'));
    expect(readFileSync(join(peek, 'wal')).includes('Quillfeather')).toBe(true);
    linkSync(backup.path, join(peek, 'backup'));
    expect(readFileSync(join(peek, 'backup')).includes('Quillfeather')).toBe(true);

    // Closing the sample file writes what the import put in its -wal into it; then it is deleted.
    await app.call('system.useRealData', {});
    expect(readdirSync(app.dir).filter((f) => f.startsWith('sample.db'))).toEqual([]);
    for (const f of ['sample', 'wal', 'backup']) {
      const left = readFileSync(join(peek, f));
      expect(left.length).toBeGreaterThan(0);
      expect(left.every((b) => b === 0)).toBe(true);
    }
  });
});

// Browser mode deletes a sample file left by a crash as it starts. Started while the app (or
// another browser mode) was trying sample data in the same user-data folder, it deleted the file
// under it: on Linux and macOS the other process went on writing into a file with no name, lost at
// its return, and a new try in one process deleted the other's.
describe('a sample file another running process is using', () => {
  const ROOT = join(import.meta.dirname, '../../..');

  /** `npm run serve` as a person starts it, on this user-data folder; stopped at the test's end. */
  async function startBrowserMode(config: string, db: string) {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.js'), '--db', db], {
      cwd: ROOT,
      env: { ...process.env, XDG_CONFIG_HOME: config },
    });
    stopAfter.push(() => child.kill('SIGTERM'));
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /running at (http\S+)/.exec(out);
        if (m) resolve(new URL(m[1]!));
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    return {
      pid: child.pid!,
      call: async (method: string, input: object) => {
        const r = await fetch(new URL(`/api/${method}`, url), {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${url.searchParams.get('token')}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(input),
        });
        if (r.status !== 200) throw new Error(await r.text());
        return (await r.json()) as { sample: boolean };
      },
    };
  }
  const stopAfter: Array<() => void> = [];
  afterEach(() => {
    while (stopAfter.length) stopAfter.pop()!();
  });

  it('is left alone by browser mode starting beside it, and a new try elsewhere is refused in words', async () => {
    const config = tempDir();
    const dataDir = join(config, APP_NAME);
    const sampleFile = join(dataDir, 'sample-data.db');
    const first = await startBrowserMode(config, join(config, 'first.db'));
    expect(await first.call('system.useSampleData', { households: 20, seed: 1 })).toMatchObject({
      sample: true,
    });
    expect(existsSync(sampleFile)).toBe(true);

    await startBrowserMode(config, join(config, 'second.db'));
    expect(existsSync(sampleFile)).toBe(true);

    // A try in another process (the app, here this one) is refused while the first holds the file.
    const other = await testApp();
    other.ctx.sampleDbPath = sampleFile;
    await expect(other.call('system.useSampleData', { households: 5, seed: 2 })).rejects.toThrow(
      `Sample data is being tried in another Fostering Funnel (the app or browser mode, process ${first.pid}) on this computer, and both use the same sample file: go back to your data there first, then try again here.`,
    );
    expect(existsSync(sampleFile)).toBe(true);

    // The first's return deletes it, and then the other's try is its own.
    expect(await first.call('system.useRealData', {})).toMatchObject({
      sample: false,
      sampleNotDeleted: null,
    });
    expect(readdirSync(dataDir).filter((f) => f.includes('sample'))).toEqual([]);
    expect(await other.call('system.useSampleData', { households: 5, seed: 2 })).toMatchObject({
      households: 5,
    });
  });

  it('is deleted when the process that marked it has gone (a crash)', async () => {
    const app = await testApp();
    writeFileSync(join(app.dir, 'sample.db'), 'Quillfeather');
    writeFileSync(join(app.dir, 'sample.db.in-use'), '2147483646'); // no such process
    expect(await app.call('system.useSampleData', { households: 5, seed: 2 })).toMatchObject({
      households: 5,
    });
    await app.call('system.useRealData', {});
    expect(readdirSync(app.dir).filter((f) => f.startsWith('sample.db'))).toEqual([]);
  });
});
