import type { BackupProblem } from '../domain/data-protection.ts';
import type { Status } from './system.ts';

/**
 * The failed daily backup Home and the CLI's status say beside what they say of a link at the
 * backups folder's name (Status.backupsLinked), or null. One refused for that link, while it
 * stands, is said once, by the link's words (what it means and what to do), not again as a failed
 * backup saying the same less fully. The status still carries it (for a script, `status --json`).
 * Settings and the CLI's backups ask the same of their list, whose words for the link
 * (BackupList.backupsNotListed) stand as the status' do, while the link does.
 */
export const backupProblemToSay = (
  s: Pick<Status, 'backupProblem' | 'backupsLinked'>,
): BackupProblem | null =>
  s.backupProblem && !(s.backupProblem.linked && s.backupsLinked) ? s.backupProblem : null;
