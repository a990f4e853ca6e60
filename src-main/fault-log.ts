import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  ftruncateSync,
  lstatSync,
  openSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { nowIso } from './clock.ts';
import { MigrationFault } from './db/migration-fault.ts';
import { FILE_MODE, makePrivateDir } from './db/private-files.ts';
import { ApiError } from './domain/errors.ts';

/** The log file's name, in the folder of the database the app was started with. */
export const FAULT_LOG_NAME = 'fostering-funnel.log';
/**
 * Past this size the log is renamed to `fostering-funnel.log.1` (replacing the one before) and begun
 * again; where that name cannot be replaced (a folder stands there), it is begun again in place.
 */
export const FAULT_LOG_LIMIT = 1024 * 1024;

let logFile: string | null = null;

/**
 * Each program's entry point (the app, browser mode, the CLI) names its database as it starts, and
 * faults are logged in a file beside it as well as to the error output: the app started from the
 * desktop has no terminal, so a reference pointing at its error output pointed at nothing. The
 * folder is the user's app data folder unless --db or FOSTERING_FUNNEL_DB points elsewhere.
 */
export function logFaultsBeside(dbPath: string): void {
  logFile = join(dirname(resolve(dbPath)), FAULT_LOG_NAME);
}

/** The log file, for a process this one starts (the import worker) to log in the same one; null for none. */
export const faultLogFile = (): string | null => logFile;

/** For the import worker: the file its parent logs in (null: the error output only). */
export function logFaultsTo(file: string | null): void {
  logFile = file;
}

/**
 * Writes what faultDetails keeps of a fault under a new reference, to the error output and to the
 * log file, and says where in words: "The details are in the app's log, <file>, under reference
 * 1A2B3C4D." Neither write can fail the caller: the user is told the reference whatever happens.
 * `quiet`: a fault the user is already told of in words, met again each time a file is opened
 * (the daily backup that could not be made), goes to the error output only if the file cannot
 * have it, so each CLI command is not followed by its frames.
 */
export function logFault(
  e: unknown,
  { quiet = false }: { quiet?: boolean } = {},
): { reference: string; note: string; where: string } {
  const reference = randomBytes(4).toString('hex').toUpperCase();
  // When, from the one clock: IT matching a call ("it broke at ten past ten") to its entry needs it,
  // and a moment is no one's personal data.
  const entry = `${nowIso()} Fostering Funnel fault ${reference}: ${faultDetails(e)}\n`;
  const file = appendToLog(entry);
  if (!quiet || !file) {
    try {
      process.stderr.write(entry);
    } catch {
      // No error output to write to (a closed terminal): the file, and the user's message, still have it.
    }
  }
  const where = `${file ? `the app's log, ${file},` : "the app's error output,"} under reference ${reference}`;
  return { reference, note: `The details are in ${where}.`, where };
}

/**
 * An unexpected fault (a bug, a SqliteError or file error no caller words, a TypeError) never
 * crosses a door with its own text: that names paths, SQL and the code's insides, and a caller
 * (the UI, a browser-mode client, a script reading --json) is told only that something went wrong,
 * with a reference and where its details are. A refusal raised as an ApiError is worded for the
 * user and passes as it is.
 */
export function unexpectedFault(e: unknown, lead = 'Something went wrong inside the app'): ApiError {
  return new ApiError('internal', `${lead}. ${logFault(e).note}`);
}

/**
 * Appends one entry to the log file, private to the user (0600, in a folder made 0700 if missing,
 * as the database's), never through a link put at its name. Returns the file, or null when there is
 * none or it could not be written (a full disk, a folder in the way): a log is never worth a failure.
 */
function appendToLog(entry: string): string | null {
  if (!logFile) return null;
  try {
    makePrivateDir(dirname(logFile));
    const size = lstatSync(logFile, { throwIfNoEntry: false })?.size ?? 0;
    const full = size > 0 && size + Buffer.byteLength(entry) > FAULT_LOG_LIMIT;
    let begunAgain = !full;
    if (full) {
      try {
        renameSync(logFile, `${logFile}.1`);
        begunAgain = true;
      } catch {
        // Something the log cannot replace stands at its previous file's name (a folder, a file
        // not the user's): the log is begun again in place below, so faults stay in the file.
      }
    }
    const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);
    const fd = openSync(logFile, flags, FILE_MODE);
    try {
      fchmodSync(fd, FILE_MODE); // the mode openSync gives is masked by the umask; an older file made private
      // Emptied only as the file itself, opened without following a link, and only where no other
      // name shares its content (a hard link): what is emptied is the log and nothing else.
      if (!begunAgain) {
        const opened = fstatSync(fd);
        if (opened.isFile() && opened.nlink === 1) ftruncateSync(fd, 0);
      }
      writeSync(fd, entry);
    } finally {
      closeSync(fd);
    }
    return logFile;
  } catch {
    return null;
  }
}

/**
 * What the log keeps of a fault: its kind, its code and where in the code it arose, never a record.
 * Logs are where erasure and subject access do not reach (tests/unit/reliability/logs.test.ts), so
 * a message goes in only where it cannot quote one: SQLite's own words name tables, columns and
 * constraints, never a bound value; nor do a refused schema update's (MigrationFault: tables and
 * counts) or SQLite's check of a file (SqliteCheckReport: pages, tables and indexes). Any other
 * message can (a path with a name in it, JSON.parse quoting its text, a thrown Error built from a
 * cell), so only the stack's frames go.
 */
export function faultDetails(e: unknown): string {
  if (!(e instanceof Error)) return `a thrown ${e === null ? 'null' : typeof e}`;
  const code = (e as { code?: unknown }).code;
  const own = e.name === 'SqliteError' || e instanceof MigrationFault || e instanceof SqliteCheckReport;
  const head = `${e.name}${typeof code === 'string' ? ` (${code})` : ''}${own ? `: ${ownWords(e.message)}` : ''}`;
  return [head, ...stackFrames(e)].join('\n');
}

/**
 * SQLite's words, less the one thing they can quote that is not the schema's: the file it could
 * not open ("unable to open database: /home/…/my.db-backups/…", from VACUUM INTO a backup or an
 * ATTACH), a path holding the user's folders and the database's name.
 */
const ownWords = (message: string): string => message.replace(/^(unable to open database): [\s\S]*$/, '$1');

/** A line as V8 writes a frame: "    at f (file:///…/x.js:12:3)", "    at new Promise (<anonymous>)". */
const FRAME = /^ {4}at .*(?::\d+:\d+\)?|\))$/;

/**
 * The stack's frames alone. V8 begins a stack with the error's name and message, every line of it,
 * and a message can hold a line that reads like a frame (a cell "Flat 2⏎  at 12 High Street"), so
 * the message's lines are cut off first where the stack begins with them (where the message was
 * changed after the stack was written, only lines in a frame's exact form are kept).
 */
function stackFrames(e: Error): string[] {
  let stack = e.stack ?? '';
  for (const header of [`${e.name}: ${e.message}`, String(e)])
    if (e.message && stack.startsWith(`${header}\n`)) {
      stack = stack.slice(header.length + 1);
      break;
    }
  return stack.split('\n').filter((line) => FRAME.test(line));
}

/**
 * What SQLite's own check of a file (integrity_check, quick_check) reported: it names pages,
 * tables, indexes and columns, never a value, so the log keeps its words as it keeps SQLite's
 * errors'. Its own kind, so the log says it is a check's findings, not an error SQLite raised.
 */
export class SqliteCheckReport extends Error {
  override name = 'SqliteCheckReport';
}

/** Logs a check's findings; returns the sentence saying where, for the refusal that names the file. */
export const logCheckReport = (report: string): string =>
  logFault(new SqliteCheckReport(report.slice(0, 2000))).note;

/**
 * Why a file or folder could not be written, in the user's words (never "EACCES: …"): each
 * caller names the file and says what was (not) changed. Any other fault (a link loop, a disk
 * error) is logged, and the words quote its reference.
 */
export function fileFault(e: unknown): string {
  return knownFileFault(e) ?? `an error the app did not expect, whose details are in ${logFault(e).where}`;
}

/** fileFault's words for a failure the user can put right (a full disk, no permission…); null for any other. */
export function knownFileFault(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'you do not have permission to write there';
    case 'ENOSPC':
    case 'SQLITE_FULL':
      return 'the disk is full';
    case 'EROFS':
    case 'SQLITE_READONLY':
      return 'the disk is read-only';
    case 'EISDIR':
      return 'a folder of that name is in the way';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file of that name is in the way: it is not a folder';
    case 'ENAMETOOLONG':
      return 'its name is too long for the disk (choose a shorter one)';
    default:
      return null;
  }
}
