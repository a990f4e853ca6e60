import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, lstatSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ApiError, isLockedFault } from '../domain/errors.ts';
import { logCheckReport, logFault } from '../fault-log.ts';
import { formatUkDateTime } from '../domain/dates.ts';
import { MIGRATIONS, LATEST_VERSION } from './migrations/index.ts';
import { backupDatabase, backupsFolderLink, dailyBackup } from './backup.ts';
import { refuseLongName } from './long-paths.ts';
import { damagedNoBackupLooked } from './backups-link-words.ts';
import { applyLedger, eraseFromFile, readLedgerFile, syncLedger } from './purge-ledger.ts';
import { rewriteOwed } from './rewrite-owed.ts';
import { latestGoodBackup } from './restore.ts';
import { isOwnSchema } from './schema-check.ts';
import { createPrivateFile, DIR_MODE, makePrivate, makePrivateDir } from './private-files.ts';
import { backupsDir } from './paths.ts';
import { writeCalendarMark } from './queries/calendar-mark.ts';
import { BANK_HOLIDAYS_MARK } from '../domain/bank-holidays.ts';
import { makeTempFolder, sweepOrphanedTempFolders } from './processes.ts';

export type { Db } from './handle.ts';
import type { Db } from './handle.ts';
import { MigrationFault } from './migration-fault.ts';

export interface OpenOptions {
  /**
   * Create the file if missing or empty (default true here, for tests and tools). The doors
   * decide: only `init`, the app's start-up file and Settings' "New database…" create one.
   */
  create?: boolean;
  /** Run PRAGMA quick_check on an existing file before using it (default false). */
  check?: boolean;
  /** Make the day's automatic backup of an existing database with data (default true). */
  dailyBackup?: boolean;
}

/**
 * Opens (and creates or migrates) a Fostering Funnel database.
 * A database written by a newer version, or one that fails its check, is refused
 * without a single byte written to it.
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Db> {
  refuseLongName(path);
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new ApiError(
      'refused',
      `${path} is a folder, not a database file: give the database file itself. Nothing was changed.`,
      'db',
    );
  }
  const exists = existsSync(path) && statSync(path).size > 0;
  if (!exists && options.create === false) {
    throw new ApiError(
      'not_found',
      `There is no Fostering Funnel database at ${path}. Nothing was created: to start a new one there, use "New database…" in Settings or run: fostering-funnel init --db "${path}"`,
      'db',
    );
  }
  if (!exists) {
    makePrivateDir(dirname(path));
    // An empty private file first: SQLite gives the -wal and -shm files the database's mode.
    if (!existsSync(path)) createPrivateFile(path);
  }

  if (exists) sweepOrphanedProbes();
  let db: Db;
  try {
    // Opened read-only first: nothing (not even WAL mode) is written until the file is known good.
    if (exists) probeFile(path, options.check ?? false);
    const blocked = exists ? unwritable(path) : null;
    if (blocked) throw readOnly(path, blocked);
    // A database made before files were private (0644) is made private as it is opened, and so is
    // its backups folder (its files are already private: the names say on which days it was used).
    // The folder itself only: chmod follows a link, and a link at its name (refused when a backup is
    // made: makeOwnPrivateDir) would have whatever folder it points to made 0700.
    if (exists) {
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) makePrivate(path + suffix);
      if (lstatSync(backupsDir(path), { throwIfNoEntry: false })?.isDirectory())
        makePrivate(backupsDir(path), DIR_MODE);
    }
    db = new Database(path);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw openFault(path, e, 'open');
  }

  try {
    configure(db);
    const from = db.pragma('user_version', { simple: true }) as number;
    // Purges recorded beside the file are re-applied before anything reads or copies it (an
    // older copy put back in its place must not bring erased details back, not even into a backup).
    const sidecar = exists ? readLedgerFile(path) : [];
    if (exists) applyLedger(db, sidecar);
    if (from < LATEST_VERSION) {
      if (exists && from > 0) await backupDatabase(db, path, `before-migration-v${from}`);
      migrate(db, from);
      // A new database holds no alert computed with another list of bank holidays.
      if (from === 0) writeCalendarMark(db, BANK_HOLIDAYS_MARK);
    }
    // With no migration since, the sidecar just applied is not read and applied a second time
    // (at 644,000 purged households each pass took ~5 s of every open).
    syncLedger(db, path, from === LATEST_VERSION ? sidecar : undefined);
    // What the ledger just erased (an older copy put back), or an erasure whose rewrite a process
    // could not make before it ended, is rewritten out of the file's free space and its WAL, as a
    // purge's is: SQL reads it as erased, `grep -a` still found it (db/rewrite-owed.ts). Tried once
    // an open: one that fails stays owed for the next, rather than retried through the session.
    if (rewriteOwed(db)) eraseFromFile(db, { retry: false });
    if (exists && options.dailyBackup !== false) {
      // A backup that cannot be made (full or read-only disk) must not stop the app opening.
      await dailyBackup(db, path).catch(() => null);
    }
    return db;
  } catch (e) {
    db.close();
    if (e instanceof ApiError) throw e;
    throw openFault(path, e, 'prepare');
  }
}

/** Another program holds a lock on the file (a database tool, a copy of the app on another computer). */
const lockedDatabase = (path: string) =>
  new ApiError(
    'in_use',
    `${path} is locked by another program that has it open (a database tool, or Fostering Funnel on another computer), so it could not be opened. It has not been changed. Close that program, or wait for it to finish, and try again.`,
    'db',
  );

/**
 * A database that could not be opened or made ready (its settings, the purge ledger beside it, a
 * schema update) for a reason no refusal above words: a lock or a full disk in words, anything else
 * as a fault whose details (SQLite's message, where it arose) go to the log under a reference.
 */
function openFault(path: string, e: unknown, stage: 'open' | 'prepare'): ApiError {
  if (isLockedFault(e)) return lockedDatabase(path);
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new ApiError(
      'io_error',
      `${path} could not be opened: the disk is full. It has not been changed; free some space and try again.`,
      'db',
    );
  }
  const { note } = logFault(e);
  const what =
    stage === 'open'
      ? `${path} could not be opened, for a reason the app did not expect. It has not been changed.`
      : `${path} could not be made ready to use (its settings, the purge ledger beside it or an update of its schema), for a reason the app did not expect. An update of its schema is made whole or not at all, and a backup is made before it.`;
  return new ApiError(
    'io_error',
    `${what} Try again, and if it happens again, tell whoever supports the app. ${note}`,
    'db',
  );
}

/** Thrown by inspect when a read-only connection cannot replay a crash's WAL: not damage. */
class NeedsRecovery extends Error {}

/** A crash can leave a WAL to replay or a hot rollback journal (e.g. mid journal-mode switch). */
const RECOVERY_FILES = ['-wal', '-journal'];

const needsRecovery = (e: unknown, path: string) =>
  /^SQLITE_(READONLY|CANTOPEN)/.test(String((e as { code?: string }).code)) &&
  RECOVERY_FILES.some((suffix) => existsSync(path + suffix));

/**
 * Inspects the file read-only. After a crash the WAL or a hot journal may need a recovery
 * that a read-only connection cannot run: then a copy of the file with its WAL or journal,
 * in a temporary folder, is recovered and inspected instead, so the real file is still not
 * written until it is known good.
 */
function probeFile(path: string, check: boolean): void {
  try {
    const probe = new Database(path, { readonly: true, fileMustExist: true });
    try {
      inspect(probe, path, check);
    } finally {
      probe.close();
    }
  } catch (e) {
    if (!(e instanceof NeedsRecovery)) throw e;
    const dir = makeTempFolder(PROBE_PREFIX);
    try {
      const copy = join(dir, 'probe.db');
      copyFileSync(path, copy);
      for (const suffix of RECOVERY_FILES) {
        if (existsSync(path + suffix)) copyFileSync(path + suffix, copy + suffix);
      }
      const probe = new Database(copy, { fileMustExist: true });
      try {
        inspect(probe, path, check);
      } finally {
        probe.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

const PROBE_PREFIX = 'ff-probe-';

/**
 * Deletes the probe copies of processes that died while inspecting one (killed during a long
 * quick_check): each is a whole copy of a database (those of versions before probe folders
 * named their process too).
 */
export const sweepOrphanedProbes = (): void => sweepOrphanedTempFolders(PROBE_PREFIX, { unnamed: true });

function inspect(probe: Db, path: string, check: boolean): void {
  let version: number;
  let own: boolean;
  try {
    version = probe.pragma('user_version', { simple: true }) as number;
    own = isOwnSchema(probe, version);
  } catch (e) {
    if (needsRecovery(e, path) && probe.readonly) throw new NeedsRecovery();
    const blocked = unwritable(path);
    if (blocked) throw readOnly(path, blocked);
    if (isLockedFault(e)) throw lockedDatabase(path);
    // "file is not a database" says nothing the sentence does not; other words of SQLite's (a
    // damaged page) go to the log for whoever supports the app.
    const notADatabase = (e as { code?: unknown }).code === 'SQLITE_NOTADB';
    throw new ApiError(
      'refused',
      `${path} is not a Fostering Funnel database, or it is damaged. It has not been changed.${notADatabase ? '' : ` ${logFault(e).note}`} ${offerBackup(path)}`,
      'db',
    );
  }
  if (version > LATEST_VERSION) {
    throw new ApiError(
      'refused',
      `${path} was written by a newer version of Fostering Funnel (schema ${version}; this version knows up to ${LATEST_VERSION}). Update the app to open it; the file has not been changed.`,
      'db',
    );
  }
  if (!own) {
    throw new ApiError(
      'refused',
      `${path} is not a Fostering Funnel database (it is another program's SQLite file). It has not been opened or changed.`,
      'db',
    );
  }
  if (check) {
    // What SQLite found goes to the log (up to 20 of its findings: the first alone, "*** in
    // database main ***", says nothing), the sentence naming the file and its backup to the user.
    let note: string | null = null;
    try {
      const found = (probe.pragma('quick_check(20)') as Array<Record<string, unknown>>).map((row) =>
        String(Object.values(row)[0]),
      );
      if (found.length !== 1 || found[0] !== 'ok') note = logCheckReport(found.join('\n'));
    } catch (e) {
      if (needsRecovery(e, path) && probe.readonly) throw new NeedsRecovery();
      if (isLockedFault(e)) throw lockedDatabase(path);
      note = logFault(e).note;
    }
    if (note) {
      throw new ApiError(
        'refused',
        `${path} is damaged (SQLite's own check of it found faults). It has not been changed. ${note} ${offerBackup(path)}`,
        'db',
      );
    }
  }
}

/** What stops the app writing the folder (its WAL and backups go beside the file) or the file itself, if anything. */
function unwritable(path: string): 'folder' | 'file' | null {
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch {
    return 'folder';
  }
  try {
    if (existsSync(path)) accessSync(path, constants.W_OK);
  } catch {
    return 'file';
  }
  return null;
}

const readOnly = (path: string, what: 'folder' | 'file') =>
  new ApiError(
    'io_error',
    what === 'folder'
      ? `${path} is on a read-only disk or in a read-only folder: Fostering Funnel needs to write beside it. Nothing was changed; copy the file somewhere writable and open it there.`
      : `${path} is read-only (the file itself; its folder can be written): Fostering Funnel needs to write to it. Nothing was changed; make the file writable (in Windows, untick Read-only in its Properties) or copy it somewhere writable and open it there.`,
    'db',
  );

/**
 * Names the newest backup that passes its own check, and how to restore it; where a link at the
 * backups folder's name kept the app from looking (it never follows one), says so and what to do.
 */
function offerBackup(path: string): string {
  const good = latestGoodBackup(path);
  const link = good ? null : backupsFolderLink(path);
  if (link) return damagedNoBackupLooked(link);
  if (!good) return 'No good backup of it was found.';
  return `The latest good backup is ${good.path} (made ${formatUkDateTime(good.createdAt)}). To restore it, run: fostering-funnel restore "${good.path}" --db "${path}"`;
}

/**
 * Each connection's page cache: up to 128 MB (negative: KiB), where SQLite's default is 2 MB. A
 * council's database (thousands of households, tens of MB) then stays whole in memory once read,
 * and at 1,000,000 households (1.7 GB) the pages a report or list revisits are held rather than
 * read again from the operating system's cache: the whole Ofsted return took 1.23–1.31 s with 2 MB
 * and 0.80–0.84 s with 128 MB, its carers (116,000 people of 75,000 approved households) ~0.4 and
 * ~0.17 s of that; overdue households at Stage 1, 65 → 18 ms (64 MB helped neither). A large import's dirty pages stay in it too, where
 * with 2 MB each one spilled to the WAL mid-transaction was written again when touched again.
 * Memory grows with use only, up to the size.
 */
const PAGE_CACHE_KIB = -131072;

/**
 * The file is read through a memory map of up to 2 GB (the most this SQLite maps, 0x7fff0000): a
 * page a statement reads is the operating system's cached page itself, not a copy read() makes of
 * it into the page cache (a table larger than the cache was copied in again on every report). Pages
 * whose latest version is in the WAL are still read from the WAL. At 1,000,000 households (1.6 GB),
 * two processes each way, medians of four calls: diversity 0.85–0.89 → 0.67–0.71 s, the Ofsted
 * return 0.68–0.69 → 0.53–0.62 s, kinship 0.35–0.41 → 0.28–0.29 s, the others within the noise; a
 * process's slowest (first) call more (the funnel 0.57–0.58 → 0.12 s, drop-out 0.26–0.34 → 0.10 s).
 * SQLite writes through its file calls (this build maps read only: no SQLITE_MMAP_READ_WRITE), so
 * durability is unchanged, and it reads what another process (the import worker, the CLI) commits,
 * as Linux, macOS and Windows share one cache between a map and read() (memory-map.test.ts). Costs:
 * the mapped pages a process has read count in its resident memory (the bench's report process at
 * 1,000,000 households peaked at 1.1–1.4 GB, 0.42–0.52 GB before), though they are the operating
 * system's file cache, shared and given back under pressure; and a failed read (a disk error, a USB
 * disk pulled out, the file truncated or copied over by another program while the app has it open)
 * ends the process, where without the map SQLite returned an error ("database disk image is
 * malformed") for that statement. Where that matters more than the speed (a disk that fails now and
 * then, a file other programs write to), FOSTERING_FUNNEL_MMAP=off (or 0, no, false) in the environment of the app,
 * the server or the CLI opens every connection without the map: reads go through the page cache
 * alone, as before the map, and a failed read fails its request, not the process.
 */
const MMAP_BYTES = 0x7fff0000;
const mmapBytes = (): number =>
  /^(off|0|no|false)$/i.test(process.env.FOSTERING_FUNNEL_MMAP?.trim() ?? '') ? 0 : MMAP_BYTES;

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a committed import survives a power cut, not only an app crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = ${PAGE_CACHE_KIB}`);
  db.pragma(`mmap_size = ${mmapBytes()}`);
  // Deleted and overwritten content is zeroed, not left readable in free pages: erasure
  // (purge, undo of an import) must reach the bytes on disk. Per connection, so set on each.
  db.pragma('secure_delete = ON');
}

/**
 * Applies every pending migration in one transaction: all land, or none. Foreign keys are off
 * meanwhile (a migration may rebuild a table others refer to, SQLite's documented way; dropping
 * the old table with them on would delete every row referring to it) and checked before commit.
 */
export function migrate(db: Db, from: number, to: number = LATEST_VERSION): void {
  const pending = MIGRATIONS.filter((m) => m.version > from && m.version <= to);
  if (pending.length === 0) return;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const m of pending) {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }
      const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (broken.length > 0) throw new MigrationFault(danglingRows(broken));
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

/** Which tables the rows left referring to nothing are in, and to which, with counts: never a row's id or value. */
function danglingRows(broken: readonly { table: string; parent: string }[]): string {
  const counts = new Map<string, number>();
  for (const { table, parent } of broken)
    counts.set(`${table} to ${parent}`, (counts.get(`${table} to ${parent}`) ?? 0) + 1);
  const where = [...counts].map(([pair, n]) => `${n} in ${pair}`).join(', ');
  return `the schema update left ${broken.length} rows referring to nothing (${where})`;
}

export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;
