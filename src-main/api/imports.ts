import type { ImportBatch, ImportJobView, ImportProfile, ImportResult } from '../contract/imports.ts';
import type { importsContract } from '../contract/imports.ts';
import { ApiError } from '../contract/errors.ts';
import { undoImport } from '../import/apply/undo.ts';
import type { AnalyseInput, Analysis } from '../import/analyse.ts';
import { getJob, startJob, type ImportJob } from '../import/jobs.ts';
import { importFailure } from '../import/worker-messages.ts';
import { FIELD_LABELS, IMPORT_FIELDS } from '../import/records/fields.ts';
import { nothingToImport } from '../contract/import-issues.ts';
import { needLabel } from '../import/records/mapping.ts';
import { listProfiles } from '../db/queries/import-profiles.ts';
import type { AppContext } from './context.ts';
import type { Handlers } from './handler.ts';
import { backupBeforeImport } from '../db/backup.ts';
import { eraseRemovedInBackups } from '../db/purge-ledger.ts';
import { undoNotReached } from '../db/backups-link-words.ts';
import { batchesOfFile, listImportBatches } from '../db/queries/import-batches.ts';
import { hasHouseholds } from '../db/queries/household-lookups.ts';

/** How many times a one-step import plans again when the records changed under it. */
const REPLANS = 8;

/** The screen lists this many errors and warnings (with the totals); the CLI's JSON has them all. */
const SHOWN_ISSUES = 10_000;

const FIELD_OPTIONS = IMPORT_FIELDS.map((key) => ({ key, label: FIELD_LABELS[key] }));

function analyseInput(
  ctx: AppContext,
  input: {
    path: string;
    fileName?: string;
    sheet?: string;
    profile?: string;
    kind: 'enquiries' | 'carers' | 'auto';
    overwriteHand: boolean;
    map?: AnalyseInput['overrides'];
  },
  mapping?: AnalyseInput['mapping'],
): AnalyseInput {
  if (ctx.store.path === ':memory:') throw new ApiError('refused', 'Imports need a database file.');
  return {
    dbPath: ctx.store.path,
    path: input.path,
    fileName: input.fileName,
    sheet: input.sheet,
    profile: input.profile,
    kind: input.kind,
    mapping,
    overrides: input.map,
    overwriteHand: input.overwriteHand,
    today: ctx.today(),
  };
}

function jobView(ctx: AppContext, job: ImportJob): ImportJobView {
  const a = job.analysis;
  return {
    jobId: job.id,
    state: job.state,
    mode: job.mode,
    rowsRead: job.rowsRead,
    totalRows: job.totalRows,
    error: job.error,
    batchId: job.batchId,
    preview: a
      ? {
          fileName: a.fileName,
          format: a.format,
          sheets: a.sheets,
          sheet: a.sheet,
          headerRow: a.headerRow,
          kind: a.kind,
          profile: a.profile,
          mapping: a.mapping,
          missing: a.missing.map((fields) => ({ fields, label: needLabel(fields) })),
          questions: a.questions,
          fieldOptions: FIELD_OPTIONS,
          counts: a.plan.counts,
          errors: a.plan.errors.slice(0, SHOWN_ISSUES),
          warnings: a.plan.warnings.slice(0, SHOWN_ISSUES),
          errorCount: a.plan.errors.length,
          warningCount: a.plan.warnings.length,
          nearMatches: a.plan.nearMatches,
          preview: a.plan.preview,
          importedBefore: batchesOfFile(ctx.store.db, a.fileHash),
          nothingToImport: nothingToImport(a.fileName, a.plan.counts),
          headers: headerRow(a),
        }
      : null,
  };
}

/** The file's header row by column (A first): the doors name an issue's column from it. */
function headerRow(a: Analysis): string[] {
  const headers: string[] = [];
  for (const m of a.mapping) headers[m.column] = m.header;
  return Array.from(headers, (h) => h ?? '');
}

const result = (a: Analysis, batch: number | null): ImportResult => ({
  batch,
  kind: a.kind,
  ...a.plan.counts,
  warnings: a.plan.warnings,
  errors: a.plan.errors,
  headers: headerRow(a),
  mapping: a.mapping,
  nearMatches: a.plan.nearMatches,
});

/** A file with a needed field unmapped, or a header that fits two fields, is never committed as a guess. */
const unsettled = (a: Analysis) =>
  new ApiError(
    'refused',
    `${a.fileName}: ${a.questions.join(' ')} The columns are ${a.mapping
      .filter((m) => m.header)
      .map((m) => `"${m.header}"`)
      .join(', ')}.`,
    'mapping',
  );

/** Commits a ready job; refused when there is nothing that could be written. */

async function commitJob(ctx: AppContext, job: ImportJob, saveProfileAs?: string): Promise<ImportResult> {
  if (job.state === 'committed') {
    throw new ApiError('conflict', `This import was already committed as batch ${job.batchId}.`);
  }
  if (job.state !== 'ready' || !job.analysis) {
    throw new ApiError('refused', job.error?.message ?? 'The import is not ready to commit yet.');
  }
  const a = job.analysis;
  if (a.questions.length > 0) throw unsettled(a);
  if (job.dbPath !== ctx.store.path) {
    throw new ApiError(
      'conflict',
      'A different database was opened since this preview: preview the file again.',
    );
  }
  if (a.plan.counts.rejected === a.plan.counts.rows) {
    throw new ApiError(
      'refused',
      `${a.fileName}: every row was rejected, so nothing was imported. Correct the errors and try again.`,
    );
  }
  if (job.committing) throw new ApiError('conflict', 'This import is already being written.');
  job.committing = true;
  try {
    // A copy of what was there before, so even an import that was right by the rules can be walked
    // back whole. One that changes no household is refused by the commit (after its check that the
    // records are as previewed): no copy.
    const changes = a.plan.counts.new + a.plan.counts.updated;
    if (changes > 0 && hasHouseholds(ctx.store.db)) await backupBeforeImport(ctx);
    const batchId = await job.commit(ctx.store.db, { user: ctx.user, today: ctx.today(), saveProfileAs });
    job.state = 'committed';
    job.batchId = batchId;
    return result(a, batchId);
  } catch (e) {
    // A plan that could not be written is done with (stale, or its worker gone): the job says why,
    // its worker is stopped, and its file is no longer needed (browser mode deletes an upload then).
    job.committing = false;
    job.cancel();
    job.state = 'failed';
    job.error = importFailure(e);
    throw e;
  } finally {
    job.committing = false;
  }
}

export const importsHandlers = {
  'imports.startImport': (ctx, input) => jobView(ctx, startJob(analyseInput(ctx, input, input.mapping))),
  'imports.getJob': (ctx, { jobId }) => jobView(ctx, getJob(jobId)),
  'imports.cancelImport': async (ctx, { jobId }) => {
    const job = getJob(jobId);
    if (job.committing) {
      throw new ApiError(
        'refused',
        'This import is being written and can no longer be cancelled: undo it from the list of imports once it is in.',
      );
    }
    job.cancel();
    await job.done;
    return jobView(ctx, job);
  },
  'imports.commitImport': (ctx, { jobId, saveProfileAs }) => commitJob(ctx, getJob(jobId), saveProfileAs),
  'imports.importFile': async (ctx, input) => {
    // One step, with no preview anyone has seen: if another program changed the records between
    // planning and committing, plan again against what is there now. A busy service (another
    // import, an officer's edits) can change records during several plans in a row on a slow
    // machine, so it tries up to REPLANS times before giving up with the conflict.
    for (let attempt = 1; ; attempt++) {
      const job = startJob(analyseInput(ctx, input));
      await job.done;
      if (job.state !== 'ready' || !job.analysis) {
        const e = job.error ?? { code: 'internal' as const, message: 'The import failed.' };
        throw new ApiError(e.code as ApiError['code'], e.message, e.field);
      }
      if (job.analysis.questions.length > 0) {
        job.cancel();
        throw unsettled(job.analysis);
      }
      const counts = job.analysis.plan.counts;
      // Every row rejected, or none changing anything: nothing is written, and batch null says so.
      if (input.dryRun || counts.rejected === counts.rows || nothingToImport(job.analysis.fileName, counts)) {
        job.cancel();
        return result(job.analysis, null);
      }
      try {
        return await commitJob(ctx, job, input.saveProfileAs);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'conflict' && attempt < REPLANS)) throw e;
      }
    }
  },
  'imports.listBatches': (ctx) =>
    listImportBatches(ctx.store.db).map((r): ImportBatch => ({
      id: r.id,
      fileName: r.file_name,
      sheet: r.sheet,
      kind: r.kind as ImportBatch['kind'],
      profile: r.profile,
      rows: r.rows,
      new: r.new_count,
      updated: r.updated_count,
      unchanged: r.unchanged_count,
      duplicates: r.duplicate_count,
      rejected: r.rejected_count,
      user: r.user,
      createdAt: r.created_at,
      undoneAt: r.undone_at,
    })),
  'imports.undoImport': (ctx, { batchId }) => {
    const { households, removed, removedHouseholds, namesErased, importedAt } = undoImport(
      ctx.store.db,
      batchId,
      ctx.user,
      ctx.today(),
    );
    // The households it removed leave the backups made since the import too, and where one could
    // not be erased, or a link kept the undo from them, it says so as a purge does.
    const spread = eraseRemovedInBackups(ctx.store.path, removedHouseholds, namesErased);
    return {
      batchId,
      households,
      removed,
      backupsErased: spread.erased.length,
      backupsNotErased: spread.failed,
      backupsNotReached: spread.behindLink && undoNotReached(spread.behindLink, importedAt),
    };
  },
  'imports.listProfiles': (ctx) =>
    listProfiles(ctx.store.db).map((p): ImportProfile => ({
      name: p.name,
      kind: p.kind,
      headers: p.headerSignature,
      mapping: p.mapping,
      updatedAt: p.updatedAt,
    })),
} satisfies Handlers<typeof importsContract>;
