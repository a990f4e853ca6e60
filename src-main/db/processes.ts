import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, uptime } from 'node:os';
import { join } from 'node:path';

/** Whether a process with this id is running (EPERM: it is, as another user's). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/*
 * Which run of the machine this is, and when a process started in it: what tells a process from
 * one given its id later (heldBy). Read from the machine's boot clock, never the wall clock, which
 * the user, the network or faketime (CI's run at another date) move.
 */

/** What names this run of the machine (Linux: its boot id, new at every start); null elsewhere. */
export function bootId(): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * Seconds since the machine started, never less later in the same run. libuv reads it from
 * /proc/uptime on Linux (the boot clock: faketime leaves it alone), from the system's up-time
 * counter on Windows (which Windows' fast start-up keeps counting through a shut-down), and on
 * macOS as the system clock less kern.boottime, which the system moves when its clock is set: each
 * in whole seconds there, so a reading may fall a second behind an earlier one (UPTIME_SLACK).
 */
export const machineUptime = (): number => uptime();

/**
 * How far an uptime read later in the same run may fall behind one read before: macOS gives it as
 * whole seconds of the system clock less whole seconds of kern.boottime, both moved when the clock
 * is set, so one may round down as the other rounds up. Less than this behind is not a restart.
 */
const UPTIME_SLACK = 1;

/** What /proc's start times count in: Linux's USER_HZ, 100 on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * When a process started, in seconds since the machine started (machineUptime's clock), or null
 * where it cannot be read: Linux only (/proc/<pid>/stat, field 22). Windows and macOS give a
 * process's start only by the wall clock, so there a caller knows no more than isRunning.
 */
export function processStartedAt(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the program's name in brackets, may hold spaces and brackets: count on from its last ')'.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3]);
    return Number.isInteger(ticks) ? ticks / TICKS_PER_SECOND : null;
  } catch {
    return null; // gone, or hidden (/proc mounted with hidepid)
  }
}

/**
 * What a process records of itself where it leaves something a crash would leave behind (sample
 * mode's marker, db/sample-files.ts; a temp folder's name, makeTempFolder): its id, in which run
 * of the machine and when in it, and when it started (processStartedAt: Linux; null elsewhere).
 * `boot` and `uptime` are missing from what earlier versions recorded, the id alone; `start` from
 * what the version before this one recorded.
 */
export interface ProcessMark {
  pid: number;
  boot?: string | null;
  uptime?: number;
  start?: number | null;
}

/** This process's mark. */
export const ownMark = (): ProcessMark => ({
  pid: process.pid,
  boot: bootId(),
  uptime: machineUptime(),
  start: processStartedAt(process.pid),
});

/**
 * The id of the running process that made a mark, or null when that process has gone (killed,
 * crashed, the machine stopped). Gone when no process has its id, and also when its id has since
 * gone to another program (ids are reused: soon on Windows, from the start after a restart): the
 * mark is from another run of the machine (another boot id; where there is none, the machine has
 * been up less long than it had then), or the process with its id did not start when its maker did
 * (Linux: its start as the mark recorded it, read from the same place). A process's start is never
 * compared with the machine's uptime: in a container /proc/uptime may count from the container's
 * start (lxcfs: LXD, Incus, Proxmox) while /proc/<pid>/stat counts from the machine's, and lxcfs
 * has set its uptime back; read so, a live try's marker or a live process's folder was a crash's.
 * Where a process's start cannot be read (Windows, macOS), or the mark has none (the versions
 * before), an id reused in the same run holds until that program ends, as does a mark of the id
 * alone. The one judgement of this: keep it here.
 */
export function heldBy(mark: ProcessMark): number | null {
  if (mark.uptime !== undefined) {
    const boot = bootId();
    if (mark.boot && boot) {
      if (mark.boot !== boot) return null; // another run of the machine
      // A restart, where there is no boot id (macOS, Windows; a mark made without one).
    } else if (machineUptime() + UPTIME_SLACK < mark.uptime) return null;
    const started = typeof mark.start === 'number' ? processStartedAt(mark.pid) : null;
    if (started !== null && started !== mark.start) return null; // its id went to another program
  }
  return isRunning(mark.pid) ? mark.pid : null;
}

/*
 * A mark as a name records it, `<pid>-u<uptime>[-s<start>][-b<boot id>]`: a temp folder's
 * (`<prefix><mark>-<random>`, makeTempFolder) and a half-made copy of the database's (a backup's
 * `.partial`, a restore's `.restore-…tmp`: db/backup.ts), each in the one step that makes it, so no
 * crash leaves one without it. Earlier versions named folders the same without `-s<start>`, before
 * them `<prefix><pid>-<random>` (and before them `<prefix><random>`); copies, the id alone.
 */
const MARK = String.raw`(\d+)-u(\d+(?:\.\d+)?)(?:-s(\d+(?:\.\d+)?))?(?:-b([0-9a-f-]+))?`;
const MARKED_NAME = new RegExp(`^${MARK}-[A-Za-z0-9]+$`);
const PID_NAME = /^(\d+)-/;

/** A mark as names record it (its boot id where it is one a name can hold). */
export function markText({ pid, boot, uptime, start }: ProcessMark): string {
  const startPart = typeof start === 'number' ? `-s${start}` : '';
  const bootPart = boot && /^[0-9a-f-]+$/.test(boot) ? `-b${boot}` : '';
  return `${pid}-u${uptime}${startPart}${bootPart}`;
}

/** The mark a name's `text` records (markText's form), or null for text in no such form. */
export function readMark(text: string): ProcessMark | null {
  const marked = new RegExp(`^${MARK}$`).exec(text);
  return marked && markOf(marked);
}

const markOf = ([, pid, uptime, start, boot]: RegExpExecArray): ProcessMark => ({
  pid: Number(pid),
  uptime: Number(uptime),
  start: start ? Number(start) : null,
  boot: boot ?? null,
});

/** Makes this process's private folder (0700) in the temp folder, named by `prefix` and its mark. */
export function makeTempFolder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}${markText(ownMark())}-`));
}

/** The mark a temp folder's name (after its prefix) records, or null for one naming no process. */
function tempFolderMark(rest: string): ProcessMark | null {
  const marked = MARKED_NAME.exec(rest);
  if (marked) return markOf(marked);
  const named = PID_NAME.exec(rest);
  return named ? { pid: Number(named[1]) } : null;
}

/**
 * Deletes this user's folders in the temp folder made by makeTempFolder with `prefix` whose process
 * has gone (heldBy: killed, crashed, the machine stopped, or its id now another program's): each
 * holds copies of personal data (a database being checked, uploaded files) that no purge reaches.
 * A running process's folder stays; so does one named by an earlier version (the id alone) whose
 * id is now another program's, until that one ends. `unnamed`: a folder with the prefix but no
 * process id (made by an earlier version still) is deleted too.
 */
export function sweepOrphanedTempFolders(prefix: string, options: { unnamed?: boolean } = {}): void {
  const tmp = tmpdir();
  let names: string[];
  try {
    names = readdirSync(tmp);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const mark = tempFolderMark(name.slice(prefix.length));
    if (mark ? heldBy(mark) !== null : !options.unnamed) continue;
    const path = join(tmp, name);
    try {
      if (process.getuid && statSync(path).uid !== process.getuid()) continue;
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already (another process swept it), or not ours to delete.
    }
  }
}
