import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, resolve, win32 } from 'node:path';
import type { Database as Db } from 'better-sqlite3';
import { commitPrivateFile, createFreshPrivateFile, isLinkAt, makeOwnPrivateDir } from './private-files.ts';
import { backupsDir, cutOf, fitName, NAME_MAX } from './paths.ts';
import { dayOf, now as clockNow } from '../clock.ts';
import { heldBy, markText, ownMark, readMark, type ProcessMark } from './processes.ts';
import { ApiError } from '../domain/errors.ts';
import { fileFault } from '../fault-log.ts';
import { backupMade, dailyBackupFailed } from './backup-problem.ts';
import type { BackupInfo } from '../domain/data-protection.ts';
import { backupsLinked, backupsNotListed } from './backups-link-words.ts';
import { copyPathTooLong, SQLITE_PATH_MAX } from './long-paths.ts';

/** How many automatic and manual backups are kept when the settings table says nothing. */
export const DEFAULT_BACKUP_KEEP = 10;
export const BACKUP_KEEP_KEY = 'backup.keep';

export type { BackupInfo };

// `<db name>-2026-11-26T06-20-01-123Z-<label>.db`: sortable by name, parseable without opening.
const STAMP = /-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-([a-z0-9-]+)\.db$/;

const stampOf = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

/**
 * The room a backup's name needs after its stem, at most: `-<stamp>-<label>-<n>.db` (the longest
 * label `before-migration-v` and three digits; a count for two in one millisecond) and its half-made
 * copy's `.<process id>.partial-journal` (copyPath names it by the id alone where the mark does not fit).
 */
const AFTER_STEM = '-2026-11-26T06-20-01-123Z-before-migration-v100-9999.db.4294967295.partial-journal'
  .length;

/**
 * The longest whole path of a database with room for every backup of it: its backups folder
 * (`<path>-backups/`), the shortest stem backupStem cuts to (cutMark, 9) and the longest name after it.
 */
export const BACKUPS_FIT = SQLITE_PATH_MAX - '-backups/'.length - 9 - AFTER_STEM;

/**
 * What a backup's (and a damaged copy's) name starts with: the database's file name without `.db`,
 * as every version named them, where the longest backup name still fits the disk (NAME_MAX) and its
 * whole path SQLite's (SQLITE_PATH_MAX); otherwise its fitName cut, so a database of a long name, or
 * deep in folders, still has backups (a file name over ~177 bytes had no backup of the longer
 * labels: the before-import backup failed, and the import with it).
 */
export function backupStem(dbPath: string): string {
  const folder = Buffer.byteLength(resolve(backupsDir(dbPath))) + 1;
  return fitName(basename(dbPath, '.db'), Math.min(NAME_MAX, SQLITE_PATH_MAX - folder) - AFTER_STEM);
}

/**
 * The stem a file in the backups folder is named by, if it is one of this database's: the whole
 * name without `.db` (as every version named them where it fitted), or a fitName cut of it to any
 * length (backupStem's in this folder, or where the folder was before it moved).
 */
function stemOf(dbPath: string, fileName: string): string | null {
  const whole = basename(dbPath, '.db');
  return fileName.startsWith(whole + '-') ? whole : cutOf(whole, fileName, '-');
}

/**
 * A consistent copy made by SQLite inside one read transaction (never a file copy of a live
 * WAL database), switched to a rollback journal so the copy is one self-contained file,
 * then rotated. Returns the backup's path.
 */
export async function backupDatabase(
  db: Db,
  dbPath: string,
  label: string,
  keep: number = backupKeep(db),
): Promise<string> {
  return makeBackup(db, dbPath, label, keep, backupRefused);
}

/** backupDatabase, with `refused` saying why a copy could not be written (the daily backup words its own). */
function makeBackup(
  db: Db,
  dbPath: string,
  label: string,
  keep: number,
  refused: (e: unknown, dir: string) => unknown,
): string {
  const dir = backupsDir(dbPath);
  const { dest, tmp } = backupNames(dbPath, label);
  // Before the folder is made: a backups folder deep enough to leave no room for the copy is
  // said as that (and what to do), not as a folder that cannot be written (SQLite's "unable to open").
  const tooLong = backupTooLong(dbPath, tmp);
  if (tooLong) throw refused(tooLong, dir);
  try {
    makeOwnPrivateDir(dir, 'The backups folder');
  } catch (e) {
    throw refused(e, dir);
  }
  try {
    // A snapshot taken inside one read transaction (VACUUM INTO): consistent, never a file copy
    // of a live WAL database, and unlike the page-stepping backup API it cannot be restarted
    // forever by other programs writing while it runs (two CLI imports did exactly that).
    // Into an empty private file (VACUUM INTO fills an empty file), so no copy is ever readable by others.
    createFreshPrivateFile(tmp);
    db.prepare('VACUUM INTO ?').run(tmp);
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    // Only a complete copy ever carries a backup's name: a crash mid-backup leaves a .partial
    // (removed by the next backup or purge: removeAbandonedCopies).
    commitPrivateFile(tmp, dest);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Never made (the folder cannot be written to): nothing to remove.
    }
    throw refused(e, dir);
  }
  backupMade(db);
  rotateBackups(dbPath, keep);
  removeAbandonedCopies(dbPath);
  return dest;
}

/** The name a backup labelled `label` would be made under now, and its half-made copy's. */
function backupNames(dbPath: string, label: string): { dest: string; tmp: string } {
  const dir = backupsDir(dbPath);
  let dest = join(dir, `${backupStem(dbPath)}-${stampOf(clockNow())}-${label}.db`);
  // Two backups in the same millisecond (tests, scripts) must not overwrite each other.
  for (let n = 2; existsSync(dest); n++) dest = dest.replace(/(-\d+)?\.db$/, `-${n}.db`);
  // Named by this process's mark, so a copy a crash left behind is known from one being written (below).
  return { dest, tmp: copyPath(dir, `${basename(dest)}.`, '.partial', process.platform) };
}

/**
 * The refusal of a backup whose half-made copy `tmp` (with its journal, the longest path SQLite
 * opens for it) would be past SQLITE_PATH_MAX (Linux, macOS), or null: judged by the very names
 * the backup would take, so every backup that was made before is made still.
 */
function backupTooLong(dbPath: string, tmp: string): ApiError | null {
  if (process.platform === 'win32') return null;
  const bytes = Buffer.byteLength(resolve(`${tmp}-journal`));
  return bytes > SQLITE_PATH_MAX ? copyPathTooLong(dbPath, 'backup', bytes, BACKUPS_FIT) : null;
}

/**
 * The refusal a backup labelled `label` of the database at `dbPath` would meet now for its path's
 * length, or null: for a restore, which keeps the file it replaces as such a backup, to refuse
 * before it changes anything.
 */
export const backupRoomRefusal = (dbPath: string, label: string): ApiError | null =>
  backupTooLong(dbPath, backupNames(dbPath, label).tmp);

/**
 * Why a backup could not be written, in the user's words, naming the folder: every caller (an
 * import, a schema update, a restore keeping the file it replaces, Back up now) stops before
 * changing anything, and says so, rather than "Something went wrong: EACCES …".
 */
function backupRefused(e: unknown, dir: string): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(
    'io_error',
    `No backup could be made in ${dir} (${fileFault(e)}), so nothing was changed. Make the folder writable, or free some space, and try again.`,
  );
}

/**
 * This process's mark, as the copies it makes name it (processes.ts markText): read once, as nothing
 * in it changes while the process runs but its up-time, which need only be one of this run.
 */
let ownCopyMark: string | null = null;
const copyMark = (): string => (ownCopyMark ??= markText(ownMark()));

/**
 * The longest whole path Windows opens where long paths are not turned on (MAX_PATH, 260 UTF-16
 * units with the closing NUL), as SQLite's Windows files are opened.
 */
const WIN32_PATH_MAX = 259;

/**
 * Whether a half-made copy at `path` (its whole path, from the root) may carry this process's whole mark on
 * `platform` (process.platform; any, for tests): the copy's SQLite journal (`<path>-journal`, the
 * longest file made from it) has a name within NAME_MAX bytes and a whole path within WIN32_PATH_MAX
 * units on Windows, SQLITE_PATH_MAX bytes elsewhere. Where it does not, the copy is named by the id alone (copyPath), as
 * before the mark, so a database folder near Windows' limit has no backup refused for the mark.
 */
export function markFits(platform: NodeJS.Platform, path: string): boolean {
  const journal = `${path}-journal`;
  const name = (platform === 'win32' ? win32 : posix).basename(journal);
  if (Buffer.byteLength(name) > NAME_MAX) return false;
  if (platform !== 'win32') return Buffer.byteLength(journal) <= SQLITE_PATH_MAX;
  return journal.length <= WIN32_PATH_MAX;
}

/**
 * A half-made copy's path in `dir`, named `<head><mark><tail>` by this process's whole mark; by its
 * id alone (as before, judged as before) where the mark does not fit (markFits).
 */
function copyPath(dir: string, head: string, tail: string, platform: NodeJS.Platform): string {
  const marked = join(dir, `${head}${copyMark()}${tail}`);
  return markFits(platform, resolve(marked)) ? marked : join(dir, `${head}${process.pid}${tail}`);
}

/** Where a restore makes its copy of a backup: beside the database, so the swap is one rename. */
export const restoreCopyOf = (dbPath: string): string =>
  copyPath(dirname(dbPath), restoreCopyHeads(dbPath)[0]!, '.tmp', process.platform);

/** The room a restore's copy needs besides the database's name: `.<name>.restore-<process id>.tmp-journal`. */
const RESTORE_ROOM = '..restore-4294967295.tmp-journal'.length;

/**
 * What a restore's copy's name starts with: `.<file name>.restore-`, the name cut (fitName) where the
 * copy's journal would not fit the disk (a file name over 222 bytes); then the whole name's, which
 * earlier versions used (a crash may have left one where it fitted).
 */
export const restoreCopyHeads = (dbPath: string): string[] => [
  ...new Set([
    `.${fitName(basename(dbPath), NAME_MAX - RESTORE_ROOM)}.restore-`,
    `.${basename(dbPath)}.restore-`,
  ]),
];

/**
 * Deletes the copies of the database that a crash, a kill or a power cut left half-made: a
 * backup's `.partial` in the backups folder (with the journal its switch out of WAL makes), and a
 * restore's `.<db>.restore-<mark>.tmp` (with its journal) beside the database (each deletes its
 * own when it fails otherwise). They hold the database as it was, personal details included, under
 * names no list, rotation or purge reads. Each names the process writing it by its mark
 * (copyPath), and is left alone while that process runs, judged as every such mark is
 * (processes.ts heldBy): one whose id has gone to another program since (another run of the
 * machine; on Linux, another start) is deleted, not kept until that program ends. A copy named by
 * the id alone (earlier versions, or a database name too long for the mark) is judged by it as
 * before; a `.partial` with neither was left by a version before those.
 */
export function removeAbandonedCopies(dbPath: string): void {
  const abandoned = (m: RegExpExecArray | null) => {
    if (!m) return false;
    if (m[1] === undefined) return true;
    const mark: ProcessMark | null = /^\d+$/.test(m[1]) ? { pid: Number(m[1]) } : readMark(m[1]);
    return mark !== null && heldBy(mark) === null;
  };
  const dir = backupsFolder(dbPath);
  if (dir) {
    for (const f of readdirSync(dir)) {
      if (
        stemOf(dbPath, f) !== null &&
        abandoned(/\.db(?:\.(\d[\w.-]*))?\.partial(?:-journal|-wal|-shm)?$/.exec(f))
      )
        rmSync(join(dir, f), { force: true });
    }
  }
  for (const f of readdirSync(dirname(dbPath))) {
    const head = restoreCopyHeads(dbPath).find((h) => f.startsWith(h));
    if (
      head !== undefined &&
      abandoned(/^(\d[\w.-]*?)\.tmp(?:-journal|-wal|-shm)?$/.exec(f.slice(head.length)))
    )
      rmSync(join(dirname(dbPath), f), { force: true });
  }
}

/**
 * The backups folder, for reading what is in it; null where there is no folder at its name (nothing,
 * or a file in the way, which a backup names when it is refused): no list, restore or purge fails on it.
 * A link at its name is never followed, as a backup is never written through it (makeOwnPrivateDir):
 * the files behind it are none of the app's, so none is listed, offered for a restore, taken as
 * today's daily backup, opened by a purge or deleted as a leftover. A purge says so (backupsFolderLink).
 */
function backupsFolder(dbPath: string): string | null {
  const dir = backupsDir(dbPath);
  if (backupsFolderLink(dbPath)) return null;
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? dir : null;
}

/** The backups folder's name where a link stands at it (so backupsFolder reads nothing there), or null. */
export function backupsFolderLink(dbPath: string): string | null {
  const dir = backupsDir(dbPath);
  return isLinkAt(dir) ? dir : null;
}

/** Why no backup is listed, where a link stands at the backups folder's name (backupsFolder reads nothing there), or null. */
export function backupsNotListedOf(dbPath: string): string | null {
  const link = backupsFolderLink(dbPath);
  return link && backupsNotListed(link);
}

/** Home's words where a link stands at the backups folder's name (backupsLinked), or null. */
export function backupsLinkedOf(dbPath: string): string | null {
  const link = backupsFolderLink(dbPath);
  return link && backupsLinked(link);
}

/** The number of backups to keep, from the settings table (`backup.keep`), or the default. */
export function backupKeep(db: Db): number {
  try {
    const value = db.prepare("SELECT value FROM settings WHERE key = 'backup.keep'").pluck().get() as
      string | undefined;
    const n = Number(value);
    return value !== undefined && Number.isInteger(n) && n >= 1 ? n : DEFAULT_BACKUP_KEEP;
  } catch {
    return DEFAULT_BACKUP_KEEP;
  }
}

/** Every backup of this database, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupsFolder(dbPath);
  if (!dir) return [];
  const out: BackupInfo[] = [];
  for (const fileName of readdirSync(dir)) {
    const stem = stemOf(dbPath, fileName);
    if (stem === null) continue;
    const m = STAMP.exec(fileName.slice(stem.length));
    if (!m) continue;
    const path = join(dir, fileName);
    // Gone since the folder was read: another process's rotation deleted it (two imports at once
    // each back up first). Listing it, or failing the backup being made, would be wrong.
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    out.push({
      path,
      fileName,
      label: m[6]!.replace(/-\d+$/, ''),
      createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`,
      bytes: stat.size,
    });
  }
  // By when, then by name (a count after two in one millisecond): names alone would put those of a
  // cut stem (backupStem) before or after all those of the whole name, whatever their dates.
  const key = (b: BackupInfo) => `${b.createdAt} ${b.fileName}`;
  return out.sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

/**
 * The copies of a damaged database a restore kept aside (`<db name>-<stamp>.damaged`, with any
 * `-wal` or `-journal` of its own beside it): not backups (no list, rotation or restore offers
 * them), but they hold the database as it was, personal details included, so every erasure
 * must reach them too.
 */
export function damagedCopies(dbPath: string): string[] {
  const dir = backupsFolder(dbPath);
  if (!dir) return [];
  return readdirSync(dir)
    .filter((f) => stemOf(dbPath, f) !== null && f.endsWith('.damaged'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Deletes the oldest backups beyond `keep`, except the newest of each kind (so a run of
 * imports never rotates away the last daily or pre-update copy). Never touches anything
 * but finished backups.
 */
export function rotateBackups(dbPath: string, keep: number): string[] {
  const all = listBackups(dbPath);
  const newestOfKind = new Set<string>();
  const kinds = new Set<string>();
  for (const b of all) {
    if (!kinds.has(b.label)) newestOfKind.add(b.path);
    kinds.add(b.label);
  }
  const removed: string[] = [];
  all.forEach((b, i) => {
    if (i < Math.max(1, keep) || newestOfKind.has(b.path)) return;
    rmSync(b.path, { force: true });
    removed.push(b.path);
  });
  return removed;
}

/**
 * Called by the import engine before it writes a batch. Sample databases are backed up
 * too: the cost is small and the rule stays simple.
 */
export async function backupBeforeImport(ctx: { store: { db: Db; path: string } }): Promise<string> {
  return backupDatabase(ctx.store.db, ctx.store.path, 'before-import');
}

/**
 * One 'daily' backup per calendar day where the user is (the clock's today; in the UK, the day
 * the backups list shows it on), made when a database with data is opened. It never stops the
 * file opening: where it cannot be made, why is held for this open database (backupProblemOf),
 * for Home, Settings and the CLI to say, and null returned.
 */
export async function dailyBackup(db: Db, dbPath: string, now: Date = clockNow()): Promise<string | null> {
  try {
    const day = dayOf(now);
    const made = (b: BackupInfo) => b.label === 'daily' && dayOf(new Date(b.createdAt)) === day;
    if (listBackups(dbPath).some(made)) return null;
    const households = db.prepare('SELECT COUNT(*) FROM households').pluck().get() as number;
    if (households === 0) return null;
    return makeBackup(db, dbPath, 'daily', backupKeep(db), (e) => e);
  } catch (e) {
    dailyBackupFailed(db, backupsDir(dbPath), e, linkKnownAt(dbPath));
    return null;
  }
}

/**
 * Whether a link is known to stand at the backups folder's name, for a failed backup's words. The
 * look (an lstat) can fail as the backup did (a name too long for the disk, a folder that cannot be
 * read): then no link is known of, and the backup's own failure is still the one held and said.
 */
function linkKnownAt(dbPath: string): boolean {
  try {
    return backupsFolderLink(dbPath) !== null;
  } catch {
    return false;
  }
}
