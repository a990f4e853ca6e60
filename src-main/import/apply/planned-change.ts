import type { Milestone } from '../../domain/stages.ts';
import type { HouseholdColumn, RowIssue } from '../records/import-record.ts';
import type { CessationRow, ClosureRow, Provenance } from './existing.ts';
import type { ExtrasChange } from './extras-change.ts';

/**
 * What committing one row will do, computed against the database in the worker and
 * carried to the main thread. Every change keeps the value it replaces so the commit can
 * write the audit log that undo replays backwards.
 */
export interface FieldChange {
  field: HouseholdColumn;
  old: string | null;
  next: string;
  prev: Provenance | null;
}

export interface MilestoneChange {
  kind: Milestone;
  id: number | null;
  old: { date: string; source: string; batch_id: number | null } | null;
  date: string;
}

export type ClosureValues = Omit<ClosureRow, 'id' | 'source' | 'batch_id'>;
export type CessationValues = Omit<CessationRow, 'id' | 'source' | 'batch_id' | 'notice_date'>;

export interface PlannedChange {
  row: number;
  reference: string;
  derived: boolean;
  /** null: a new household. */
  householdId: number | null;
  /** The episode the milestones land in (one more than before when the row re-opens a closed household). */
  episode: number;
  reopen?: { closureId: number; on: string; fromEpisode: number; respondedDate: string | null } | null;
  /** The row corrects a re-opened episode's enquiry: the closure it re-opened follows (the engine's reopenedOn). */
  reopenedOn?: { closureId: number; old: string | null; on: string } | null;
  oldUpdatedAt: string | null;
  pathway: string;
  /** Changes to an existing household (empty for a new one). */
  fields: FieldChange[];
  milestones: MilestoneChange[];
  /** A new household: its values and milestone dates as parsed. */
  created?: {
    values: Partial<Record<HouseholdColumn, string>>;
    milestones: Partial<Record<Milestone, string>>;
    /** When its enquiry was answered, as the file says. */
    responded: string | null;
  };
  /** An existing household's "Enquiry answered" date, as the file gives it (the engine's check). */
  responded?: { old: string | null; next: string; prev: Provenance | null } | null;
  /** An existing household the file puts on another pathway: a switch dated the import's day (the engine's). */
  pathwaySwitch?: { from: string; to: string; date: string; prev: Provenance | null } | null;
  /** `stageOnly`: the row's milestones move the stage a standing closure was reached at, nothing else (who recorded it stays). */
  closure: { old: ClosureRow | null; next: ClosureValues; stageOnly?: boolean } | null;
  /** `keptReason`: the row gave no reason for leaving, so the stored one stays with the new date. */
  cessation: { old: CessationRow | null; next: CessationValues; keptReason?: boolean } | null;
  /** A new household whose reference is in the purge ledger: created erased, with this date. */
  purgedAt?: string | null;
  /** Its carers, approval terms and journey dates (apply/extras.ts). */
  extras?: ExtrasChange | null;
  /** The row's hash, when a re-import of the same row would change nothing: the commit marks the household with it. */
  rowHash?: string;
}

export type { ImportCounts, NearMatch, PreviewRow } from '../../contract/imports.ts';
import type { ImportCounts, NearMatch, PreviewRow } from '../../contract/imports.ts';

export interface Plan {
  changes: PlannedChange[];
  counts: ImportCounts;
  errors: RowIssue[];
  warnings: RowIssue[];
  nearMatches: NearMatch[];
  preview: PreviewRow[];
  /** Households an unchanged row matched, with that row's hash: the commit marks them. */
  marks: RowMarks;
}

/** Households and the hashes of the rows that match them (one list each, same order). */
export interface RowMarks {
  ids: number[];
  hashes: string[];
}
