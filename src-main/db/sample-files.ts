import { lstatSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { backupsDir } from './paths.ts';
import { isLinkAt } from './private-files.ts';

/**
 * "Try with sample data" is throwaway: whatever was imported or typed into the sample database
 * (a council export tried on the Import screen, real people's details) must not outlive the try,
 * as no purge or subject access of the real database reaches that file. This removes the sample
 * file and everything SQLite or the app put beside it: its -wal, -shm and -journal, its backups
 * folder (backups and damaged copies kept aside), its purge ledger, and the temporary copies a
 * crash left (a restore's, the ledger's).
 *
 * Called once the sample file is closed: going back to your own data, before a new try, and when
 * the app starts (never in sample mode, so one left is from a crash or a kill). A symbolic link
 * (or junction) at any of these names is removed itself, never followed: what is behind it is not
 * the app's. Never removes the real database: a sample path that is the real one is left alone.
 * Deleting only: the app has no helper that overwrites a file before deleting it.
 *
 * Best effort: a file that cannot be removed (Windows: another program has it open) is left, and
 * the next try, return or start removes it. Returns the paths that were left.
 */
export function removeSampleFiles(samplePath: string, realPath: string): string[] {
  if (resolve(samplePath) === resolve(realPath)) return [];
  const left: string[] = [];
  const remove = (path: string, folder = false) => {
    try {
      const st = lstatSync(path, { throwIfNoEntry: false });
      if (!st) return;
      // A link (even to a folder) is unlinked; only a real folder is emptied and removed.
      if (folder && st.isDirectory() && !isLinkAt(path)) rmSync(path, { recursive: true, force: true });
      else unlinkSync(path);
    } catch {
      left.push(path);
    }
  };
  for (const suffix of ['', '-wal', '-shm', '-journal', '.purge-ledger.json']) remove(samplePath + suffix);
  remove(backupsDir(samplePath), true);
  // Temporary files beside it, named after it by the app: a restore's `.<name>.restore-<pid>.tmp`
  // (and its journal), the purge ledger's `.<name>.purge-ledger.json.<random>.tmp`.
  const hidden = `.${basename(samplePath)}.`;
  const real = resolve(realPath);
  let beside: string[] = [];
  try {
    beside = readdirSync(dirname(samplePath));
  } catch {
    // No folder (never tried): nothing beside it.
  }
  for (const f of beside) {
    const path = join(dirname(samplePath), f);
    if (f.startsWith(hidden) && !resolve(path).startsWith(real)) remove(path);
  }
  return left;
}
