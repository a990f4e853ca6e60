import type { Migration } from './types.ts';

/**
 * A household's people and its approval terms, for the Ofsted return (carers and places at
 * 31 March, carer characteristics) and the diversity report:
 * - `household_people`: carer 1 and carer 2 (or applicant 1 and 2 before approval), each
 *   characteristic optional (NULL = not recorded; keys from domain/characteristics.ts,
 *   checked by the contract and the import, not by CHECK, so a category can be added without
 *   rebuilding the table). `left_on` is the date a carer left a household that stays
 *   approved; a new partner is a new row in the freed position.
 * - `approval_terms`: the terms at approval (places, age range, short breaks, parent and
 *   child); NULL = not recorded.
 * - `place_changes`: dated additions (+) and removals (−) of places after approval; places on
 *   a date = approval_terms.places + the changes dated on or before it.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'carers-and-places',
  up(db) {
    db.exec(`
      CREATE TABLE household_people (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position IN (1, 2)),
        first_name TEXT,
        surname TEXT,
        date_of_birth TEXT,
        sex TEXT,
        ethnicity TEXT,
        disability TEXT,
        religion TEXT,
        sexual_orientation TEXT,
        gender_identity TEXT,
        relationship_status TEXT,
        left_on TEXT,
        source TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX household_people_by_household ON household_people (household_id, position);
      CREATE UNIQUE INDEX household_people_by_current_position ON household_people (household_id, position)
        WHERE left_on IS NULL;

      CREATE TABLE approval_terms (
        household_id INTEGER PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
        places INTEGER CHECK (places IS NULL OR places BETWEEN 0 AND 20),
        age_from INTEGER CHECK (age_from IS NULL OR age_from BETWEEN 0 AND 25),
        age_to INTEGER CHECK (age_to IS NULL OR age_to BETWEEN 0 AND 25),
        short_breaks INTEGER CHECK (short_breaks IN (0, 1)),
        parent_and_child INTEGER CHECK (parent_and_child IN (0, 1)),
        source TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        updated_at TEXT NOT NULL,
        CHECK (age_from IS NULL OR age_to IS NULL OR age_from <= age_to)
      ) STRICT;

      CREATE TABLE place_changes (
        id INTEGER PRIMARY KEY,
        household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        change INTEGER NOT NULL CHECK (change <> 0 AND change BETWEEN -20 AND 20),
        note TEXT,
        source TEXT NOT NULL DEFAULT 'hand' CHECK (source IN ('hand', 'import')),
        batch_id INTEGER REFERENCES import_batches (id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX place_changes_by_household ON place_changes (household_id, date);
    `);
  },
};
