import type { Db } from '../open.ts';
import { foldForSearch } from '../../domain/fold.ts';
import { nameParts } from '../name-parts.ts';

/**
 * The sample generator's rows other than the journey's (those go through db/journey-rows.ts, like
 * every other writer's): households with their summary columns, exit
 * interviews, carers, approval terms and place changes. Everything it writes is typed "by hand",
 * as a team entering those households would have. Positional statements: a bench sample is a
 * million households.
 */

export function sampleRows(db: Db) {
  const nextNumber = db
    .prepare<[], number>(
      "SELECT COALESCE(MAX(CAST(substr(reference, 3) AS INTEGER)), 0) FROM households WHERE reference GLOB 'FF[0-9]*'",
    )
    .pluck();
  const household = db.prepare(`INSERT INTO households
    (reference, pathway, first_name, surname, email, telephone, postcode, source, household_type, responded_date, episode,
     status, stage, stage_date, enquiry_date, created_at, updated_at, first_name_fold, surname_fold)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const interview = db.prepare(`INSERT INTO exit_interviews
    (household_id, closure_id, cessation_id, status, offered_date, held_date, held_by, notes, might_return)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const interviewReason = db.prepare(
    'INSERT INTO exit_interview_reasons (interview_id, list, reason_key) VALUES (?, ?, ?)',
  );
  const person = db.prepare(
    `INSERT INTO household_people (household_id, position, first_name, surname, date_of_birth, sex, ethnicity,
       disability, religion, sexual_orientation, gender_identity, relationship_status, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'hand', ?, ?)`,
  );
  const terms = db.prepare(
    `INSERT INTO approval_terms (household_id, places, age_from, age_to, short_breaks, parent_and_child, source, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'hand', ?)`,
  );
  const placeChange = db.prepare(
    `INSERT INTO place_changes (household_id, date, change, note, source, created_at) VALUES (?, ?, ?, ?, 'hand', ?)`,
  );
  const parts = nameParts(db);
  type Cell = string | number | null;
  return {
    /** The next free sample number: read inside the write transaction so two runs on one file cannot collide. */
    nextSampleNumber: (): number => nextNumber.get() ?? 0,
    /** Columns in the statement's order: reference … enquiry_date, created_at, updated_at (the folded names and the names' parts follow from them). */
    addHousehold: (...values: Cell[]): number => {
      const names = { first_name: values[2] as string | null, surname: values[3] as string | null };
      const id = Number(
        household.run(...values, foldForSearch(names.first_name), foldForSearch(names.surname))
          .lastInsertRowid,
      );
      parts.add(id, names);
      return id;
    },
    addInterview: (...values: Cell[]): number => Number(interview.run(...values).lastInsertRowid),
    addInterviewReason: (interviewId: number, list: string, reasonKey: string) => {
      interviewReason.run(interviewId, list, reasonKey);
    },
    addPerson: (...values: Cell[]) => {
      person.run(...values);
    },
    /**
     * After a household's carers: the parts of their names the search finds it by beyond its own,
     * which addHousehold wrote (db/name-parts.ts).
     */
    addPeopleParts: (
      id: number,
      names: { first_name: string; surname: string },
      people: Array<{ first_name: string; surname: string }>,
    ) => {
      parts.addPeople(id, names, people);
    },
    addTerms: (...values: Cell[]) => {
      terms.run(...values);
    },
    addPlaceChange: (...values: Cell[]) => {
      placeChange.run(...values);
    },
  };
}
