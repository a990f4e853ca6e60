import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
 * one given its id later (db/sample-files.ts). Read from the machine's boot clock, never the wall
 * clock, which the user, the network or faketime (CI's run at another date) move.
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
 * macOS as the system clock less kern.boottime, which the system moves when its clock is set.
 */
export const machineUptime = (): number => uptime();

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
 * Deletes this user's folders in the temp folder named `<prefix><pid>-…` whose process has gone
 * (killed, crashed, the machine stopped): each holds copies of personal data (a database being
 * checked, uploaded files) that no purge reaches. A running process's folder stays, and so does
 * one whose process id is now another program's, until that one ends. `unnamed`: a folder with
 * the prefix but no process id (made by an earlier version) is deleted too.
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
    const m = /^(\d+)-/.exec(name.slice(prefix.length));
    if (m ? Number(m[1]) === process.pid || isRunning(Number(m[1])) : !options.unnamed) continue;
    const path = join(tmp, name);
    try {
      if (process.getuid && statSync(path).uid !== process.getuid()) continue;
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already (another process swept it), or not ours to delete.
    }
  }
}
