import type { Db } from './handle.ts';
import { nowIso } from '../clock.ts';
import { formatUkDateTime } from '../domain/dates.ts';
import type { BackupProblem } from '../domain/data-protection.ts';
import { ApiError } from '../domain/errors.ts';
import { knownFileFault, logFault } from '../fault-log.ts';

export type { BackupProblem };

/**
 * The daily backup made as a database is opened must never stop it opening (a full disk, a folder
 * that cannot be written), so its failure is held here and told through the contract instead
 * (system.getStatus, data.listBackups: Home, Settings, the CLI). It belongs to one open database:
 * keyed by its connection, so a file opened after it (Settings, the sample) starts clear, and it is
 * gone once any backup of that connection is made (backupMade).
 */
const problems = new WeakMap<Db, BackupProblem>();

/** The open database's backup problem, or null. */
export const backupProblemOf = (db: Db): BackupProblem | null => problems.get(db) ?? null;

/** A backup of this database was made: whatever stopped the daily one is behind it. */
export function backupMade(db: Db): void {
  problems.delete(db);
}

/**
 * Holds why the daily backup failed, in words naming the folder and what to do. The details (the
 * error's code and where it arose, never a path or a record: faultDetails) go to the fault log,
 * whatever the cause, under the reference the words quote, for IT. `linked`: a link stood at the
 * backups folder's name (which refuses every backup).
 */
export function dailyBackupFailed(db: Db, dir: string, e: unknown, linked: boolean): BackupProblem {
  const at = nowIso();
  const { reference, where } = logFault(e, { quiet: true });
  // A refusal the app words itself (a link at the folder's name, another user's folder) says what to do.
  const known = e instanceof ApiError ? null : knownFileFault(e);
  const why =
    e instanceof ApiError
      ? e.message
      : known
        ? `No backup could be made in ${dir}: ${known}. Free some space on the disk, or make the folder writable (ask IT if you cannot).`
        : `No backup could be made in ${dir}, for a reason the app did not expect: give IT the reference below.`;
  const problem: BackupProblem = {
    at,
    reference,
    linked,
    message: `Today's automatic backup was not made when this database was opened (${formatUkDateTime(at)}). ${why} Your records are unchanged and the app works as usual, but there is no backup of today's work yet: once that is put right, choose Back up now in Settings (or run fostering-funnel backup). The details are in ${where}.`,
  };
  problems.set(db, problem);
  return problem;
}
