import Database from 'better-sqlite3';
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { copyPathTooLong, refuseLongName, SQLITE_PATH_MAX } from './long-paths.ts';
import { ApiError, isLockedFault } from '../domain/errors.ts';
import { fileFault, logCheckReport, logFault } from '../fault-log.ts';
import {
  backupDatabase,
  backupRoomRefusal,
  BACKUPS_FIT,
  backupStem,
  listBackups,
  removeAbandonedCopies,
  restoreCopyHeads,
  restoreCopyOf,
  type BackupInfo,
} from './backup.ts';
import { LATEST_VERSION } from './migrations/index.ts';
import { backupsDir } from './paths.ts';
import { rewriteFile, rewriteOwed } from './rewrite-owed.ts';
import { hasTable } from './has-table.ts';
import {
  commitPrivateFile,
  createFreshPrivateFile,
  makeOwnPrivateDir,
  makePrivate,
} from './private-files.ts';
import { isOwnSchema, schemaDifferences } from './schema-check.ts';
import { nowIso } from '../clock.ts';
import {
  applyLedger,
  ledgerPath,
  ledgerTable,
  mergeLedgers,
  readLedgerFile,
  writeLedgerFile,
  type LedgerEntry,
} from './purge-ledger.ts';

/** The purge ledger of the database file at `path` ([] when there is none or it cannot be read). */
function ledgerOfFile(path: string): LedgerEntry[] {
  if (!existsSync(path)) return [];
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return ledgerTable(db);
    } finally {
      db.close();
    }
  } catch {
    return []; // a damaged file: its sidecar still holds every purge made in it
  }
}

export interface CheckedFile {
  schemaVersion: number;
  households: number;
}

/**
 * Reads a candidate database without changing it: integrity_check, schema version (1 up to
 * this app's), and a schema exactly the app's for that version. Throws a refusal naming the
 * file and the fault; SQLite's own words (a damaged page) go to the fault log under the reference
 * the refusal quotes, or nowhere when `log` is false (a caller that only asks, and says nothing).
 */
export function checkDatabaseFile(path: string, thorough = true, log = true): CheckedFile {
  if (!existsSync(path) || statSync(path).size === 0) {
    throw new ApiError('not_found', `There is no database file at ${path}.`, 'path');
  }
  if (!statSync(path).isFile()) {
    throw new ApiError('refused', `${path} is a folder, not a backup file.`, 'path');
  }
  const unusable = (what: string, fault: () => string | null) => {
    const note = log ? fault() : null;
    return new ApiError(
      'refused',
      `${path} ${what}, so it cannot be restored. Nothing was changed: choose another backup.${note ? ` ${note}` : ''}`,
      'path',
    );
  };
  const locked = () =>
    new ApiError(
      'in_use',
      `${path} is locked by another program that has it open, so it cannot be checked or restored. Nothing was changed: close that program and try again.`,
      'path',
    );
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw unusable('could not be opened', () => logFault(e).note);
  }
  try {
    let version: number;
    let found: string[];
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      // Up to 20 of SQLite's findings, for the log: the first alone ("*** in database main ***") says nothing.
      found = (
        db.pragma(thorough ? 'integrity_check(20)' : 'quick_check(20)') as Array<Record<string, unknown>>
      ).map((row) => String(Object.values(row)[0]));
    } catch (e) {
      if (isLockedFault(e)) throw locked();
      // "file is not a database" says nothing the sentence does not: no reference for it.
      throw unusable('is not a Fostering Funnel database, or it is damaged', () =>
        (e as { code?: unknown }).code === 'SQLITE_NOTADB' ? null : logFault(e).note,
      );
    }
    if (found.length !== 1 || found[0] !== 'ok') {
      throw unusable("is damaged (SQLite's own check of it found faults)", () =>
        logCheckReport(found.join('\n')),
      );
    }
    if (version > LATEST_VERSION) {
      throw new ApiError(
        'refused',
        `${path} was written by a newer version of Fostering Funnel (schema ${version}; this version knows up to ${LATEST_VERSION}).`,
        'path',
      );
    }
    if (version < 1 || !hasTable(db, 'households')) {
      throw new ApiError('refused', `${path} is not a Fostering Funnel database.`, 'path');
    }
    // Exactly the app's tables, indexes, triggers and views for that version, nothing added.
    const differences = schemaDifferences(db, version);
    if (differences.length > 0) {
      throw new ApiError(
        'refused',
        `${path} does not have Fostering Funnel's own schema for version ${version} (it has ${differences.join(', ')}): it was made or changed by another program, so it is not restored.`,
        'path',
      );
    }
    const households = db.prepare('SELECT COUNT(*) FROM households').pluck().get() as number;
    return { schemaVersion: version, households };
  } finally {
    db.close();
  }
}

/** The newest backup that passes quick_check and has a schema this app can open, if any. */
export function latestGoodBackup(dbPath: string): BackupInfo | null {
  for (const b of listBackups(dbPath)) {
    try {
      checkDatabaseFile(b.path, false, false);
      return b;
    } catch {
      // A damaged or foreign backup is skipped, never offered.
    }
  }
  return null;
}

export interface RestoreResult {
  restoredFrom: string;
  schemaVersion: number;
  households: number;
  /** Where the replaced database was kept (a backup, or a raw copy if it was damaged). */
  previousCopy: string | null;
}

const STAMP = () => nowIso().replace(/[:.]/g, '-');

/**
 * Replaces the database at `dbPath` with the backup `file`. Nothing is replaced until a
 * copy of the backup (made with the backup API, beside the database) has passed
 * integrity_check and the schema check; the old file is kept (as a 'before-restore'
 * backup, or as a raw `.damaged` copy if it cannot be read); the swap is one rename.
 * Every purge recorded since the backup was made (db/purge-ledger.ts) is applied to the copy
 * before the swap, and the ledger is kept beside the database. The caller must have closed its own connection to `dbPath`.
 */
export async function restoreDatabaseFile(dbPath: string, file: string): Promise<RestoreResult> {
  refuseLongPaths(dbPath);
  const source = checkDatabaseFile(file, true);
  const foreign = notOurs(dbPath);
  if (foreign) {
    throw new ApiError(
      'refused',
      `${dbPath} ${foreign}, so a restore will not replace it; nothing was changed. Restore to a Fostering Funnel database, or to a new file name.`,
      'db',
    );
  }
  const tmp = restoreCopyOf(dbPath);
  try {
    createFreshPrivateFile(tmp); // the copy is made beside the database, so the swap is one rename
  } catch (e) {
    throw new ApiError(
      'io_error',
      `${dbPath} cannot be restored: its folder ${dirname(dbPath)} cannot be written to (${fileFault(e)}). Nothing was changed.`,
      'db',
    );
  }
  let ledger: LedgerEntry[] = [];
  try {
    removeAbandonedCopies(dbPath);
    const src = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await src.backup(tmp);
    } finally {
      src.close();
    }
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
      const result = copy.pragma('integrity_check', { simple: true });
      const version = copy.pragma('user_version', { simple: true }) as number;
      if (result !== 'ok' || version !== source.schemaVersion) {
        throw new ApiError('refused', `The copy of ${file} failed its check; nothing was replaced.`, 'path');
      }
      // Erasure is final: every purge made since the backup (recorded in the current file, its
      // sidecar ledger or the backup itself) is applied to the copy before it replaces anything.
      copy.pragma('secure_delete = ON');
      ledger = mergeLedgers(readLedgerFile(dbPath), ledgerOfFile(dbPath), ledgerTable(copy));
      applyLedger(copy, ledger);
      // What it erased, or a backup made while a rewrite was owed, is rewritten before it takes
      // the file's place.
      if (rewriteOwed(copy)) rewriteFile(copy);
    } finally {
      copy.close();
    }
    if (ledger.length > 0) writeLedgerFile(dbPath, ledger);

    const previousCopy = existsSync(dbPath) ? await keepPrevious(dbPath) : null;
    // A stale WAL or journal beside the new file would be replayed into it: remove them first
    // (the previous copy above already holds whatever they contained).
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });
    commitPrivateFile(tmp, dbPath);
    return { restoredFrom: file, ...source, previousCopy };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The longest whole path of a database with room for its restore copy's journal: `.<name>.restore-<id>.tmp-journal` beside it. */
const RESTORE_FIT = SQLITE_PATH_MAX - '.restore-4294967295.tmp-journal'.length - 1;

/**
 * A restore refused for the length of a path, before anything is read, made or changed: the
 * database's own name or path (as open refuses them: the restored file could not be opened), the
 * copy of the backup made beside it, and the before-restore backup of the file it replaces (as
 * every backup is refused: backup.ts backupRoomRefusal). Without this, a name of 248 to 255 bytes
 * failed with ENAMETOOLONG, and a long path with SQLite's "unable to open database file". The app
 * asks it before it cancels an import or closes the file (api/data.ts restore).
 */
export function refuseLongPaths(dbPath: string): void {
  refuseLongName(dbPath, 'restored');
  const journal = Buffer.byteLength(resolve(`${restoreCopyOf(dbPath)}-journal`));
  if (process.platform !== 'win32' && journal > SQLITE_PATH_MAX) {
    throw copyPathTooLong(dbPath, 'restore', journal, Math.min(RESTORE_FIT, BACKUPS_FIT));
  }
  const tooLong = existsSync(dbPath) ? backupRoomRefusal(dbPath, 'before-restore') : null;
  if (tooLong) throw tooLong;
}

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Why the file a restore would replace is not the app's to replace, or null. A restore replaces
 * the app's own database, even a damaged one (kept aside first); it never replaces another
 * program's SQLite file, a folder, or a file that is no database at all (a mistyped --db), unless
 * the app's own backups or purge ledger beside it show it was the app's (a database damaged
 * past its first bytes).
 */
function notOurs(dbPath: string): string | null {
  if (!existsSync(dbPath)) return null;
  const stat = statSync(dbPath);
  if (!stat.isFile()) return 'is a folder, not a database file';
  if (stat.size === 0) return null;
  if (listBackups(dbPath).length > 0 || existsSync(ledgerPath(dbPath))) return null;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(dbPath, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_HEADER) return 'is not a database file';
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const version = db.pragma('user_version', { simple: true }) as number;
      return isOwnSchema(db, version) ? null : "is another program's SQLite database";
    } finally {
      db.close();
    }
  } catch {
    return null; // an SQLite file too damaged to read: the app's own, kept aside as damaged
  }
}

/**
 * Keeps the database about to be replaced. A readable one is backed up properly; it must
 * also be free: no other program may have it open, reading or writing.
 */
async function keepPrevious(dbPath: string): Promise<string> {
  let readable = true;
  try {
    checkDatabaseFile(dbPath, false, false);
  } catch {
    readable = false;
  }
  if (!readable) {
    // Copied byte for byte (with its WAL) before anything opens it for writing.
    const dir = backupsDir(dbPath);
    makeOwnPrivateDir(dir, 'The backups folder');
    const dest = join(dir, `${backupStem(dbPath)}-${STAMP()}.damaged`);
    copyFileSync(dbPath, dest);
    makePrivate(dest);
    for (const suffix of ['-wal', '-journal']) {
      if (existsSync(dbPath + suffix)) {
        copyFileSync(dbPath + suffix, dest + suffix);
        makePrivate(dest + suffix);
      }
    }
    let db: Database.Database | null = null;
    try {
      db = new Database(dbPath, { fileMustExist: true, timeout: 2000 });
      refuseIfInUse(db, dbPath);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      // A file too damaged to lock is in nobody's use.
    } finally {
      db?.close();
    }
    return dest;
  }
  const db = new Database(dbPath, { fileMustExist: true, timeout: 2000 });
  try {
    refuseIfInUse(db, dbPath);
    db.pragma('wal_checkpoint(TRUNCATE)');
    return await backupDatabase(db, dbPath, 'before-restore');
  } finally {
    db.close();
  }
}

/** An exclusive lock is refused while any other connection has the file open, even idle. */
function refuseIfInUse(db: Database.Database, dbPath: string): void {
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (e) {
    if (!isLockedFault(e)) throw e;
    throw new ApiError(
      'in_use',
      `${dbPath} is in use by another program (another window, the CLI or the server). Close it, then restore again.`,
      'db',
    );
  }
}

/** Leftovers of a restore interrupted before its rename (removed by the next restore, backup or purge). */
export const restoreLeftovers = (dbPath: string): string[] =>
  readdirSync(dirname(dbPath)).filter((f) => restoreCopyHeads(dbPath).some((head) => f.startsWith(head)));
