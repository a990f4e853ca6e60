import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { dataContract, BackupInfo } from '../contract/data.ts';
import { ApiError } from '../contract/errors.ts';
import { backupDatabase, backupKeep, backupsNotListedOf, listBackups } from '../db/backup.ts';
import { getDataSettings, saveDataSettings } from '../db/data-settings.ts';
import { backupProblemOf } from '../db/backup-problem.ts';
import { backupsDir } from '../db/paths.ts';
import { eraseOnRequest, listPurgeDue, purgeHouseholds } from '../db/purge.ts';
import { checkDatabaseFile, refuseLongPaths, restoreDatabaseFile } from '../db/restore.ts';
import { exportHousehold } from '../db/subject-access.ts';
import type { AppContext } from './context.ts';
import type { Handlers } from './handler.ts';
import { nowIso } from '../clock.ts';
import { cancelImportsOf } from '../import/jobs.ts';
import { householdIdByReference, referenceGone } from '../db/queries/household-lookups.ts';
import { formatUkDate } from '../domain/dates.ts';

const describeBackup = (dbPath: string, path: string): BackupInfo =>
  listBackups(dbPath).find((b) => b.path === path) ?? {
    path,
    fileName: basename(path),
    label: 'manual',
    createdAt: nowIso(),
    bytes: statSync(path).size,
  };

/**
 * Replaces the open database with a backup: the store's connection is closed first (so the
 * swap is clean), and reopened on the restored file whatever happens.
 */
async function restore(ctx: AppContext, file: string) {
  // A file that is damaged, foreign or not exactly the app's schema is refused while the
  // current database stays open and untouched (restoreDatabaseFile checks it fully again).
  checkDatabaseFile(file, false);
  const path = ctx.store.path;
  // As must a restore whose paths would be too long: refused before an import is cancelled.
  refuseLongPaths(path);
  const sample = ctx.store.isSample;
  // An import's worker holds the file while it reads or waits for its commit (import/jobs.ts).
  await cancelImportsOf(path, 'The database was restored from a backup: preview the file again.');
  ctx.store.close();
  try {
    return await restoreDatabaseFile(path, file);
  } finally {
    await ctx.store.switchTo(path, { sample, dailyBackup: false });
  }
}

export const dataHandlers = {
  'data.listBackups': (ctx) => ({
    dir: backupsDir(ctx.store.path),
    keep: backupKeep(ctx.store.db),
    backups: listBackups(ctx.store.path),
    backupProblem: backupProblemOf(ctx.store.db),
    backupsNotListed: backupsNotListedOf(ctx.store.path),
  }),

  'data.backupNow': async (ctx) => {
    const path = await backupDatabase(ctx.store.db, ctx.store.path, 'manual');
    return describeBackup(ctx.store.path, path);
  },

  'data.restoreBackup': (ctx, { path }) => restore(ctx, path),

  'data.getSettings': (ctx) => getDataSettings(ctx.store.db),

  'data.saveSettings': (ctx, input) => saveDataSettings(ctx.store.db, ctx.user, input),

  'data.listPurgeDue': (ctx) => listPurgeDue(ctx.store.db, ctx.today()),

  'data.purgeHouseholds': (ctx, { ids }) =>
    purgeHouseholds(ctx.store.db, ctx.store.path, ctx.user, ctx.today(), ids),

  'data.eraseOnRequest': (ctx, { id, reference }) =>
    eraseOnRequest(
      ctx.store.db,
      ctx.store.path,
      ctx.user,
      ctx.today(),
      id ?? householdNamed(ctx, reference!, (into) => `erase ${into}, which holds what came with it`),
    ),

  'data.exportHousehold': (ctx, { id, reference, format }) =>
    exportHousehold(
      ctx.store.db,
      id ??
        householdNamed(
          ctx,
          reference!,
          (into) => `what was held under ${reference} is in ${into}'s subject access export`,
        ),
      format,
      ctx.today(),
    ),
} satisfies Handlers<typeof dataContract>;

/**
 * The household holding `reference` (in any case). Where none does, the refusal says where it went
 * ("no household" would answer a request that nothing is held): merged into another (`merged`
 * says what to do there), or erased by a purge.
 */
function householdNamed(ctx: AppContext, reference: string, merged: (into: string) => string): number {
  const found = householdIdByReference(ctx.store.db, reference, 'nocase');
  if (found !== undefined) return found;
  const gone = referenceGone(ctx.store.db, reference);
  throw new ApiError(
    'not_found',
    gone?.kind === 'merged'
      ? `${reference} was merged into ${gone.into} on ${formatUkDate(gone.on)}: ${merged(gone.into)}.`
      : gone?.kind === 'purged'
        ? `No household holds the reference "${reference}" now: its personal details were erased (purged) on ${formatUkDate(gone.on)}.`
        : `There is no household with the reference "${reference}".`,
    'reference',
  );
}
