import type { Migration } from './types.ts';

/**
 * Each household's people as one value, for the diversity table (issue 12): `people` is a JSON
 * array per person (sex, ethnicity, disability, religion, sexual orientation, gender identity,
 * relationship status, as stored: NULL, or any text, even outside the vocabulary), joined by
 * char(30), which JSON text never holds unescaped: each person's own text is the key to count them by.
 * The table counts households by that one value and the people in it once per distinct value,
 * instead of joining every cohort household to its people and grouping by seven columns.
 *
 * Kept by triggers on household_people, so every writer keeps it with no code of its own (hand
 * edits, import and its undo, merge, purge and erasure, the sample): an added person is appended;
 * a changed, moved or removed one makes its household's value again from its people. A household
 * with nobody entered has no row. No foreign key: a household's deletion removes its people one
 * by one, and the last one's trigger removes the row. `people` may be NULL only inside an
 * erasure (db/erase.ts blanks it, then blanks the people, whose trigger makes it again: a value
 * of nulls per person, which the table counts as erased). Written out here, not read from
 * domain/characteristics.ts, so this shipped migration never changes.
 */
export const PROFILE_ORDER = [
  'sex',
  'ethnicity',
  'disability',
  'religion',
  'sexual_orientation',
  'gender_identity',
  'relationship_status',
] as const;
/** One person's value; the diversity table (db/queries/diversity.ts) reads it in PROFILE_ORDER. */
const PERSON = `json_array(${PROFILE_ORDER.join(', ')})`;
/** The same, of the row a trigger names (NEW): each column prefixed. */
const of = (row: string) => PERSON.replace(/\(|, /g, (m) => `${m}${row}.`);

/** Makes household `id`'s value again from its people (none: no row). */
const remake = (id: string, when = '') => `
  DELETE FROM people_profiles WHERE household_id = ${id}${when};
  INSERT INTO people_profiles (household_id, people)
    SELECT household_id, group_concat(${PERSON}, char(30)) FROM household_people
    WHERE household_id = ${id}${when} GROUP BY household_id;`;

export const migration0010: Migration = {
  version: 10,
  name: 'people-profiles',
  up(db) {
    db.exec(`
      CREATE TABLE people_profiles (
        household_id INTEGER PRIMARY KEY,
        people TEXT
      ) STRICT;
      INSERT INTO people_profiles (household_id, people)
        SELECT household_id, group_concat(${PERSON}, char(30)) FROM household_people GROUP BY household_id;

      CREATE TRIGGER household_people_profile_insert AFTER INSERT ON household_people BEGIN
        INSERT INTO people_profiles (household_id, people) VALUES (NEW.household_id, ${of('NEW')})
          ON CONFLICT (household_id) DO UPDATE SET people = people || char(30) || excluded.people;
      END;
      CREATE TRIGGER household_people_profile_delete AFTER DELETE ON household_people BEGIN
        ${remake('OLD.household_id')}
      END;
      CREATE TRIGGER household_people_profile_update AFTER UPDATE OF household_id, sex, ethnicity, disability,
        religion, sexual_orientation, gender_identity, relationship_status ON household_people BEGIN
        ${remake('OLD.household_id')}
        ${remake('NEW.household_id', ' AND NEW.household_id <> OLD.household_id')}
      END;
    `);
  },
};
