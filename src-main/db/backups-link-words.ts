import { formatUkDateTime } from '../domain/dates.ts';

/**
 * What the app says wherever a link standing at the backups folder's name (db/backup.ts
 * backupsFolderLink) kept it from the backups behind it. The link is never followed (whoever put
 * it there chose where copies of the records go, and which files the app would read, erase or
 * delete as its own), so nothing behind it is listed, offered, erased or deleted: each place that
 * would have passed over those backups in silence says so instead, in one set of words, with what
 * to do. They name the folder (the user's own, on their screen), and never go to the fault log.
 */
const linked = (dir: string, start = 'The') =>
  `${start} backups folder ${dir} is a link to another place, which the app never follows`;

/** A purge: backups behind the link were not erased (data.purgeHouseholds' backupsNotReached). */
export const purgeNotReached = (dir: string): string =>
  `${linked(dir)}, so no backup behind it was erased: any there may still hold the purged households' details. Delete them from the folder the link points to, or put that folder itself at ${dir} in place of the link and purge again (fostering-funnel purge --yes reaches them even when no household is due).`;

/**
 * An undone import: the households it removed were not erased in the backups behind the link
 * made since it (imports.undoImport's backupsNotReached). No later purge or undo reaches them (they
 * are in no purge ledger), so the one thing to do is to delete those backups.
 */
export const undoNotReached = (dir: string, importedAt: string): string =>
  `${linked(dir)}, so no backup behind it was erased: any there made since the import (${formatUkDateTime(importedAt)}) may still hold the removed households' details. Delete them from the folder the link points to: no later purge or undo reaches them, and restoring one would bring those details back.`;

/** What the link keeps from the user while it stands, and what to do (the list, Home). */
const unlisted =
  'the backups behind it are not shown or offered for a restore, and no new backup can be made (Back up now and imports are refused)';
const putFolderThere = (dir: string) =>
  `Put that folder itself at ${dir} in place of the link (ask IT if you cannot), then choose Back up now`;

/** The backups list, which is empty (data.listBackups' backupsNotListed, in place of "No backups yet"). */
export const backupsNotListed = (dir: string): string =>
  `No backups are listed: ${linked(dir, 'the')}, so ${unlisted}. ${putFolderThere(dir)}.`;

/**
 * Home, from the moment the link is there (system.getStatus' backupsLinked): before, Home said
 * nothing until a daily backup was refused, which is once a day at most and never while a day's
 * backup stands.
 */
export const backupsLinked = (dir: string): string =>
  `${linked(dir)}, so ${unlisted}. ${putFolderThere(dir)} in Settings (or run fostering-funnel backup).`;

/** The damage advice when a database is found damaged as it is opened, in place of naming the latest good backup. */
export const damagedNoBackupLooked = (dir: string): string =>
  `No backup of it was looked at: ${linked(dir, 'the')}, so the backups behind it were not checked, and a restore (which keeps the damaged file aside in that folder) would be refused. Put that folder itself at ${dir} in place of the link (ask IT if you cannot), then open the file again: the app will then name the latest good backup there and how to restore it.`;
