import { chmodSync, closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { ApiError } from '../domain/errors.ts';

/**
 * Everything the app writes holds personal data (the database, its WAL and shared-memory
 * files, backups, the purge ledger, exports, uploads), so on Linux and macOS it is readable
 * by its user alone: files 0600, folders 0700, whatever the umask. SQLite gives a database's
 * -wal, -shm and -journal files the mode of the database itself, so making the database
 * file private first covers them. Windows keeps a file's folder permissions (the user's own
 * app data folder); chmod there changes nothing and is harmless.
 */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Creates the folder (and any missing parents) private to the user; an existing one is left as it is. */
export function makePrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  chmodSync(dir, DIR_MODE); // mkdir's mode is masked by the umask
}

/**
 * A folder the app alone writes in (the backups folder): made private if missing. One already
 * there (made in advance) must be the user's own: another user who owns it can read, swap or
 * delete every copy of the database put in it, so it is refused, naming it. The user's own is made
 * private, if group- or world-writable or readable (or 0755, as an older version made it).
 * Windows keeps a folder's permissions from its parent: nothing to check there.
 */
export function makeOwnPrivateDir(dir: string, what: string): void {
  makePrivateDir(dir);
  if (process.platform === 'win32' || !process.getuid) return;
  const st = statSync(dir);
  if (st.uid !== process.getuid()) {
    throw new ApiError(
      'refused',
      `${what} ${dir} belongs to another user of this computer, so nothing with personal details was written in it, and nothing was changed. Move it aside (or delete it) and try again: the app makes its own.`,
    );
  }
  if ((st.mode & 0o777) !== DIR_MODE) chmodSync(dir, DIR_MODE);
}

/** Creates (or empties) a file private to the user, for SQLite (or anything) to fill. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'w', FILE_MODE));
  chmodSync(path, FILE_MODE);
}

/**
 * Creates a new, empty private file at a name the app chose for a temporary copy (a backup or a
 * restore being written), for SQLite to fill. Whatever is there already is removed first (a copy
 * a crash left, or a link someone put there), and the file is created exclusively, which never
 * follows a link: the name is predictable, and in a folder others can write to, a link at it had
 * the copy of the database written into a file of their choosing.
 */
export function createFreshPrivateFile(path: string): void {
  rmSync(path, { force: true });
  closeSync(openSync(path, 'wx', FILE_MODE));
  chmodSync(path, FILE_MODE);
}

/** Makes an existing file private (a database made by an older version, 0644). */
export function makePrivate(path: string, mode = FILE_MODE): void {
  try {
    chmodSync(path, mode);
  } catch {
    // Not ours to change (another user's file opened read-only, a read-only disk): left as it is.
  }
}

/**
 * For each program's entry point (CLI, server, Electron main): anything created without an
 * explicit mode (SQLite's temporary files, a copy kept aside) is private too.
 */
export function privateUmask(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}
