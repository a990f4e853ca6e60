import type { IsoDate } from '../../domain/dates.ts';
import type { EndedBy, Milestone, Pathway } from '../../domain/stages.ts';
import type { DropoutReasonEnding } from '../../domain/reasons.ts';

import type { RowIssue } from '../../contract/imports.ts';
import type { RecordExtras } from './parse-extras.ts';

export type { RowIssue };

/** The household details an import may set (the households table's own columns). */
import { HOUSEHOLD_COLUMNS, type HouseholdColumn } from '../../domain/household-details.ts';
export { HOUSEHOLD_COLUMNS, type HouseholdColumn };

/** One spreadsheet row, parsed and checked on its own (before it meets the database). */
export interface ImportRecord {
  row: number;
  /** The reference as given, or a stable key derived from name, email and enquiry date. */
  reference: string;
  derived: boolean;
  values: Partial<Record<HouseholdColumn, string>> & { pathway?: Pathway };
  milestones: Partial<Record<Milestone, IsoDate>>;
  /** When the enquiry was first answered ("Enquiry answered"), or null. */
  responded: IsoDate | null;
  closure: {
    date: IsoDate;
    reasonKey: string;
    reasonText: string | null;
    endedBy: EndedBy;
    /** The reason as the list holds it, for the engine's rule on who ended it (domain/reasons.ts endedByFault). */
    reason: DropoutReasonEnding | null;
    /** The warning that its reason cell was blank: said by the plan only where the closure is written. */
    blankNote?: string;
    /**
     * The row gave no reason (its cell blank, or no reason column): beside the date a household's
     * closure already has, it restates that closure (apply/plan-update.ts), unless `endedByGiven`
     * says someone else ended it.
     */
    noReason?: true;
    /** Who ended it came from the row's Closed by cell (not from the reason). */
    endedByGiven?: true;
  } | null;
  cessation: {
    date: IsoDate;
    reasonKey: string;
    reasonText: string | null;
    initiatedBy: 'carer' | 'service';
    blankNote?: string;
    /** The row gave no reason for leaving: beside the cessation's stored date, it restates it. */
    noReason?: true;
    /** Who initiated it came from the row's own cell ("Initiated by"), not from the reason. */
    initiatedByGiven?: true;
  } | null;
  /**
   * Why the telephone cell is not a number the app would take typed (domain/telephone.ts): said
   * by the plan, which knows whether the household holds a good number the cell would replace.
   */
  telephoneFault?: string;
  /** Carers, approval terms and journey steps (parse-extras.ts); absent when the row gives none. */
  extras?: RecordExtras | null;
  errors: RowIssue[];
  warnings: RowIssue[];
  /** The raw row's hash (records/row-hash.ts): an import marks the household it leaves with it. */
  rowHash?: string;
}
