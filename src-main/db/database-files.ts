import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { backupsDir } from './paths.ts';
import { ledgerPath } from './purge-ledger.ts';
import { sameFile } from './sample-files.ts';

/** The files SQLite keeps beside a database while it is open or mid-write. */
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/**
 * Whether `path` is one of the files that make up the database at `dbPath`: the database itself,
 * its write-ahead log, shared memory or journal, its purge ledger, or anything in its backups
 * folder. A file written there (a report saved with --out, a new database made at that name)
 * replaced the data it holds: `report funnel --out ff.db` renamed a table over the open database.
 * By any name: through a linked folder, in other letter case on a disk that ignores it, or a
 * hard link to the file, whether or not the file exists yet.
 */
export function isDatabaseFile(path: string, dbPath: string): boolean {
  return isSideFile(path, dbPath) || sameFile(path, dbPath) || inBackups(path, dbPath);
}

/** Whether `path` is the database's log, shared memory, journal or purge ledger (not the database itself). */
export function isSideFile(path: string, dbPath: string): boolean {
  const named = canonical(path);
  return [...SIDE_FILES.map((s) => dbPath + s), ledgerPath(dbPath)].some(
    (f) => canonical(f) === named || sameFile(path, f),
  );
}

function inBackups(path: string, dbPath: string): boolean {
  const within = relative(canonical(backupsDir(dbPath)), canonical(path));
  return within === '' || !(within.split(sep)[0] === '..' || isAbsolute(within));
}

/**
 * The path by the real name of its nearest folder that exists (links followed), the rest as
 * given; in lower case where the disk ignores case (macOS and Windows, by default).
 */
function canonical(path: string): string {
  let folder = resolve(path);
  const rest: string[] = [];
  while (!existsSync(folder) && dirname(folder) !== folder) {
    rest.unshift(basename(folder));
    folder = dirname(folder);
  }
  const real = join(realpathSync.native(folder), ...rest);
  return process.platform === 'darwin' || process.platform === 'win32' ? real.toLowerCase() : real;
}
