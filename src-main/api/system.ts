import type { systemContract, Status, StatusBack } from '../contract/system.ts';
import { ApiError } from '../contract/errors.ts';
import type { AppContext } from './context.ts';
import type { Handlers } from './handler.ts';
import { APP_VERSION } from './version.ts';
import { countByStatus } from '../db/queries/household-lookups.ts';
import { countImportsInForce } from '../db/queries/import-batches.ts';
import { backupProblemOf } from '../db/backup-problem.ts';
import { backupsLinkedOf } from '../db/backup.ts';
import { claimSample, refuseIfSampleHeld, removeSampleFiles, sameFile } from '../db/sample-files.ts';
import { isSideFile } from '../db/database-files.ts';

export function getStatus(ctx: AppContext): Status {
  const db = ctx.store.db;
  const byStatus = { open: 0, closed: 0, approved: 0, ceased: 0 };
  for (const row of countByStatus(db)) byStatus[row.status] = row.n;
  return {
    schemaVersion: ctx.store.schemaVersion,
    households: byStatus.open + byStatus.closed + byStatus.approved + byStatus.ceased,
    byStatus,
    imports: countImportsInForce(db),
    dbPath: ctx.store.path,
    sample: ctx.store.isSample,
    appVersion: APP_VERSION,
    today: ctx.today(),
    backupProblem: backupProblemOf(db),
    backupsLinked: backupsLinkedOf(ctx.store.path),
  };
}

/**
 * Back on the real file from sample data, whose files are then deleted. What could not be (Windows:
 * another program has it open) is said, as it may hold what was imported or typed while trying it;
 * the return itself stands, and the next start or try deletes it (db/sample-files.ts).
 */
function backFromSample(ctx: AppContext, wasSample: boolean): StatusBack {
  const left = wasSample ? removeSampleFiles(ctx.sampleDbPath, ctx.realDbPath) : [];
  return {
    ...getStatus(ctx),
    sampleNotDeleted:
      left.length === 0
        ? null
        : `Some of the sample data could not be deleted (${left.join(', ')}): another program may have it open, or you may not have permission to delete it. It may hold what you imported or typed while trying it: close that program and delete ${left.length === 1 ? 'it' : 'them'}, or the app tries again when it next starts or you next try sample data.`,
  };
}

/** The sample generator, loaded when sample data is asked for: `status` and `init` never need it. */
const sampleGenerator = async () => (await import('../sample/generate.ts')).generateSample;

export const systemHandlers = {
  'system.getStatus': (ctx) => getStatus(ctx),

  'system.openDatabase': async (ctx, { path, create }) => {
    // A new database made at the open one's empty log took its name: closing the open one then
    // deleted it, and the app went on writing to a deleted file.
    if (isSideFile(path, ctx.store.path))
      throw new ApiError(
        'refused',
        `${path} is a file the open database keeps beside it (its log, shared memory, journal or purge ledger): choose another name.`,
        'path',
      );
    const wasSample = ctx.store.isSample;
    await ctx.store.switchTo(path, { check: true, create });
    ctx.realDbPath = path;
    // Leaving sample data for another file is going back to your own data too.
    return backFromSample(ctx, wasSample);
  },

  // The sample database is throwaway (db/sample-files.ts): each try starts from a new file, and
  // going back to your own data deletes it, with whatever was imported into it.
  'system.useSampleData': async (ctx, { households, seed }) => {
    // By any name (a link, letter case): the try would write sample households into your data.
    if (sameFile(ctx.sampleDbPath, ctx.realDbPath)) {
      throw new ApiError('refused', 'The sample database cannot be the same file as your real one.');
    }
    // Trying again while in sample mode: the open sample file is closed (back on the real one) first.
    if (ctx.store.isSample) await ctx.store.switchTo(ctx.realDbPath, { check: true, create: false });
    // The app and a browser mode beside it share the sample file: another's try is not deleted.
    refuseIfSampleHeld(ctx.sampleDbPath);
    const left = removeSampleFiles(ctx.sampleDbPath, ctx.realDbPath);
    if (left.length > 0) {
      throw new ApiError(
        'refused',
        `Sample data from an earlier try could not be deleted (${left.join(', ')}): another program may have it open. Close it and try again.`,
      );
    }
    claimSample(ctx.sampleDbPath);
    await ctx.store.switchTo(ctx.sampleDbPath, { sample: true });
    (await sampleGenerator())(ctx.store.db, { households, seed, today: ctx.today() });
    return getStatus(ctx);
  },

  'system.useRealData': async (ctx) => {
    const wasSample = ctx.store.isSample;
    await ctx.store.switchTo(ctx.realDbPath, { check: true, create: false });
    return backFromSample(ctx, wasSample);
  },

  'system.generateSample': async (ctx, { households, seed }) => {
    (await sampleGenerator())(ctx.store.db, { households, seed, today: ctx.today() });
    return { households, seed };
  },
} satisfies Handlers<typeof systemContract>;
