import { episodePathwayReader } from '../episodes.ts';
import type { EpisodePathway } from '../../domain/episode-pathway.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';
import { fromBatch, journeyRows } from '../journey-rows.ts';
import { CHARACTERISTICS } from '../../domain/characteristics.ts';
import type { JourneyDateKind } from '../../domain/journey-dates.ts';

/**
 * What an import reads and writes of a household's carers, approval terms and journey dates
 * (issues 14 and 15): the SQL behind import/apply/extras.ts. Every write carries source
 * 'import' and its batch; the audit entries that undo replays are written beside it, with the
 * previous values, source and batch, so undo restores exactly what was there.
 */

/** household_people's columns an import may fill, in one fixed order (SQL is built only from it). */
export const PERSON_COLUMNS = ['first_name', 'surname', 'date_of_birth', ...CHARACTERISTICS] as const;
export type PersonColumnName = (typeof PERSON_COLUMNS)[number];
const TERMS_COLUMNS = ['places', 'age_from', 'age_to', 'short_breaks', 'parent_and_child'] as const;
export type TermsColumn = (typeof TERMS_COLUMNS)[number];

export type Provenanced = { source: 'hand' | 'import'; batch_id: number | null };
export type PersonNow = { id: number; position: 1 | 2 } & Record<PersonColumnName, string | null> &
  Provenanced;
export type TermsNow = Record<TermsColumn, number | null> & Provenanced;
/** A person recorded as having left the household (by hand: a register does not say when). */
export interface PersonLeft {
  id: number;
  position: 1 | 2;
  first_name: string | null;
  surname: string | null;
  date_of_birth: string | null;
  left_on: string;
}
export interface JourneyNow extends Provenanced {
  id: number;
  kind: JourneyDateKind;
  date: string;
  detail: string | null;
  reason: string | null;
  weeks: number | null;
}
/** `weeks` absent: the length held is left as it is (an undo of an import from before lengths were read). */
export type JourneyValues = Pick<JourneyNow, 'date' | 'detail' | 'reason'> & { weeks?: number | null };

const isPersonColumn = (c: string): c is PersonColumnName =>
  (PERSON_COLUMNS as readonly string[]).includes(c);

/** Reads for the plan: one prepared statement each, run per matched household. */
export class ExtrasReader {
  readonly #people;
  readonly #left;
  readonly #terms;
  readonly #journey;
  readonly #placeChanges;
  readonly #episodePathway;
  constructor(db: Db) {
    this.#episodePathway = episodePathwayReader(db);
    this.#people = db.prepare<[number], PersonNow>(
      `SELECT id, position, ${PERSON_COLUMNS.join(', ')}, source, batch_id FROM household_people
       WHERE household_id = ? AND left_on IS NULL`,
    );
    this.#left = db.prepare<[number], PersonLeft>(
      `SELECT id, position, first_name, surname, date_of_birth, left_on FROM household_people
       WHERE household_id = ? AND left_on IS NOT NULL ORDER BY left_on DESC, id DESC`,
    );
    this.#terms = db.prepare<[number], TermsNow>(
      `SELECT ${TERMS_COLUMNS.join(', ')}, source, batch_id FROM approval_terms WHERE household_id = ?`,
    );
    this.#placeChanges = db
      .prepare<[number, string], number>(
        'SELECT change FROM place_changes WHERE household_id = ? AND date <= ? ORDER BY date, id',
      )
      .pluck();
    this.#journey = db.prepare<[number, number], JourneyNow>(
      `SELECT id, kind, date, detail, reason, weeks, source, batch_id FROM journey_dates
       WHERE household_id = ? AND episode = ?`,
    );
  }
  currentPeople(householdId: number): PersonNow[] {
    return this.#people.all(householdId);
  }
  /** Those who left, latest first (read only for a row naming a carer the household lacks or who differs). */
  leftPeople(householdId: number): PersonLeft[] {
    return this.#left.all(householdId);
  }
  terms(householdId: number): TermsNow | null {
    return this.#terms.get(householdId) ?? null;
  }
  journey(householdId: number, episode: number): JourneyNow[] {
    return this.#journey.all(householdId, episode);
  }
  /** The episode's pathway record: a kinship step dated while it was on kinship stays one after a switch. */
  episodePathway(householdId: number, episode: number): EpisodePathway | null {
    return this.#episodePathway(householdId, episode) ?? null;
  }
  /** The places added (+) and removed (−) since approval, up to `on`, in date order. */
  placeChanges(householdId: number, on: string): number[] {
    return this.#placeChanges.all(householdId, on);
  }
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Writes for the commit (inside its transaction); statements prepared once per connection. */
export class ExtrasWriter {
  readonly #db: Db;
  readonly #byColumns = new Map<string, Statement<unknown[]>>();
  readonly #audit;
  readonly #terms;
  readonly #rows;
  constructor(db: Db) {
    this.#db = db;
    this.#audit = db.prepare(
      `INSERT INTO audit_log (at, user, action, household_id, batch_id, entity, entity_id, field, old_value, new_value, reason)
       VALUES (?, ?, 'import', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#terms = db.prepare(
      `INSERT INTO approval_terms (household_id, ${TERMS_COLUMNS.join(', ')}, source, batch_id, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'import', ?, ?)
       ON CONFLICT (household_id) DO UPDATE SET places = excluded.places, age_from = excluded.age_from,
         age_to = excluded.age_to, short_breaks = excluded.short_breaks,
         parent_and_child = excluded.parent_and_child, source = 'import', batch_id = excluded.batch_id,
         updated_at = excluded.updated_at`,
    );
    this.#rows = journeyRows(db);
  }

  #statement(key: string, sql: () => string): Statement<unknown[]> {
    let st = this.#byColumns.get(key);
    if (!st) this.#byColumns.set(key, (st = this.#db.prepare(sql())));
    return st;
  }

  audit(
    e: { at: string; user: string; householdId: number; batchId: number },
    entity: 'carer' | 'approval_terms' | 'place_change' | 'journey_date',
    entityId: number,
    field: string,
    oldValue: unknown,
    newValue: unknown,
  ): void {
    this.#audit.run(
      e.at,
      e.user,
      e.householdId,
      e.batchId,
      entity,
      entityId,
      field,
      json(oldValue),
      json(newValue),
      `import batch ${e.batchId}`,
    );
  }

  insertPerson(
    householdId: number,
    position: 1 | 2,
    values: Partial<Record<PersonColumnName, string>>,
    batchId: number,
    now: string,
    joinedOn: string | null = null,
  ): number {
    const cols = PERSON_COLUMNS.filter((c) => values[c] !== undefined);
    const st = this.#statement(
      `insert:${cols.join(',')}`,
      () =>
        `INSERT INTO household_people (household_id, position, ${cols.map((c) => `${c}, `).join('')}joined_on, source, batch_id, created_at, updated_at)
         VALUES (?, ?, ${cols.map(() => '?, ').join('')}?, 'import', ?, ?, ?)`,
    );
    return Number(
      st.run(householdId, position, ...cols.map((c) => values[c]), joinedOn, batchId, now, now)
        .lastInsertRowid,
    );
  }

  /** Sets the given columns (and the provenance) of one person. */
  updatePerson(id: number, values: Record<string, unknown>, provenance: Provenanced, now: string): void {
    const cols = PERSON_COLUMNS.filter((c) => c in values);
    const st = this.#statement(
      `update:${cols.join(',')}`,
      () =>
        `UPDATE household_people SET ${cols.map((c) => `${c} = ?, `).join('')}source = ?, batch_id = ?, updated_at = ?
         WHERE id = ?`,
    );
    st.run(...cols.map((c) => values[c] ?? null), provenance.source, provenance.batch_id, now, id);
  }

  deletePerson(id: number): void {
    this.#statement('delete:person', () => 'DELETE FROM household_people WHERE id = ?').run(id);
  }

  insertPlaceChange(
    householdId: number,
    c: { date: string; change: number },
    batchId: number,
    now: string,
  ): number {
    return Number(
      this.#statement(
        'insert:place',
        () =>
          `INSERT INTO place_changes (household_id, date, change, source, batch_id, created_at)
           VALUES (?, ?, ?, 'import', ?, ?)`,
      ).run(householdId, c.date, c.change, batchId, now).lastInsertRowid,
    );
  }

  deletePlaceChange(id: number): void {
    this.#statement('delete:place', () => 'DELETE FROM place_changes WHERE id = ?').run(id);
  }

  saveTerms(householdId: number, t: Record<TermsColumn, number | null>, batchId: number, now: string): void {
    this.#terms.run(householdId, ...TERMS_COLUMNS.map((c) => t[c]), batchId, now);
  }

  restoreTerms(householdId: number, old: TermsNow | null, now: string): void {
    if (!old) {
      this.#statement('delete:terms', () => 'DELETE FROM approval_terms WHERE household_id = ?').run(
        householdId,
      );
      return;
    }
    this.#statement(
      'restore:terms',
      () =>
        `UPDATE approval_terms SET ${TERMS_COLUMNS.map((c) => `${c} = ?, `).join('')}source = ?, batch_id = ?, updated_at = ?
         WHERE household_id = ?`,
    ).run(...TERMS_COLUMNS.map((c) => old[c]), old.source, old.batch_id, now, householdId);
  }

  insertJourney(
    householdId: number,
    episode: number,
    kind: JourneyDateKind,
    v: JourneyValues,
    batchId: number,
  ): number {
    return this.#rows.addStep(householdId, episode, kind, v, fromBatch(batchId));
  }

  updateJourney(id: number, v: JourneyValues, batchId: number): void {
    this.#rows.setStepById(id, v, fromBatch(batchId));
  }

  restoreJourney(id: number, old: (JourneyValues & Provenanced) | null): void {
    if (!old) return this.#rows.removeStepById(id);
    this.#rows.setStepById(id, old, { source: old.source, batchId: old.batch_id });
  }
}

/** The person columns of an audit value (anything else in it is ignored). */
export const personColumnsOf = (v: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(v).filter(([k]) => isPersonColumn(k)));
