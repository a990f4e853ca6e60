import { z } from 'zod';
import { method } from './define.ts';
import type { Milestone } from '../domain/stages.ts';

/** A problem with one cell or row, located as the user sees it in Excel (row null: the whole file). */
export interface RowIssue {
  row: number | null;
  column: string | null;
  message: string;
}

export interface ImportCounts {
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
}

/**
 * A new household that looks like one already held, or like another new one on an earlier row of
 * the same file (`matchRow`; `matchId` null, as it has no record yet): listed for the user, never
 * merged silently.
 */
export interface NearMatch {
  row: number;
  reference: string;
  matchId: number | null;
  matchReference: string;
  /** The earlier row of this file the match is on, where it is a new household of the file too. */
  matchRow?: number;
  why: string;
}

/** A row as it will be stored, for the preview table (dates ISO). */
export interface PreviewRow {
  row: number;
  action: 'new' | 'updated' | 'unchanged' | 'duplicate' | 'rejected';
  reference: string;
  name: string;
  email: string;
  postcode: string;
  source: string;
  pathway: string;
  milestones: Partial<Record<Milestone, string>>;
  closed: string;
  ceased: string;
}

export type ImportKind = 'enquiries' | 'carers';

export interface ImportPreview {
  fileName: string;
  format: 'csv' | 'xlsx' | 'xls' | 'ods';
  sheets: Array<{ name: string; rows: number; hasHeader: boolean; hidden: boolean }>;
  sheet: string;
  headerRow: number;
  kind: ImportKind;
  profile: string | null;
  /**
   * Each column and the field it fills. `confidence` (0–1) is how sure the header scorer was,
   * null when a profile or the user chose; `tied` lists fields the header fits equally well;
   * `byValues`: mapped by what its cells hold, its header naming no field, saying what they are
   * ("pathways": a "Type of Approval" column of "Connected Person" and "Mainstream" as the pathway).
   */
  mapping: Array<{
    column: number;
    header: string;
    field: string | null;
    confidence: number | null;
    tied: string[];
    byValues?: string;
  }>;
  /** Needs of this kind of file that no column meets (any one field of each): no rows were read. */
  missing: Array<{ fields: string[]; label: string }>;
  /** What must be settled before committing (missing columns, tied headers); empty when none. */
  questions: string[];
  /** Every field a column can be mapped to, in display order. */
  fieldOptions: Array<{ key: string; label: string }>;
  counts: ImportCounts;
  /** The first 10,000 of each (errorCount and warningCount give the totals). */
  errors: RowIssue[];
  warnings: RowIssue[];
  errorCount: number;
  warningCount: number;
  nearMatches: NearMatch[];
  preview: PreviewRow[];
  /** The header row, column A first: an issue's column is named with its letter from it (import-issues.ts). */
  headers: string[];
  /** This exact file (same bytes) was imported before, as these batches. */
  importedBefore: number[];
  /** No row adds or changes a household: what to say instead of offering Import (import-issues.ts). */
  nothingToImport: string | null;
}

export interface ImportJobView {
  jobId: string;
  state: 'running' | 'ready' | 'failed' | 'cancelled' | 'committed';
  mode: 'worker' | 'inline';
  rowsRead: number;
  totalRows: number;
  error: { code: string; message: string; field?: string } | null;
  preview: ImportPreview | null;
  batchId: number | null;
}

/** The CLI's JSON contract (`import --json`) and the commit's answer. */
export interface ImportResult extends ImportCounts {
  batch: number | null;
  kind: ImportKind;
  warnings: RowIssue[];
  errors: RowIssue[];
  /**
   * The header row, column A first (empty when the file was refused whole): an issue's column,
   * its header, is named with its letter from it (import-issues.ts), as the Import screen does.
   */
  headers: string[];
  /** Each column and the field it fills, as the preview gives them (empty when the file was refused whole). */
  mapping: ImportPreview['mapping'];
  /** New households that look like ones already held, as the preview lists them: never merged. */
  nearMatches: NearMatch[];
}

export interface ImportBatch {
  id: number;
  fileName: string;
  sheet: string | null;
  kind: ImportKind;
  profile: string | null;
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
  user: string;
  createdAt: string;
  undoneAt: string | null;
}

/** What an undone import changed, and where its erasure did not reach (as a purge says it: PurgeResult). */
export interface UndoResult {
  batchId: number;
  /** Households the import had changed, put back as they were. */
  households: number;
  /** Households the import had created, removed (and erased in the backups made since it). */
  removed: number;
  /** Backups beside the database in which the removed households were erased too. */
  backupsErased: number;
  /**
   * Backups (or damaged copies a restore kept aside) that could not be opened or written: they may
   * still hold the removed households' details. No later undo or purge erases them there.
   */
  backupsNotErased: string[];
  /**
   * Where a link stands at the backups folder's name and households were removed: words saying the
   * backups behind it were not erased (the app never follows it), why, and what to do; null otherwise.
   */
  backupsNotReached: string | null;
}

export interface ImportProfile {
  name: string;
  kind: ImportKind;
  /** The normalised headers of the file it was saved from, joined by "|". */
  headers: string;
  /** Header as the file wrote it (folded in profiles saved by earlier versions) → field key (null: not imported). */
  mapping: Record<string, string | null>;
  updatedAt: string;
}

const kind = z.enum(['enquiries', 'carers', 'auto']).default('auto');
/** A job's id (a UUID): bounded like every text an input holds. */
const jobId = z.string().min(1).max(100);
/** A field's key or label. */
const fieldName = z.string().min(1).max(200);
const fileOptions = {
  path: z.string().trim().min(1, 'Choose a file to import.').max(4096),
  fileName: z.string().trim().min(1).max(255).optional(),
  sheet: z.string().min(1).max(255).optional(),
  profile: z.string().trim().min(1).max(80).optional(),
  kind,
  overwriteHand: z.boolean().default(false),
};

export const importsContract = {
  'imports.startImport': method<ImportJobView>()(() =>
    z
      .object({
        ...fileOptions,
        mapping: z
          // Excel's 16,384 columns (A to XFD), counted from 0.
          .array(
            z.object({ column: z.number().int().min(0).max(16_383), field: fieldName.nullable() }).strict(),
          )
          .max(16_384)
          .optional(),
      })
      .strict(),
  ),
  'imports.getJob': method<ImportJobView>()(() => z.object({ jobId }).strict()),
  'imports.cancelImport': method<ImportJobView>()(() => z.object({ jobId }).strict()),
  'imports.commitImport': method<ImportResult>()(() =>
    z
      .object({
        jobId,
        saveProfileAs: z.string().trim().min(1).max(80).optional(),
      })
      .strict(),
  ),
  'imports.importFile': method<ImportResult>()(() =>
    z
      .object({
        ...fileOptions,
        dryRun: z.boolean().default(false),
        /** Column header → field key or label (null: not imported), over the automatic mapping. */
        map: z
          // A header is a cell: Excel's longest holds 32,767 characters.
          .array(z.object({ header: z.string().min(1).max(32_767), field: fieldName.nullable() }).strict())
          .max(16_384)
          .optional(),
        saveProfileAs: z.string().trim().min(1).max(80).optional(),
      })
      .strict(),
  ),
  'imports.listBatches': method<ImportBatch[]>()(() => z.object({}).strict()),
  'imports.undoImport': method<UndoResult>()(() => z.object({ batchId: z.number().int().min(1) }).strict()),
  'imports.listProfiles': method<ImportProfile[]>()(() => z.object({}).strict()),
} as const;
