import type { Migration } from './types.ts';

/**
 * Import row marks (issue 12: an unchanged re-import under 20 % of the first import). A mark
 * says "this household is what the file row with this hash made it, read with these settings":
 * a re-import meets that row again and counts it unchanged without parsing or planning it.
 *
 * A mark is only true while the household stays as the import left it, so every write to what
 * an import compares deletes it, by triggers rather than by each writer remembering to: the
 * household's details, episode, pathway, erasure and last change (`updated_at`, which every
 * hand edit sets), its milestones, closures and cessations. Summary columns (status, stage,
 * alerts, search text) are left out on purpose: they are recomputed from the rows above, and
 * the daily refresh would otherwise wipe every mark. Deleting a household takes its mark with
 * it (the foreign key, and a trigger for connections without foreign keys).
 */
export const migration0012: Migration = {
  version: 12,
  name: 'import-row-marks',
  up(db) {
    const forget = (id: string) => `DELETE FROM import_row_marks WHERE household_id = ${id};`;
    const trigger = (name: string, when: string, body: string) =>
      `CREATE TRIGGER ${name} ${when} BEGIN ${body} END;`;
    const journey = ['milestones', 'closures', 'cessations'].flatMap((t) => [
      trigger(`${t}_insert_forgets_mark`, `AFTER INSERT ON ${t}`, forget('NEW.household_id')),
      trigger(
        `${t}_update_forgets_mark`,
        `AFTER UPDATE ON ${t}`,
        forget('OLD.household_id') + forget('NEW.household_id'),
      ),
      trigger(`${t}_delete_forgets_mark`, `AFTER DELETE ON ${t}`, forget('OLD.household_id')),
    ]);
    db.exec(`
      CREATE TABLE import_row_marks (
        household_id INTEGER PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
        row_hash TEXT NOT NULL,
        checked_on TEXT NOT NULL
      ) STRICT;
      ${trigger(
        'households_update_forgets_mark',
        `AFTER UPDATE OF id, reference, reference_derived, pathway, first_name, surname, email, telephone,
          postcode, source, household_type, notes, episode, responded_date, purged_at, updated_at ON households`,
        forget('OLD.id') + forget('NEW.id'),
      )}
      ${trigger('households_delete_forgets_mark', 'AFTER DELETE ON households', forget('OLD.id'))}
      ${journey.join('\n')}
    `);
  },
};
