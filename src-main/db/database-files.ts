import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
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
 * By any name (a link, letter case on a disk that ignores it), as sameFile knows one file.
 */
export function isDatabaseFile(path: string, dbPath: string): boolean {
  return isSideFile(path, dbPath) || sameFile(path, dbPath) || inBackups(path, dbPath);
}

/** Whether `path` is the database's log, shared memory, journal or purge ledger (not the database itself). */
export function isSideFile(path: string, dbPath: string): boolean {
  return [...SIDE_FILES.map((s) => dbPath + s), ledgerPath(dbPath)].some((f) => sameFile(path, f));
}

function inBackups(path: string, dbPath: string): boolean {
  const folder = backupsDir(dbPath);
  const within = relative(resolve(folder), resolve(dirname(path)));
  return sameFile(path, folder) || within === '' || !(within.split(sep)[0] === '..' || isAbsolute(within));
}
