import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
