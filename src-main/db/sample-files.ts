import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { ApiError } from '../domain/errors.ts';
import { backupsDir } from './paths.ts';
import { FILE_MODE, isLinkAt, makePrivateDir } from './private-files.ts';
import { heldBy, isRunning, ownMark, type ProcessMark } from './processes.ts';

/**
 * Beside the sample file while a process tries it: that process's mark (processes.ts: its id, when
 * and in which run of the machine it wrote it, and when it started). The sample file is one per user (paths.ts),
 * shared by the app and any browser mode started beside it, and each deletes a sample file left by
 * a crash as it starts: a live process's file is not one (on Linux and macOS it could be deleted
 * under that process, which went on writing into a file with no name). A marker was left by a crash
 * when its process has gone, which heldBy judges: also when its id has since gone to another
 * program (ids are reused), by the machine's boot clock, never the wall clock (judging by the
 * system's clock against the marker file's time broke under a moved clock: a run under faketime
 * deleted a live try's file). A marker in the first format (the id alone) is still read.
 */
const IN_USE = '.in-use';

/** This process's marker. */
const markText = (): string => JSON.stringify(ownMark());

function readMark(text: string): ProcessMark | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { pid: Number(t) }; // the first format: the id alone
  try {
    const { pid, boot, uptime, start } = (JSON.parse(t) ?? {}) as Record<string, unknown>;
    if (!Number.isInteger(pid) || (pid as number) <= 0 || typeof uptime !== 'number') return null;
    const started = typeof start === 'number' ? start : null; // none from the version before
    return { pid: pid as number, boot: typeof boot === 'string' ? boot : null, uptime, start: started };
  } catch {
    return null;
  }
}

/** The id of the running process whose try a marker is, or null (this process's, or a crash's). */
const holderOf = (mark: ProcessMark): number | null => (mark.pid === process.pid ? null : heldBy(mark));

/** The id of another running process trying the sample file, or null. */
export function sampleHeldBy(samplePath: string): number | null {
  let text: string;
  try {
    text = readFileSync(samplePath + IN_USE, 'utf8');
  } catch {
    return null;
  }
  const mark = readMark(text);
  return mark ? holderOf(mark) : null;
}

const heldWords = (pid: number | null) =>
  `Sample data is being tried in another Fostering Funnel (the app or browser mode${pid === null ? '' : `, process ${pid}`}) on this computer, and both use the same sample file: go back to your data there first, then try again here.`;

/**
 * Marks the sample file as this process's for its try, once removeSampleFiles has cleared it. The
 * marker is written whole under a name of its own, then given its name in one step (a hard link,
 * which fails if a marker is there: that decides which of two processes starting a try at once
 * holds the file; the other is refused, in words). Created exclusively and written after, another
 * process could read it between the two as holding no id, and clear it with the files under this
 * one. A disk without hard links is marked that way still.
 */
export function claimSample(samplePath: string): void {
  const marker = samplePath + IN_USE;
  const temp = `${marker}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const refused = () => new ApiError('in_use', heldWords(sampleHeldBy(samplePath)));
  makePrivateDir(dirname(samplePath)); // the user-data folder, where --db names a file elsewhere
  try {
    writeFileSync(temp, markText(), { flag: 'wx', mode: FILE_MODE });
    try {
      linkSync(temp, marker);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw refused();
      markWithoutLink(marker, refused);
    }
  } finally {
    rmSync(temp, { force: true });
  }
}

function markWithoutLink(marker: string, refused: () => ApiError): void {
  let fd: number;
  try {
    fd = openSync(marker, 'wx', FILE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw refused();
    throw e;
  }
  try {
    writeSync(fd, markText());
  } finally {
    closeSync(fd);
  }
}

/**
 * Called as the sample file is closed (db/store.ts): SQLite deletes its -wal then, which holds what
 * was imported or typed, without overwriting it. A second name for it, hidden beside the file as
 * the app's own temporary files are, keeps its bytes for removeSampleFiles to overwrite and delete.
 * Best effort (a disk without hard links): the -wal is then deleted by SQLite alone.
 */
export function keepSampleWal(samplePath: string): void {
  const wal = samplePath + '-wal';
  try {
    if (!lstatSync(wal, { throwIfNoEntry: false })?.isFile()) return;
    const keep = join(
      dirname(samplePath),
      `.${basename(samplePath)}.wal-${randomBytes(6).toString('hex')}.tmp`,
    );
    linkSync(wal, keep);
  } catch {
    // No second name: nothing more can be done before SQLite deletes it.
  }
}

/** Refuses, in words, a try while another running process is trying the sample file. */
export function refuseIfSampleHeld(samplePath: string): void {
  const pid = sampleHeldBy(samplePath);
  if (pid !== null) throw new ApiError('in_use', heldWords(pid));
}

/**
 * "Try with sample data" is throwaway: whatever was imported or typed into the sample database
 * (a council export tried on the Import screen, real people's details) must not outlive the try,
 * as no purge or subject access of the real database reaches that file. This removes the sample
 * file and everything SQLite or the app put beside it: its -wal, -shm and -journal, its backups
 * folder (backups and damaged copies kept aside), its purge ledger, and the temporary copies a
 * crash left (a restore's, the ledger's).
 *
 * Called once the sample file is closed: going back to your own data, before a new try, when the
 * app or browser mode stops normally in sample mode (api/context.ts closeContext), and when either starts
 * (always on the real file, so one left is from a crash, a kill or the machine stopping). A symbolic link
 * (or junction) at any of these names is removed itself, never followed: what is behind it is not
 * the app's. Never overwrites or deletes the real database or its files, by whatever name: sameness
 * is the file's own (identityOf), not its name's, so a sample path that is the real one by any name
 * (a link, a folder reached through one, letter case) is left alone, all of it.
 * Each file is overwritten with zeros before it is deleted (overwriteFile): what was imported or
 * typed into the sample is real people's details, and deleting only drops a file's name.
 *
 * Best effort: a file that cannot be removed (Windows: another program has it open) is left, and
 * the next try, return or start removes it. Returns the paths that were left. A sample file another
 * running process is trying (IN_USE) is not touched at all: it is returned as left.
 */
export function removeSampleFiles(samplePath: string, realPath: string): string[] {
  // The same file by any name (a link, a folder reached through a link, letter case, a hard link):
  // nothing is touched, not even the -wal or marker, which are then the real database's own.
  if (sameFile(samplePath, realPath)) return [];
  if (sampleHeldBy(samplePath) !== null) return [samplePath];
  const keep = realFiles(realPath);
  const left: string[] = [];
  const remove = (path: string, folder = false) => {
    try {
      const st = lstatSync(path, { throwIfNoEntry: false });
      // Nothing there, or one of the real database's files by another name: not the sample's.
      if (!st || keep.has(identityOf(path, false)!)) return;
      // A link (even to a folder) is unlinked; only a real folder is emptied and removed.
      if (folder && st.isDirectory() && !isLinkAt(path)) {
        overwriteFolder(path, keep);
        rmSync(path, { recursive: true, force: true });
      } else {
        if (st.isFile()) overwriteFile(path, keep);
        unlinkSync(path);
      }
    } catch {
      left.push(path);
    }
  };
  for (const suffix of ['', '-wal', '-shm', '-journal', '.purge-ledger.json']) remove(samplePath + suffix);
  remove(backupsDir(samplePath), true);
  // Temporary files beside it, named after it by the app: a restore's `.<name>.restore-<pid>.tmp`
  // (and its journal), the purge ledger's `.<name>.purge-ledger.json.<random>.tmp`, the -wal's
  // second name `.<name>.wal-<random>.tmp` (keepSampleWal).
  for (const path of hiddenBeside(samplePath)) remove(path);
  // A claim's marker, written whole before it is given its name (claimSample), left by a process
  // that stopped in between: `<name>.in-use.<pid>-<random>.tmp`. A running try's is left alone, as
  // its marker would be; one not yet written (empty) or in no format known, while its id runs.
  for (const path of beside(samplePath, basename(samplePath) + IN_USE + '.')) {
    const pid = Number(/\.(\d+)-[0-9a-f]+\.tmp$/.exec(path)?.[1]);
    if (!(pid > 0) || pid === process.pid) continue;
    const mark = readMark(readQuietly(path));
    if ((mark?.pid === pid ? holderOf(mark) : isRunning(pid) ? pid : null) === null) remove(path);
  }
  // Last: while it is there, no other process starts a try on what is being removed.
  remove(samplePath + IN_USE);
  return left;
}

/**
 * What a name is on the disk, as text: its device and file number (`follow`: through a link to
 * what it names; otherwise a link is itself), or null when nothing is there. Names are not
 * compared: a link, a folder reached through one, letter case (Windows, macOS), `..` or a hard
 * link give one file many. A disk with no file numbers gives its full name with links followed,
 * letter case aside.
 */
function identityOf(path: string, follow: boolean): string | null {
  try {
    const st = (follow ? statSync : lstatSync)(path, { bigint: true, throwIfNoEntry: false });
    if (!st) return null;
    if (st.ino !== 0n) return `${st.dev}:${st.ino}`;
    return 'name:' + realpathSync.native(path).toLowerCase();
  } catch {
    return null;
  }
}

/** Whether two names are one file (links followed); names of no file are the same when they read the same. */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const id = identityOf(a, true);
  return id !== null && id === identityOf(b, true);
}

function readQuietly(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** The `.<name>.`-prefixed files beside a database: the app's temporary files named after it. */
const hiddenBeside = (dbPath: string): string[] => beside(dbPath, `.${basename(dbPath)}.`);

/** The files in a database's folder whose names start with `prefix`. */
function beside(dbPath: string, prefix: string): string[] {
  try {
    return readdirSync(dirname(dbPath))
      .filter((f) => f.startsWith(prefix))
      .map((f) => join(dirname(dbPath), f));
  } catch {
    return []; // no folder (never tried): nothing beside it
  }
}

/**
 * The real database's files, as identityOf gives them (each name both as itself and through a
 * link): the file, its companions, backups folder and temporary files. None is overwritten or
 * deleted as the sample's, whatever name reaches it.
 */
function realFiles(realPath: string): Set<string> {
  const names = ['', '-wal', '-shm', '-journal', '.purge-ledger.json'].map((s) => realPath + s);
  names.push(backupsDir(realPath), ...hiddenBeside(realPath));
  const ids = new Set<string>();
  for (const name of names)
    for (const follow of [true, false]) {
      const id = identityOf(name, follow);
      if (id !== null) ids.add(id);
    }
  return ids;
}

const ZEROS = Buffer.alloc(1 << 20);

/**
 * Writes zeros over the whole of a file and syncs them to the disk, so its bytes are not left in
 * the disk's free space once it is deleted. Never through a link (O_NOFOLLOW; the caller has seen a
 * file there). Best effort: a file that cannot be opened for writing (Windows: another program has
 * it open) is left to the delete, which then fails for the same reason and is reported. A disk
 * that moves what is rewritten (an SSD's wear levelling, a copy-on-write file system such as APFS
 * or Btrfs) may keep the old bytes anyway: only encrypting the disk covers those.
 */
function overwriteFile(path: string, keep: ReadonlySet<string>): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return;
  }
  try {
    // Checked on the file opened, as it is the one written: a real database's file is never.
    const st = fstatSync(fd, { bigint: true });
    if (keep.has(`${st.dev}:${st.ino}`)) return;
    const size = Number(st.size);
    for (let at = 0; at < size; at += ZEROS.length)
      writeSync(fd, ZEROS, 0, Math.min(ZEROS.length, size - at), at);
    fsyncSync(fd);
  } catch {
    // Half overwritten is still deleted.
  } finally {
    closeSync(fd);
  }
}

/** Every file in a folder the app made (the backups folder), and in its folders; links are not followed. */
function overwriteFolder(dir: string, keep: ReadonlySet<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.isFile()) overwriteFile(join(dir, e.name), keep);
    else if (e.isDirectory()) overwriteFolder(join(dir, e.name), keep);
  }
}
