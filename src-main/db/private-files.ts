import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
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
 * Whether a symbolic link (or a Windows junction) stands at `path`, dangling or not. The app never
 * goes through one at the name of a folder it alone writes in (the backups folder): whoever put it
 * there chose where the copies of the database go, and which files the app reads, erases or deletes
 * as its own. The one test of it: writing a backup refuses it (makeOwnPrivateDir), and listing,
 * restoring, purging and cleaning up read no folder behind it (db/backup.ts backupsFolder).
 */
export const isLinkAt = (path: string): boolean =>
  lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;

/**
 * A folder the app alone writes in (the backups folder): made private if missing. One already
 * there (made in advance) must be the user's own: another user who owns it can read, swap or
 * delete every copy of the database put in it, so it is refused, naming it. The user's own is made
 * private, if group- or world-writable or readable (or 0755, as an older version made it). A
 * symbolic link (or junction) at its name is refused too: whoever put it there chose where the
 * copies go. Windows keeps a folder's permissions from its parent: no owner or mode to check there.
 */
export function makeOwnPrivateDir(dir: string, what: string): void {
  // A link there is refused before anything is made or changed: stat follows it, so a link to a
  // folder the user owns passed the owner's check and had that folder made 0700 and written in.
  if (isLinkAt(dir)) {
    throw new ApiError(
      'refused',
      `${what} ${dir} is a link to another place, so nothing with personal details was written through it, and nothing was changed. Move it aside (or delete it) and try again: the app makes its own.`,
    );
  }
  makePrivateDir(dir);
  if (process.platform === 'win32' || !process.getuid) return;
  const st = lstatSync(dir);
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
 * restore being written), for SQLite to fill, then to be finished by commitPrivateFile. Whatever is there already is removed first (a copy
 * a crash left, or a link someone put there), and the file is created exclusively, which never
 * follows a link: the name is predictable, and in a folder others can write to, a link at it had
 * the copy of the database written into a file of their choosing.
 */
export function createFreshPrivateFile(path: string): void {
  rmSync(path, { force: true });
  closeSync(openSync(path, 'wx', FILE_MODE));
  chmodSync(path, FILE_MODE);
}

/**
 * Finishes a file begun with createFreshPrivateFile and filled: synced to the disk, then renamed
 * onto `path`. Whatever is at `path` (a link someone put there included) is replaced, never written
 * through, and a crash leaves the old file or the new one whole, never half of one.
 */
export function commitPrivateFile(tmp: string, path: string): void {
  fsyncFile(tmp);
  renameDurably(tmp, path);
}

/**
 * The app's one way of writing a file whole (a file --out names, the purge ledger): a new private
 * file at `tmp` (beside `path`, so the rename is one step), created exclusively as
 * createFreshPrivateFile does, written, synced and renamed onto `path` as commitPrivateFile does.
 * On failure the temporary file is removed and the error thrown for the caller to word. `tmp`
 * defaults to a random hidden name: a fixed one suits only a folder the app alone writes in.
 */
export function writePrivateFileAtomically(
  path: string,
  data: string | Uint8Array,
  tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`),
): void {
  let fd: number | null = null;
  try {
    rmSync(tmp, { force: true });
    fd = openSync(tmp, 'wx', FILE_MODE);
    fchmodSync(fd, FILE_MODE); // the mode openSync gives is masked by the umask
    writeFileSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameDurably(tmp, path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** rename(2) is atomic on one file system; syncing the folder makes the new name survive a power cut. */
export function renameDurably(from: string, to: string): void {
  renameSync(from, to);
  try {
    const fd = openSync(dirname(to), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a folder; the rename itself is still atomic.
  }
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
