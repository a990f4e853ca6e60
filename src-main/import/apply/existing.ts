import type { Db } from '../../db/open.ts';
import {
  carerDatesOf,
  cessationsInRange,
  closuresInRange,
  episodeSwitchesOf,
  householdsWithJourneyDates,
  exitInterviewOf,
  closureInterviewHeldOf,
  fieldSourcesReader,
  householdByReference,
  referenceNoCase,
  householdsForImport,
  lastPathwaySwitch,
  removedByHand,
  milestonesInRange,
  purgedReferences,
  whereMergedAway,
  type CessationRow,
  type ClosureRow,
  type ExistingHousehold,
  type ExistingMilestone,
  type RangeReader,
} from '../../db/queries/import-existing.ts';
import {
  duplicateKeys,
  nameKey,
  nameKeyOfFolds,
  namePostcodeKey,
  type DuplicateKeys,
} from '../../domain/duplicates.ts';
import type { HouseholdColumn } from '../records/import-record.ts';

export type { CessationRow, ClosureRow, ExistingHousehold, ExistingMilestone };

export interface Provenance {
  source: 'hand' | 'import';
  batch: number | null;
}

/** Rows to plan up to which households are read by reference one at a time, not all at once. */
const FEW_ROWS = 1000;

/**
 * Every household the import might meet, indexed once (batch lookups instead of one query
 * per row); milestones, provenance and closures are fetched per matched household through
 * prepared statements. With few rows to plan (a re-import whose other rows are known unchanged
 * by their marks), households are read by reference as asked, until something needs them all.
 */
export class ExistingIndex {
  #byRef: Map<string, ExistingHousehold> | null = null;
  #rows: ExistingHousehold[] = [];
  readonly #oneByRef;
  #secondary: Record<
    'byEmail' | 'byNamePostcode' | 'byName' | 'byPhone',
    Map<string, ExistingHousehold[]>
  > | null = null;
  /** Purged references (the purge ledger) with when: a new row with one of them stays erased. */
  readonly purged = new Map<string, string>();
  readonly #milestones;
  readonly #sources;
  readonly #closure;
  readonly #cessation;
  readonly #lastSwitch;
  readonly #episodeSwitches;
  readonly #removedByHand;
  readonly #exitInterview;
  readonly #closureInterviewHeld;
  readonly #carerDates;
  /** The database read, for readers of what else a household holds (apply/extras.ts). */
  readonly db: Db;

  /** `rows`: how many rows will be planned. */
  constructor(db: Db, rows = Infinity) {
    this.db = db;
    this.#oneByRef = householdByReference(db);
    if (rows > FEW_ROWS) this.#all();
    for (const e of purgedReferences(db)) this.purged.set(e.reference, e.purged_at);
    this.#milestones = new BlockReader(milestonesInRange(db));
    this.#sources = fieldSourcesReader(db);
    this.#closure = new BlockReader(closuresInRange(db));
    this.#cessation = new BlockReader(cessationsInRange(db));
    this.#lastSwitch = lastPathwaySwitch(db);
    this.#episodeSwitches = episodeSwitchesOf(db);
    this.#removedByHand = removedByHand(db);
    this.#exitInterview = exitInterviewOf(db);
    this.#closureInterviewHeld = closureInterviewHeldOf(db);
    this.#carerDates = carerDatesOf(db);
  }

  /** Every household, by reference: read once. */
  #all(): Map<string, ExistingHousehold> {
    if (this.#byRef) return this.#byRef;
    const rows = householdsForImport(this.db);
    const byRef = new Map<string, ExistingHousehold>();
    for (const h of rows) byRef.set(h.reference, h);
    this.#rows = rows;
    return (this.#byRef = byRef);
  }

  #mergedAway: Map<string, string> | null = null;
  /** Merged-away references, each with the reference of the household it was merged into (read at the first ask). */
  #merged(): Map<string, string> {
    return (this.#mergedAway ??= whereMergedAway(this.db));
  }
  /** The reference of the household `reference` was merged into, if it was. */
  mergedInto(reference: string): string | undefined {
    return this.#merged().get(reference);
  }

  byReference(reference: string): ExistingHousehold | undefined {
    return this.#byRef ? this.#byRef.get(reference) : this.#oneByRef(reference);
  }

  /** References of digits with leading zeros, by the number each reads as ("00123" → "123"); null: two do. */
  #zeroPadded: { held: Map<string, string | null>; merged: Map<string, string | null> } | null = null;

  /**
   * The one known reference that is `digits` with leading zeros added ("123" → "00123"), if any:
   * held by a household, else merged away (so its row is named as merged, not made again).
   */
  referenceWithLeadingZeros(digits: string): string | undefined {
    if (!/^\d+$/.test(digits)) return undefined;
    this.#zeroPadded ??= { held: byNumber(this.#all().keys()), merged: byNumber(this.#merged().keys()) };
    const { held, merged } = this.#zeroPadded;
    return (held.has(digits) ? held.get(digits) : merged.get(digits)) ?? undefined;
  }

  #noCase: ReturnType<typeof referenceNoCase> | null = null;
  #byFolded: Map<string, string | null> | null = null;
  #goneFolded: Map<string, string | null> | null = null;

  /**
   * The one reference known that is `reference` in another letter case ("e001" for E001), if
   * exactly one is: a household's (from every household read, for a large import, else by the
   * reference's index), else one merged away or purged, so its row is named as such rather than
   * making the duplicate again, or a household of what a purge erased (helper-239).
   */
  referenceInAnotherCase(reference: string): string | undefined {
    let held: string | undefined;
    if (this.#byRef) {
      this.#byFolded ??= byFolded(this.#byRef.keys());
      held = this.#byFolded.get(asciiLower(reference)) ?? undefined;
    } else {
      this.#noCase ??= referenceNoCase(this.db);
      held = this.#noCase.find(reference);
    }
    if (held) return held;
    this.#goneFolded ??= byFolded(new Set([...this.#merged().keys(), ...this.purged.keys()]));
    return this.#goneFolded.get(asciiLower(reference)) ?? undefined;
  }

  /** Whether any reference is known (a first import into an empty database has nothing to match). */
  knowsAny(): boolean {
    if (this.purged.size > 0) return true;
    if (this.#byRef) return this.#byRef.size > 0;
    this.#noCase ??= referenceNoCase(this.db);
    return this.#noCase.any;
  }

  /**
   * Households by email, name (and postcode) and telephone: only rows without a reference and
   * new households' near matches need them, so they are built on first use (an unchanged
   * re-import never does).
   */
  #index() {
    if (this.#secondary) return this.#secondary;
    this.#all();
    const m = {
      byEmail: new Map<string, ExistingHousehold[]>(),
      byNamePostcode: new Map<string, ExistingHousehold[]>(),
      byName: new Map<string, ExistingHousehold[]>(),
      byPhone: new Map<string, ExistingHousehold[]>(),
    };
    const push = (map: Map<string, ExistingHousehold[]>, key: string, h: ExistingHousehold) => {
      if (!key) return;
      const list = map.get(key);
      if (list) list.push(h);
      else map.set(key, [h]);
    };
    for (const h of this.#rows) {
      const k = heldKeys(h);
      push(m.byEmail, k.email, h);
      push(m.byName, k.name, h);
      push(m.byNamePostcode, namePostcodeKey(k), h);
      push(m.byPhone, k.telephone, h);
    }
    return (this.#secondary = m);
  }
  #keys = new Map<number, DuplicateKeys>();
  /** A household's keys for domain/duplicates.ts duplicateWhy, kept for those met as near matches' candidates. */
  keysOf(h: ExistingHousehold): DuplicateKeys {
    let k = this.#keys.get(h.id);
    if (!k) this.#keys.set(h.id, (k = heldKeys(h)));
    return k;
  }
  get byEmail() {
    return this.#index().byEmail;
  }
  get byNamePostcode() {
    return this.#index().byNamePostcode;
  }
  get byName() {
    return this.#index().byName;
  }
  get byPhone() {
    return this.#index().byPhone;
  }

  milestones(h: ExistingHousehold): ExistingMilestone[] {
    return this.#milestones
      .of(h.id)
      .filter((m) => m.episode === h.episode)
      .map(({ id, kind, date, source, batch_id }) => ({ id, kind, date, source, batch_id }));
  }
  provenance(h: ExistingHousehold): Map<string, Provenance> {
    return new Map(this.#sources(h.id).map((r) => [r.field, { source: r.source, batch: r.batch_id }]));
  }
  closure(h: ExistingHousehold): ClosureRow | null {
    const c = this.#closure.of(h.id).find((r) => r.episode === h.episode);
    if (!c) return null;
    const { household_id: _, reopened_on: _reopened, ...row } = c;
    return row;
  }
  /** The closure the current episode re-opened, with the date it says (none in a first episode). */
  reopenedClosure(h: ExistingHousehold): { id: number; reopened_on: string | null } | null {
    const c = this.#closure.of(h.id).find((r) => r.episode === h.episode - 1);
    return c ? { id: c.id, reopened_on: c.reopened_on } : null;
  }
  /**
   * Whether the hand removed this household's milestone or journey date `field` of the current
   * episode or a carer entered by mistake (`carer1`, `carer2`). Read
   * only for a row that would add one it lacks (few).
   */
  removedByHand(
    h: ExistingHousehold,
    entity: 'milestone' | 'journey_date' | 'carer',
    field: string | null,
  ): boolean {
    return this.#removedByHand(h.id, entity, field) !== null;
  }
  /**
   * The date of the cessation, or the current episode's closure, removed by hand, if its latest entry
   * is that removal (null: not known, purged); undefined: none.
   */
  endingRemovedByHand(h: ExistingHousehold, ending: 'closure' | 'cessation'): string | null | undefined {
    const r = this.#removedByHand(h.id, ending, null);
    if (!r) return undefined;
    const date = (r.removed as { date?: unknown } | null)?.date;
    return typeof date === 'string' ? date : null;
  }
  /** The person deleted by hand at a carer position (`carer1`, `carer2`), as the audit holds them; undefined: none. */
  personRemovedByHand(h: ExistingHousehold, field: string): Record<string, unknown> | null | undefined {
    const r = this.#removedByHand(h.id, 'carer', field);
    return r ? (r.removed as Record<string, unknown> | null) : undefined;
  }
  /** The carers' dates the approval and a cessation are bounded by: read only for a row bringing one (few). */
  carerDates(h: ExistingHousehold): { from: string | null; until: string | null } {
    return this.#carerDates(h.id);
  }
  /** The exit interview after a closure or cessation: read only for a row that moves one (few). */
  exitInterview(
    ending: 'closure' | 'cessation',
    id: number,
  ): { on: string; what: 'offered' | 'held' } | null {
    return this.#exitInterview(ending, id);
  }
  /** Whether a closure's exit interview is stored as held: read only for a row making it lost contact (few). */
  closureInterviewHeld(closureId: number): boolean {
    return this.#closureInterviewHeld(closureId);
  }
  /** Read only for a row that would switch the household's pathway (few). */
  lastSwitchOn(h: ExistingHousehold): string | null {
    return this.#lastSwitch(h.id);
  }
  #withSteps: Set<number> | null = null;
  /**
   * Whether the household holds any dated step: read once for all, and only when a row for a
   * closed household asks (most hold none, and reading each one's steps was a fifth of such a re-import).
   */
  holdsJourneyDates(h: ExistingHousehold): boolean {
    return (this.#withSteps ??= new Set(householdsWithJourneyDates(this.db))).has(h.id);
  }
  /** The dates of the current episode's pathway switches (from its start), read as lastSwitchOn is. */
  episodeSwitches(h: ExistingHousehold, start: string): string[] {
    return this.#episodeSwitches(h.id, start);
  }
  cessation(h: ExistingHousehold): CessationRow | null {
    const c = this.#cessation.of(h.id)[0];
    if (!c) return null;
    const { household_id: _, ...row } = c;
    return row;
  }

  /** Rows without a reference: one household with the same email, or the same name and postcode. */
  matchWithoutReference(v: Partial<Record<HouseholdColumn, string>>): ExistingHousehold[] {
    const k = duplicateKeys({ ...v, name: nameKey(v.first_name, v.surname) });
    const hits = k.email ? (this.byEmail.get(k.email) ?? []) : [];
    if (hits.length > 0) return hits;
    const namePostcode = namePostcodeKey(k);
    return namePostcode ? (this.byNamePostcode.get(namePostcode) ?? []) : [];
  }
}

/** The stored folds give nameKey's key (folding every household's names again cost ~1 s at 1,000,000). */
const heldKeys = (h: ExistingHousehold): DuplicateKeys =>
  duplicateKeys({
    email: h.email,
    name: nameKeyOfFolds(h.first_name_fold, h.surname_fold),
    postcode: h.postcode,
    telephone: h.telephone,
    enquiry: h.enquiry_date,
  });

/** Households whose rows one block read fetches: ids [n × BLOCK, (n + 1) × BLOCK). */
const BLOCK = 256;

/**
 * A household's rows of one table, read a block of household ids at a time: a re-import meets
 * the households in the order it made them, so one query serves a few hundred rows of the file
 * instead of one query each (a third of an unchanged re-import's time). When the file's order
 * does not follow the ids (few rows served per block), it falls back to one household per read.
 */
class BlockReader<T> {
  readonly #range: RangeReader<T>;
  #block = -1;
  #rows = new Map<number, Array<T & { household_id: number }>>();
  #reads = 0;
  #served = 0;
  #blocks = true;

  constructor(range: RangeReader<T>) {
    this.#range = range;
  }

  of(id: number): Array<T & { household_id: number }> {
    if (!this.#blocks) return this.#range(id, id + 1);
    const block = Math.floor(id / BLOCK);
    if (block !== this.#block) {
      // Blocks that serve few rows cost more than they save: read one household at a time.
      if (this.#reads >= 20 && this.#served < this.#reads * 16) {
        this.#blocks = false;
        return this.#range(id, id + 1);
      }
      this.#rows = new Map();
      for (const r of this.#range(block * BLOCK, (block + 1) * BLOCK)) {
        const list = this.#rows.get(r.household_id);
        if (list) list.push(r);
        else this.#rows.set(r.household_id, [r]);
      }
      this.#block = block;
      this.#reads++;
    }
    this.#served++;
    return this.#rows.get(id) ?? [];
  }
}

/** ASCII letters in lower case, as SQLite's NOCASE compares them (other letters as written). */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** References by their letters in lower case; null where two differ only by case. */
function byFolded(references: Iterable<string>): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const reference of references) {
    const folded = asciiLower(reference);
    m.set(folded, m.has(folded) ? null : reference);
  }
  return m;
}

/** References of digits with leading zeros, by the number each reads as; null where two read as one. */
function byNumber(references: Iterable<string>): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const reference of references) {
    if (!/^0\d+$/.test(reference)) continue;
    const number = reference.replace(/^0+(?=\d)/, '');
    m.set(number, m.has(number) ? null : reference);
  }
  return m;
}
