import type { Db } from '../open.ts';
import { ApiError } from '../../domain/errors.ts';
import { placeChangeFault, type PlaceChange } from '../../domain/carers.ts';
import { formatUkDate } from '../../domain/dates.ts';
import { writeAudit } from './audit.ts';
import { getRow } from './households.ts';
import { nowIso } from '../../clock.ts';
import { getCarers, span } from './carers.ts';

/**
 * A household's approval terms and its dated changes of places (beside its people in carers.ts):
 * by hand, or by an import when a batch is given. Every change is audited.
 */

export interface TermsInput {
  places: number | null;
  ageFrom: number | null;
  ageTo: number | null;
  shortBreaks: boolean | null;
  parentAndChild: boolean | null;
}

const termsValues = (t: TermsInput) => [
  t.places,
  t.ageFrom,
  t.ageTo,
  t.shortBreaks === null ? null : t.shortBreaks ? 1 : 0,
  t.parentAndChild === null ? null : t.parentAndChild ? 1 : 0,
];

/** The terms of approval, by hand (or by an import when `batchId` is given). */
export function saveTerms(
  db: Db,
  user: string,
  input: { householdId: number; terms: TermsInput },
  batchId: number | null = null,
): void {
  const t = input.terms;
  if (t.ageFrom !== null && t.ageTo !== null && t.ageFrom > t.ageTo) {
    throw new ApiError('invalid_input', 'ageTo: The age range ends before it starts.', 'ageTo');
  }
  db.transaction(() => {
    getRow(db, input.householdId);
    const before = db
      .prepare<[number], Record<string, unknown>>(
        'SELECT places, age_from, age_to, short_breaks, parent_and_child FROM approval_terms WHERE household_id = ?',
      )
      .get(input.householdId);
    const now = nowIso();
    db.prepare(
      `INSERT INTO approval_terms (household_id, places, age_from, age_to, short_breaks, parent_and_child, source, batch_id, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (household_id) DO UPDATE SET places = excluded.places, age_from = excluded.age_from,
         age_to = excluded.age_to, short_breaks = excluded.short_breaks, parent_and_child = excluded.parent_and_child,
         source = excluded.source, batch_id = excluded.batch_id, updated_at = excluded.updated_at`,
    ).run(input.householdId, ...termsValues(t), batchId ? 'import' : 'hand', batchId, now);
    const after = ['places', 'age_from', 'age_to', 'short_breaks', 'parent_and_child'];
    const values = termsValues(t);
    writeAudit(
      db,
      {
        user,
        action: batchId ? 'import' : before ? 'update' : 'create',
        entity: 'approval_terms',
        householdId: input.householdId,
        batchId,
        entityId: input.householdId,
        field: 'terms',
        oldValue: before ?? null,
        newValue: Object.fromEntries(after.map((k, i) => [k, values[i]])),
      },
      now,
    );
  })();
}

/** Places added (+) or removed (−) on a date after approval; never below 0 places on any date. */
export function addPlaceChange(
  db: Db,
  user: string,
  input: { householdId: number; date: string; change: number; note: string | null },
  today: string,
): void {
  db.transaction(() => {
    const record = getCarers(db, input.householdId, today);
    if (!record.approvedOn) {
      throw new ApiError('refused', 'Places can change only once the household is approved.', 'date');
    }
    const bad = placeChangeFault(input.date, span(db, getRow(db, input.householdId)), today);
    if (bad) throw new ApiError('invalid_input', `date: ${bad}`, 'date');
    if (record.terms?.places == null) {
      throw new ApiError('refused', 'Enter the places at approval first (Approval terms).', 'change');
    }
    const changes = [
      ...record.placeChanges,
      { id: 0, date: input.date, change: input.change, note: null },
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    let places = record.terms.places;
    for (const c of changes) {
      places += c.change;
      if (places < 0) {
        throw new ApiError(
          'invalid_input',
          `change: That would leave ${places} places on ${formatUkDate(c.date)}.`,
          'change',
        );
      }
    }
    const now = nowIso();
    const id = Number(
      db
        .prepare(
          `INSERT INTO place_changes (household_id, date, change, note, source, created_at) VALUES (?, ?, ?, ?, 'hand', ?)`,
        )
        .run(input.householdId, input.date, input.change, input.note, now).lastInsertRowid,
    );
    writeAudit(
      db,
      {
        user,
        action: 'create',
        entity: 'place_change',
        householdId: input.householdId,
        entityId: id,
        field: 'change',
        oldValue: null,
        newValue: { date: input.date, change: input.change },
      },
      now,
    );
  })();
}

export function deletePlaceChange(db: Db, user: string, input: { householdId: number; id: number }): void {
  db.transaction(() => {
    const c = db
      .prepare<[number, number], PlaceChange>(
        'SELECT id, date, change, note FROM place_changes WHERE id = ? AND household_id = ?',
      )
      .get(input.id, input.householdId);
    if (!c)
      throw new ApiError('not_found', `This household has no change of places with id ${input.id}.`, 'id');
    db.prepare('DELETE FROM place_changes WHERE id = ?').run(c.id);
    writeAudit(db, {
      user,
      action: 'delete',
      entity: 'place_change',
      householdId: input.householdId,
      entityId: c.id,
      field: 'change',
      oldValue: { date: c.date, change: c.change },
      newValue: null,
    });
  })();
}
