import type { DatabaseWatch } from '../db/import-connection.ts';
import type { Db } from '../db/open.ts';
import type { Analysis } from './analyse.ts';
import { commitImport } from './apply/commit.ts';
import { profileMapping } from './records/mapping.ts';

export interface CommitRequest {
  user: string;
  today: string;
  saveProfileAs?: string;
}

/**
 * Commits an analysed file (in the worker that planned it, or in the app's process in the
 * fallback), if nothing was written to the database since `watch` was made (before the analysis).
 */
export function commitAnalysis(db: Db, a: Analysis, req: CommitRequest, watch: DatabaseWatch): number {
  return commitImport(db, {
    fileName: a.fileName,
    fileHash: a.fileHash,
    sheet: a.format === 'csv' ? null : a.sheet,
    kind: a.kind,
    profile: req.saveProfileAs ?? a.profile,
    counts: a.plan.counts,
    changes: a.plan.changes,
    marks: a.plan.marks,
    watch,
    user: req.user,
    today: req.today,
    saveProfile: req.saveProfileAs
      ? { name: req.saveProfileAs, headerSignature: a.headerSignature, mapping: profileMapping(a.mapping) }
      : null,
  });
}

/** What crosses from the worker to the main thread: everything but the (large) list of changes. */
export const withoutChanges = (a: Analysis): Analysis => ({
  ...a,
  plan: { ...a.plan, changes: [], marks: { ids: [], hashes: [] } },
});
