import type { Migration } from './types.ts';

/**
 * The exit interview after a cessation, on the episode it ends: the leaving table counts the
 * cessations of each period by their interview (held, declined, offered and not yet held, none),
 * and the reasons given in those held and whether the carer might return later, as the drop-out
 * table counts closures by theirs (`exit_interview`, migration 7). Reports read the episodes
 * record alone (db/episodes.ts), so these are three columns there, at the end of the table:
 * - `cessation_exit_interview`: the interview's status;
 * - `cessation_might_return`: 1 might return later, 0 not, null not known;
 * - `cessation_exit_reasons`: the reasons given, a JSON array of leaving reason keys in key order,
 *   null for none.
 * They are filled from the interviews already recorded, on the episode that holds the cessation
 * (`ceased_on`, its household's latest approved episode), written out here as at version 25, never
 * generated from today's builder; and read through one covering index of the ceased episodes only
 * (a few per hundred), in the order of the cessation date.
 */
export const migration0025: Migration = {
  version: 25,
  name: 'cessation-exit-interviews',
  up(db) {
    // Only where missing, as 23's: the migration can run again on a file at this schema marked
    // older, as tests make one (the filling and the index are the same either way).
    const has = new Set(
      db.prepare<[], string>("SELECT name FROM pragma_table_info('episodes')").pluck().all(),
    );
    if (!has.has('cessation_exit_interview'))
      db.exec(`ALTER TABLE episodes ADD COLUMN cessation_exit_interview TEXT
        CHECK (cessation_exit_interview IN ('offered', 'held', 'declined'))`);
    if (!has.has('cessation_might_return'))
      db.exec(
        'ALTER TABLE episodes ADD COLUMN cessation_might_return INTEGER CHECK (cessation_might_return IN (0, 1))',
      );
    if (!has.has('cessation_exit_reasons'))
      db.exec('ALTER TABLE episodes ADD COLUMN cessation_exit_reasons TEXT');
    db.exec(`
      UPDATE episodes SET (cessation_exit_interview, cessation_might_return, cessation_exit_reasons) = (
        SELECT ei.status, ei.might_return,
          (SELECT json_group_array(r.reason_key ORDER BY r.reason_key) FROM exit_interview_reasons r
            WHERE r.interview_id = ei.id HAVING COUNT(*) > 0)
        FROM cessations cs JOIN exit_interviews ei ON ei.cessation_id = cs.id
        WHERE cs.household_id = episodes.household_id)
      WHERE ceased_on IS NOT NULL;
      CREATE INDEX IF NOT EXISTS episodes_by_cessation ON episodes (ceased_on, cessation_exit_interview,
        cessation_might_return, cessation_exit_reasons, pathway, switched_on, switched_to, first_switched_on)
        WHERE ceased_on IS NOT NULL;
    `);
  },
};
