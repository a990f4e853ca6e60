import type { Characteristic } from './characteristics.ts';

/**
 * The shapes of a household's carers, approval terms and place changes: written once here, so
 * the storage layer (db/queries/carers.ts) and the contract the renderer reads agree by
 * construction.
 */
export interface Person {
  id: number;
  position: 1 | 2;
  firstName: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  characteristics: Record<Characteristic, string | null>;
  /** When they joined a household already approved; null: a carer since its approval. */
  joinedOn: string | null;
  leftOn: string | null;
  source: 'hand' | 'import';
}

export interface ApprovalTerms {
  places: number | null;
  ageFrom: number | null;
  ageTo: number | null;
  shortBreaks: boolean | null;
  parentAndChild: boolean | null;
  source: 'hand' | 'import';
}

export interface PlaceChange {
  id: number;
  date: string;
  change: number;
  note: string | null;
}

export interface CarersRecord {
  householdId: number;
  /** Current people first (by position), then those who left (latest first). */
  people: Person[];
  terms: ApprovalTerms | null;
  placeChanges: PlaceChange[];
  /** Places on `today`: terms plus changes so far; null when places were never entered. */
  placesToday: number | null;
  /** First approval date, if approved: place changes cannot be dated before it. */
  approvedOn: string | null;
}
