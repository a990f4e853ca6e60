import { basename, resolve } from 'node:path';
import { ApiError } from '../domain/errors.ts';
import { NAME_MAX, nameLength } from './paths.ts';

/** The longest path SQLite opens a file and its `-journal` at: 512 bytes (its Unix build's MAX_PATHNAME). */
export const SQLITE_PATH_MAX = 512;

/** What SQLite's and the app's files beside a database add to its name: "-journal", the longest. */
const ROOM = '-journal'.length;

/**
 * SQLite makes its files beside the database named after it (`<file name>-journal`, the longest, as
 * it creates the file or switches one not in WAL mode, such as a restored backup, into WAL), and so
 * does the app (`<file name>-backups`): a file name within 8 of the disk's limit leaves them no room,
 * and a whole path within 8 of SQLite's (SQLITE_PATH_MAX, on Linux and macOS) leaves its journal
 * none. SQLite then fails to open it ("unable to open database file"), and the backups folder cannot
 * be looked at (ENAMETOOLONG). Refused, naming the limit, before anything is written or made, by
 * every door that opens or replaces a database file (open, restore); the app's files inside the
 * backups folder, a restore's copy and the purge ledger are named to fit (paths.ts fitName).
 */
export function refuseLongName(path: string, doing: 'opened' | 'restored' = 'opened'): void {
  const length = nameLength(basename(path));
  const unit = process.platform === 'win32' ? 'characters' : 'bytes';
  const again = doing === 'opened' ? 'open it again' : 'restore again';
  if (length > NAME_MAX - ROOM) {
    throw new ApiError(
      'refused',
      `${path} could not be ${doing}: its file name is ${length} ${unit} long, and Fostering Funnel keeps files beside it named after it ("-journal", "-backups"), which the disk's limit of ${NAME_MAX} ${unit} a name leaves no room for. Nothing was changed or made. Rename the file to a name of at most ${NAME_MAX - ROOM} ${unit} and ${again}.`,
      'db',
    );
  }
  const whole = Buffer.byteLength(resolve(path));
  if (process.platform !== 'win32' && whole > SQLITE_PATH_MAX - ROOM) {
    throw new ApiError(
      'refused',
      `${path} could not be ${doing}: its whole path is ${whole} bytes long, and SQLite opens a database only where the path of the journal beside it ("-journal") is within ${SQLITE_PATH_MAX} bytes. Nothing was changed or made. Move it to a folder with a shorter path, or give it a shorter name, so its path is at most ${SQLITE_PATH_MAX - ROOM} bytes, and ${again}.`,
      'db',
    );
  }
}

/**
 * A copy the app makes of the database at `dbPath` (a backup in its backups folder, a restore's
 * copy beside it) whose SQLite journal would have a path of `bytes`, over SQLITE_PATH_MAX: SQLite
 * could not open it ("unable to open database file"), which read as a folder that cannot be
 * written. Said as what it is, before anything is made, with the one thing that helps: a database
 * whose whole path is at most `fits` bytes has room for every such copy.
 */
export const copyPathTooLong = (
  dbPath: string,
  copy: 'backup' | 'restore',
  bytes: number,
  fits: number,
): ApiError =>
  new ApiError(
    'refused',
    `${copy === 'backup' ? `No backup could be made of ${dbPath}` : `${dbPath} cannot be restored`}: the path of the ${copy === 'backup' ? 'backup' : 'copy of the backup'} the app makes ${copy === 'backup' ? 'in its backups folder' : 'beside it'} would be ${bytes} bytes long, and SQLite opens a file only where its path (and its journal's) is within ${SQLITE_PATH_MAX} bytes. Nothing was changed. Move the database to a folder with a shorter path, so its whole path is at most ${fits} bytes, and try again.`,
    'db',
  );
