import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

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

/** Creates (or empties) a file private to the user, for SQLite (or anything) to fill. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'w', FILE_MODE));
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
