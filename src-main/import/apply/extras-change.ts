import type {
  JourneyValues,
  PersonColumnName,
  Provenanced,
  TermsColumn,
  TermsNow,
} from '../../db/queries/import-extras.ts';
import type { JourneyDateKind } from '../../domain/journey-dates.ts';
import type { CarerPosition } from '../records/extra-fields.ts';

/**
 * A row's planned change to carers, approval terms and journey dates (see extras.ts, which
 * plans and writes it). Apart from extras.ts so that planned-change.ts can hold it without an
 * import cycle.
 */
export interface PersonChange {
  position: CarerPosition;
  /** null: a new person in that position. */
  id: number | null;
  /** The replaced values with their source and batch (null for a new person). */
  old: (Partial<Record<PersonColumnName, string | null>> & Provenanced) | null;
  next: Partial<Record<PersonColumnName, string>>;
  /** A new person who joined a household already approved and recorded with carers: when (domain/carers.ts). */
  joinedOn?: string | null;
}

export interface ExtrasChange {
  people: PersonChange[];
  terms: { old: TermsNow | null; next: Record<TermsColumn, number | null> } | null;
  /** A later register's number of places, as a change dated the import's day (domain/carers.ts importedPlaces). */
  placeChange?: { date: string; change: number } | null;
  journey: Array<{
    kind: JourneyDateKind;
    id: number | null;
    old: (JourneyValues & Provenanced) | null;
    next: JourneyValues;
  }>;
}

/** How a row's extras are planned: the import's day, whether to overwrite what was typed by hand, where each field is. */
export interface ExtrasOptions {
  today: string;
  overwriteHand: boolean;
  columnOf(field: string): string;
  /** Whether the file has a column for the field (a carer's name may be one column or two). */
  mapped?(field: string): boolean;
}

/**
 * Where a row's extras planners (extras-people.ts, extras-terms.ts, extras-journey.ts) put what
 * they find: the change they build, an error (refuses the row) or warning naming the field's
 * column, and the warning that what was typed by hand is kept.
 */
export interface ExtrasSink {
  out: ExtrasChange;
  issue(error: boolean, field: string, message: string): void;
  keptByHand(what: string, field: string): void;
}
