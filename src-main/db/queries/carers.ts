import type { Db } from '../open.ts';
import { ApiError } from '../../domain/errors.ts';
import { CHARACTERISTICS, type Characteristic } from '../../domain/characteristics.ts';
import {
  birthFault,
  joiningFault,
  leavingFault,
  mergeCarersFault,
  type ApprovalTerms,
  type CarersRecord,
  type FosteringSpan,
  type MergingCarers,
  type Person,
  type PlaceChange,
} from '../../domain/carers.ts';
import { formatUkDate } from '../../domain/dates.ts';
import { writeAudit } from './audit.ts';
import { getRow } from './households.ts';
import { nowIso } from '../../clock.ts';
import { PERSON_COLUMNS as DETAIL_COLUMNS } from './import-extras.ts';
import { nameParts } from '../name-parts.ts';

/**
 * A household's people (carer or applicant 1 and 2), its approval terms and dated changes
 * of places. Rows typed by hand carry source 'hand' and an import never overwrites them.
 * Every change is audited; the audit values of a person hold only what changed, and a purge
 * erases them with the household's other audit values.
 */
export interface PersonRow {
  id: number;
  household_id: number;
  position: 1 | 2;
  first_name: string | null;
  surname: string | null;
  date_of_birth: string | null;
  sex: string | null;
  ethnicity: string | null;
  disability: string | null;
  religion: string | null;
  sexual_orientation: string | null;
  gender_identity: string | null;
  relationship_status: string | null;
  joined_on: string | null;
  left_on: string | null;
  source: 'hand' | 'import';
}

export type { ApprovalTerms, CarersRecord, Person, PlaceChange } from '../../domain/carers.ts';

export type PersonInput = {
  firstName: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  joinedOn: string | null;
} & Record<Characteristic, string | null>;

export const rowToPerson = (r: PersonRow): Person => ({
  id: r.id,
  position: r.position,
  firstName: r.first_name,
  surname: r.surname,
  dateOfBirth: r.date_of_birth,
  characteristics: Object.fromEntries(CHARACTERISTICS.map((c) => [c, r[c]])) as Record<
    Characteristic,
    string | null
  >,
  joinedOn: r.joined_on,
  leftOn: r.left_on,
  source: r.source,
});

/**
 * Person fields as columns, in one fixed order (SQL is built only from this list): the details an
 * import may fill too, then when they joined, which only a person's hand entry says.
 */
const PERSON_COLUMNS = [...DETAIL_COLUMNS, 'joined_on'] as const;
const personValues = (p: PersonInput): Array<string | null> => [
  p.firstName,
  p.surname,
  p.dateOfBirth,
  ...CHARACTERISTICS.map((c) => p[c]),
  p.joinedOn,
];

export function approvedOn(db: Db, householdId: number): string | null {
  // `+kind`: with a plain `kind =` SQLite answered MIN(date) from the kind-and-date index, walking
  // every approval in date order until this household's (~0.1 s at 1,000,000 households).
  return (
    db
      .prepare<[number], string | null>(
        "SELECT MIN(date) FROM milestones WHERE household_id = ? AND +kind = 'approval'",
      )
      .pluck()
      .get(householdId) ?? null
  );
}

/** The household's first approval and its cessation: what a carer's dates are checked against. */
export function span(db: Db, h: { id: number; reference: string }): FosteringSpan {
  const ceasedOn = db
    .prepare<[number], string | null>('SELECT MAX(date) FROM cessations WHERE household_id = ?')
    .pluck()
    .get(h.id);
  return { reference: h.reference, approvedOn: approvedOn(db, h.id), ceasedOn: ceasedOn ?? null };
}

export function getCarers(db: Db, householdId: number, today: string): CarersRecord {
  getRow(db, householdId);
  const people = db
    .prepare<[number], PersonRow>(
      `SELECT * FROM household_people WHERE household_id = ?
       ORDER BY left_on IS NOT NULL, left_on DESC, position, id`,
    )
    .all(householdId)
    .map(rowToPerson);
  const t = db
    .prepare<
      [number],
      {
        places: number | null;
        age_from: number | null;
        age_to: number | null;
        short_breaks: 0 | 1 | null;
        parent_and_child: 0 | 1 | null;
        source: 'hand' | 'import';
      }
    >('SELECT * FROM approval_terms WHERE household_id = ?')
    .get(householdId);
  const terms: ApprovalTerms | null = t
    ? {
        places: t.places,
        ageFrom: t.age_from,
        ageTo: t.age_to,
        shortBreaks: t.short_breaks === null ? null : t.short_breaks === 1,
        parentAndChild: t.parent_and_child === null ? null : t.parent_and_child === 1,
        source: t.source,
      }
    : null;
  const placeChanges = db
    .prepare<[number], PlaceChange>(
      'SELECT id, date, change, note FROM place_changes WHERE household_id = ? ORDER BY date, id',
    )
    .all(householdId);
  const placesToday =
    terms?.places == null
      ? null
      : terms.places + placeChanges.filter((c) => c.date <= today).reduce((s, c) => s + c.change, 0);
  return { householdId, people, terms, placeChanges, placesToday, approvedOn: approvedOn(db, householdId) };
}

function personRow(db: Db, householdId: number, id: number): PersonRow {
  const row = db
    .prepare<[number, number], PersonRow>('SELECT * FROM household_people WHERE id = ? AND household_id = ?')
    .get(id, householdId);
  if (!row) throw new ApiError('not_found', `This household has no person with id ${id}.`, 'id');
  return row;
}

function positionTaken(db: Db, householdId: number, position: number, exceptId: number | null): boolean {
  return !!db
    .prepare<[number, number, number], number>(
      'SELECT 1 FROM household_people WHERE household_id = ? AND position = ? AND left_on IS NULL AND id <> ?',
    )
    .pluck()
    .get(householdId, position, exceptId ?? 0);
}

/** Adds a person (no id) or corrects one, by hand. */
export function savePerson(
  db: Db,
  user: string,
  input: { householdId: number; id?: number | undefined; position: 1 | 2; person: PersonInput },
  today: string,
): void {
  db.transaction(() => {
    const h = getRow(db, input.householdId);
    const now = nowIso();
    const before = input.id ? personRow(db, input.householdId, input.id) : null;
    if (before?.left_on) {
      throw new ApiError(
        'refused',
        'This carer has left the household: their details can no longer change.',
        'id',
      );
    }
    // Checked when it changes: a date stored before these rules does not block other corrections.
    const joinedOn = input.person.joinedOn;
    const late = joinedOn && joinedOn !== before?.joined_on && joiningFault(joinedOn, span(db, h), today);
    if (late) throw new ApiError('invalid_input', late, 'person.joinedOn');
    const born = input.person.dateOfBirth;
    const unborn = born && born !== before?.date_of_birth && birthFault(born, today);
    if (unborn) throw new ApiError('invalid_input', unborn, 'person.dateOfBirth');
    if (positionTaken(db, input.householdId, input.position, input.id ?? null)) {
      throw new ApiError(
        'refused',
        `This household already has a carer ${input.position}: record that they left, or correct their details.`,
        'position',
      );
    }
    const values = personValues(input.person);
    let id = input.id ?? 0;
    if (before) {
      db.prepare(
        `UPDATE household_people SET position = ?, ${PERSON_COLUMNS.map((c) => `${c} = ?`).join(', ')},
           source = 'hand', batch_id = NULL, updated_at = ? WHERE id = ?`,
      ).run(input.position, ...values, now, before.id);
    } else {
      id = Number(
        db
          .prepare(
            `INSERT INTO household_people (household_id, position, ${PERSON_COLUMNS.join(', ')}, source, created_at, updated_at)
             VALUES (?, ?, ${PERSON_COLUMNS.map(() => '?').join(', ')}, 'hand', ?, ?)`,
          )
          .run(input.householdId, input.position, ...values, now, now).lastInsertRowid,
      );
    }
    // The search finds the household by its carers' own names too.
    nameParts(db).syncHousehold(input.householdId);
    const changed = PERSON_COLUMNS.filter((c, i) => (before ? before[c] : null) !== values[i]);
    writeAudit(
      db,
      {
        user,
        action: before ? 'update' : 'create',
        entity: 'carer',
        householdId: input.householdId,
        entityId: id,
        field: `carer${input.position}`,
        oldValue: before ? Object.fromEntries(changed.map((c) => [c, before[c]])) : null,
        newValue: Object.fromEntries(changed.map((c) => [c, values[PERSON_COLUMNS.indexOf(c)]])),
      },
      now,
    );
  })();
}

/** A carer leaves a household that stays approved (or an applicant drops out of a couple). */
export function recordPersonLeft(
  db: Db,
  user: string,
  input: { householdId: number; id: number; date: string },
  today: string,
): void {
  db.transaction(() => {
    const p = personRow(db, input.householdId, input.id);
    if (p.left_on) throw new ApiError('refused', `They already left on ${formatUkDate(p.left_on)}.`, 'id');
    const bad = leavingFault(input.date, p.joined_on, span(db, getRow(db, input.householdId)), today);
    if (bad) throw new ApiError('invalid_input', `date: ${bad}`, 'date');
    const now = nowIso();
    db.prepare('UPDATE household_people SET left_on = ?, updated_at = ? WHERE id = ?').run(
      input.date,
      now,
      p.id,
    );
    writeAudit(
      db,
      {
        user,
        action: 'update',
        entity: 'carer',
        householdId: input.householdId,
        entityId: p.id,
        field: 'left_on',
        oldValue: null,
        newValue: input.date,
      },
      now,
    );
  })();
}

/** Removes a person entered by mistake (a carer who left is recorded with recordPersonLeft instead). */
export function deletePerson(db: Db, user: string, input: { householdId: number; id: number }): void {
  db.transaction(() => {
    const p = personRow(db, input.householdId, input.id);
    db.prepare('DELETE FROM household_people WHERE id = ?').run(p.id);
    nameParts(db).syncHousehold(input.householdId);
    writeAudit(db, {
      user,
      action: 'delete',
      entity: 'carer',
      householdId: input.householdId,
      entityId: p.id,
      field: `carer${p.position}`,
      oldValue: Object.fromEntries(PERSON_COLUMNS.map((c) => [c, p[c]])),
      newValue: null,
    });
  })();
}

/**
 * Moves a merged duplicate's people, approval terms and changes of places to the household kept
 * (they were deleted with it), unless the engine's mergeCarersFault refuses it (both hold a current
 * carer at the same position, or both hold terms or changes of places), naming the clash.
 */
export function moveCarers(
  db: Db,
  from: { id: number; reference: string },
  to: { id: number; reference: string },
): void {
  const positions = db
    .prepare<[number], number>(
      'SELECT position FROM household_people WHERE household_id = ? AND left_on IS NULL',
    )
    .pluck();
  const approval = db
    .prepare<[number, number], number>(
      `SELECT (SELECT COUNT(*) FROM approval_terms WHERE household_id = ?)
            + (SELECT COUNT(*) FROM place_changes WHERE household_id = ?)`,
    )
    .pluck();
  const facts = (h: { id: number; reference: string }): MergingCarers => ({
    reference: h.reference,
    positions: positions.all(h.id),
    approvalFacts: approval.get(h.id, h.id)! > 0,
  });
  const clash = mergeCarersFault(facts(from), facts(to));
  if (clash) throw new ApiError('rule_violation', clash, 'mergeReference');
  for (const table of ['household_people', 'approval_terms', 'place_changes'] as const)
    db.prepare(`UPDATE ${table} SET household_id = ? WHERE household_id = ?`).run(to.id, from.id);
}
