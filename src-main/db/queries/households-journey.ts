import type { Db } from '../open.ts';
import { ApiError } from '../../domain/errors.ts';
import { formatUkDate, type IsoDate } from '../../domain/dates.ts';
import { DUPLICATE_WHY_LABELS } from '../../domain/duplicates.ts';
import type { Milestone, Pathway } from '../../domain/stages.ts';
import type { DropoutReasonEnding } from '../../domain/reasons.ts';
import type { HouseholdDetails } from '../../domain/household-details.ts';
import type { JourneyDate, JourneyDateKind } from '../../domain/journey-dates.ts';
import { EDITABLE, getRow, type EditableField, type HouseholdRow } from './households.ts';
import { findDuplicates } from './households-list.ts';
import { referenceGone } from './household-lookups.ts';
import { audit, changeJourney, markHand, touch, writeFirstEnquiry, type Actor } from '../journey-writer.ts';
import { nowIso } from '../../clock.ts';

/**
 * Households made and changed by hand. Journey changes (milestones, response, dated steps) go through the one
 * writer (db/journey-writer.ts), which asks the journey engine (domain/journey.ts) for the rules;
 * this module keeps what is not the journey: references, duplicates, details.
 */
export type { Actor };

/**
 * A reason key must be on its list, and in use: a retired reason stays on the records that hold it
 * but is not given to a new ending (the screens offer only reasons in use). `held` are the keys the
 * record being saved holds already (an exit interview's ticked reasons), kept even if retired since.
 * Returns its label and who ends a closure for it (a drop-out reason's "ended by", which the engine
 * checks).
 */
export function requireReason(
  db: Db,
  list: 'dropout' | 'leaving',
  key: string,
  field: string,
  held: readonly string[] = [],
): DropoutReasonEnding {
  const r = db
    .prepare<[string, string], DropoutReasonEnding & { retired: number }>(
      'SELECT label, ended_by AS endedBy, retired FROM reasons WHERE list = ? AND key = ?',
    )
    .get(list, key);
  const noun = list === 'dropout' ? 'drop-out' : 'leaving';
  if (!r) throw new ApiError('invalid_input', `There is no ${noun} reason "${key}".`, field);
  if (r.retired && !held.includes(key))
    throw new ApiError(
      'invalid_input',
      `The ${noun} reason "${r.label}" is retired: choose a reason in use, or restore it in Settings.`,
      field,
    );
  return { label: r.label, endedBy: r.endedBy };
}

export function nextReference(db: Db): string {
  // The purge ledger too: a purged household merged away leaves its reference there alone, and a
  // household given it would be erased at the next open (db/purge-ledger.ts). Each read is one
  // step down its index from 'FG'.
  const lastOf = (table: 'households' | 'purge_ledger') =>
    db
      .prepare<[], string>(
        `SELECT reference FROM ${table} WHERE reference >= 'FF' AND reference < 'FG' ORDER BY reference DESC LIMIT 1`,
      )
      .pluck()
      .get();
  // And the references merged away: the reference is the join key across exports, and one given
  // again was read as the household it was merged into (helper-248: FF000303 merged into
  // FF000301, then the next new household was FF000303). A scan of the log's merge entries, as
  // whereMergedAway reads them (0.08 s at a million entries), for a household typed by hand.
  const merged = db
    .prepare<[], string | null>(
      `SELECT MAX(old_value ->> 'reference') FROM audit_log
       WHERE action = 'merge' AND field = 'merged'
         AND old_value ->> 'reference' >= 'FF' AND old_value ->> 'reference' < 'FG'`,
    )
    .pluck()
    .get();
  const last = [lastOf('households'), lastOf('purge_ledger'), merged].filter(Boolean).sort().pop();
  const n = last && /^FF(\d+)$/.test(last) ? Number(last.slice(2)) + 1 : 1;
  return `FF${String(n).padStart(6, '0')}`;
}

export interface NewHousehold extends HouseholdDetails {
  reference: string | null;
  pathway: Pathway;
  enquiryDate: IsoDate;
  confirmDuplicates: boolean;
}

export function createHousehold(a: Actor, h: NewHousehold): { id: number; reference: string } {
  const { db } = a;
  if (!h.confirmDuplicates) {
    const dups = findDuplicates(db, h);
    if (dups[0]) {
      const list = dups.map((d) => `${d.reference} ${d.name}`.trim()).join(', ');
      throw new ApiError(
        'conflict',
        `This looks like a household already held (${DUPLICATE_WHY_LABELS[dups[0].why]}): ${list}. Check it, or save anyway if it is a different household.`,
        dups[0].why === 'email' ? 'email' : dups[0].why === 'telephone' ? 'telephone' : 'surname',
      );
    }
  }
  return db.transaction(() => {
    const reference = h.reference ?? nextReference(db);
    const taken = db.prepare('SELECT 1 FROM households WHERE reference = ?').get(reference);
    if (taken)
      throw new ApiError(
        'conflict',
        `Reference ${reference} is already used by another household.`,
        'reference',
      );
    // A purged household's reference stays in the purge ledger after the household itself has gone
    // (merged into another): a household typed with it would be erased when the file is next opened.
    const purged = db
      .prepare<[string], string>('SELECT purged_at FROM purge_ledger WHERE reference = ?')
      .pluck()
      .get(reference);
    if (purged)
      throw new ApiError(
        'conflict',
        `Reference ${reference} belonged to a household whose personal details were erased on ${formatUkDate(purged.slice(0, 10))}; give this household another reference.`,
        'reference',
      );
    // A reference merged away is read as the household it went into, by the record's history and
    // by imports (helper-249: nextReference skips it, and one typed took it all the same).
    const gone = h.reference === null ? undefined : referenceGone(db, reference);
    if (gone?.kind === 'merged')
      throw new ApiError(
        'conflict',
        `Reference ${reference} belonged to a household merged into ${gone.into} on ${formatUkDate(gone.on)}; give this household another reference.`,
        'reference',
      );
    const now = nowIso();
    const id = db
      .prepare(
        `INSERT INTO households (reference, pathway, first_name, surname, email, telephone, postcode, source,
           household_type, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        reference,
        h.pathway,
        h.firstName,
        h.surname,
        h.email,
        h.telephone,
        h.postcode,
        h.source,
        h.householdType,
        h.notes,
        now,
        now,
      ).lastInsertRowid as number;
    const values: Record<string, unknown> = { reference, pathway: h.pathway };
    for (const [field, column] of Object.entries(EDITABLE)) {
      const v = h[field as EditableField];
      if (v !== null) values[column] = v;
    }
    audit(a, id, { action: 'create', entity: 'household', entityId: id, newValue: values });
    for (const column of Object.keys(values)) markHand(db, id, column);
    const start = {
      reference,
      episode: 1,
      pathway: h.pathway,
      dates: {},
      respondedDate: null,
      closure: null,
      cessation: null,
    };
    writeFirstEnquiry(a, id, start, h.enquiryDate);
    touch(a, id);
    return { id, reference };
  })();
}

export function updateDetails(
  a: Actor,
  id: number,
  changes: Partial<Record<EditableField, string | null>>,
): void {
  a.db.transaction(() => {
    const h = getRow(a.db, id);
    for (const [field, column] of Object.entries(EDITABLE) as Array<[EditableField, keyof HouseholdRow]>) {
      if (!(field in changes) || changes[field] === undefined) continue;
      const value = changes[field] ?? null;
      if (value === h[column]) continue;
      a.db.prepare(`UPDATE households SET ${column} = ? WHERE id = ?`).run(value, id);
      audit(a, id, {
        action: 'update',
        entity: 'household',
        entityId: id,
        field: column,
        oldValue: h[column],
        newValue: value,
      });
      markHand(a.db, id, column);
    }
    touch(a, id);
  })();
}

export const recordMilestone = (a: Actor, id: number, kind: Milestone, date: IsoDate): void =>
  void changeJourney(a, id, { type: 'record', kind, date });

/** Corrects a milestone of the current episode, or of an earlier one (`episode`): its history. */
export const correctMilestone = (
  a: Actor,
  id: number,
  kind: Milestone,
  date: IsoDate,
  reason: string,
  episode?: number,
): void => void changeJourney(a, id, { type: 'correct', kind, date, reason }, episode);

export const removeMilestone = (a: Actor, id: number, kind: Milestone, reason: string): void =>
  void changeJourney(a, id, { type: 'remove', kind, reason });

/** The enquiry's first response; one recorded is corrected with a reason. */
export const recordResponse = (a: Actor, id: number, date: IsoDate, correctionReason: string | null): void =>
  void changeJourney(a, id, { type: 'respond', date, reason: correctionReason });

/** A dated step of the current episode (panel minutes, the kinship journey); one recorded is corrected with a reason. */
export const recordJourneyDate = (
  a: Actor,
  id: number,
  kind: JourneyDateKind,
  step: JourneyDate,
  correctionReason: string | null,
): void => void changeJourney(a, id, { type: 'recordStep', kind, step, reason: correctionReason });

export const removeJourneyDate = (a: Actor, id: number, kind: JourneyDateKind, reason: string): void =>
  void changeJourney(a, id, { type: 'removeStep', kind, reason });
