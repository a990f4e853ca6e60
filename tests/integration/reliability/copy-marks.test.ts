import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, removeAbandonedCopies, restoreCopyOf } from '../../../src-main/db/backup.ts';
import { backupsDir } from '../../../src-main/db/paths.ts';
import {
  bootId,
  machineUptime,
  markText,
  ownMark,
  processStartedAt,
  readMark,
  type ProcessMark,
} from '../../../src-main/db/processes.ts';
import { Store } from '../../../src-main/db/store.ts';
import { tempDir, testApp } from '../../support/temp.ts';

// A backup's `.partial` and a restore's `.restore-….tmp` hold the database as it was (personal
// details) under names no list or purge reads: a crash's are deleted by the next backup, restore or
// purge (removeAbandonedCopies), a running process's left alone. They were judged by the process id
// alone, so a crash's copy whose id had since gone to another program (ids are reused: soon on
// Windows, from the start after a restart) was kept until that program ended. Their names now carry
// the mark temp folders carry, judged by the same rule (processes.ts heldBy). Real files, real
// processes; no wall clock is read (CI runs this under faketime too).

const after: Array<() => void> = [];
afterEach(() => {
  while (after.length) after.pop()!();
});

/** Another program, running: the process id a copy names. */
function anotherProgram(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  after.push(() => child.kill());
  return child.pid!;
}

/** A database's folder, with its backups folder: where the copies are left. */
function place(): { dbPath: string; backups: string } {
  const dbPath = join(tempDir(), 'test.db');
  const backups = backupsDir(dbPath);
  mkdirSync(backups);
  return { dbPath, backups };
}

/** A backup's half-made copy and a restore's (each with its journal), named by `mark`; their paths. */
function copies(dbPath: string, mark: string): string[] {
  const made = [
    join(backupsDir(dbPath), `test-2026-11-26T12-00-00-000Z-manual.db.${mark}.partial`),
    join(backupsDir(dbPath), `test-2026-11-26T12-00-00-000Z-manual.db.${mark}.partial-journal`),
    join(dirname(dbPath), `.${basename(dbPath)}.restore-${mark}.tmp`),
    join(dirname(dbPath), `.${basename(dbPath)}.restore-${mark}.tmp-journal`),
  ];
  for (const f of made) writeFileSync(f, 'a copy of the database: Zebedee Quill');
  return made;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a half-made copy of the database whose process id names another program now', () => {
  it.runIf(process.platform === 'linux')(
    'is deleted when that program did not start when the copy’s maker did, and kept while its maker runs',
    async () => {
      const { dbPath } = place();
      const crashed = ownMark(); // a process (this one, by its start) made its copies, then crashed
      await pause(50);
      const reused = anotherProgram(); // its id given out again since
      expect(processStartedAt(reused)).not.toBe(crashed.start);
      const crashedCopies = copies(dbPath, markText({ ...crashed, pid: reused }));

      const live = anotherProgram(); // a process writing its copies now
      const liveMark: ProcessMark = {
        pid: live,
        boot: bootId(),
        uptime: machineUptime(),
        start: processStartedAt(live),
      };
      const liveCopies = copies(dbPath, markText(liveMark));

      removeAbandonedCopies(dbPath);
      expect(crashedCopies.map(existsSync)).toEqual([false, false, false, false]);
      expect(liveCopies.map(existsSync)).toEqual([true, true, true, true]);
    },
  );

  it('is deleted when made in another run of the machine, or when the machine has been up less long since', () => {
    const { dbPath } = place();
    const other = anotherProgram();
    const restarted = [
      ...copies(dbPath, markText({ pid: other, uptime: machineUptime(), boot: randomUUID() })),
      ...copies(dbPath, markText({ pid: other, uptime: machineUptime() + 3600, boot: null })),
    ];
    const held = copies(dbPath, markText({ pid: other, uptime: machineUptime(), boot: bootId() }));
    removeAbandonedCopies(dbPath);
    expect(restarted.filter(existsSync)).toEqual([]);
    expect(held.filter(existsSync)).toEqual(held);
  });
});

describe('a half-made copy of the database', () => {
  it('is named by its maker’s mark, and this process’s own copy is kept', async () => {
    const app = await testApp();
    const own = restoreCopyOf(app.dbPath);
    const named = /^\.test\.db\.restore-(.+)\.tmp$/.exec(basename(own))?.[1];
    const { uptime, ...mark } = readMark(named ?? '') ?? {};
    expect(mark).toEqual({ pid: process.pid, boot: bootId(), start: processStartedAt(process.pid) });
    expect(uptime).toBeLessThanOrEqual(machineUptime());
    writeFileSync(own, 'this process’s copy, being written');
    after.push(() => writeFileSync(own, ''));
    removeAbandonedCopies(app.dbPath);
    expect(existsSync(own)).toBe(true);
  });

  it('named by its process id alone (earlier versions) is judged by it as before', () => {
    const { dbPath, backups } = place();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const running = anotherProgram();
    const [deadPartial, , deadRestore] = copies(dbPath, String(gone)) as [string, string, string, string];
    const kept = copies(dbPath, String(running));
    const older = join(backups, 'test-2026-11-26T12-00-00-000Z-daily.db.partial'); // before the id
    writeFileSync(older, 'a copy');
    removeAbandonedCopies(dbPath);
    expect([deadPartial, deadRestore, older].filter(existsSync)).toEqual([]);
    expect(kept.filter(existsSync)).toEqual(kept);
  });

  it('of a database whose name leaves no room for the mark is named by the id, and the backup is made', async () => {
    const dir = tempDir();
    const dbPath = join(dir, `${'Fostering recruitment register '.repeat(6)}.db`);
    const store = await Store.open(dbPath);
    after.push(() => store.close());
    expect(basename(restoreCopyOf(dbPath))).toBe(`.${basename(dbPath)}.restore-${process.pid}.tmp`);
    const made = await backupDatabase(store.db, dbPath, 'manual');
    expect(readdirSync(backupsDir(dbPath))).toEqual([basename(made)]);
  });
});
