import type { Migration } from './types.ts';

/**
 * What applicants said in the exit interview after a closure, on the episode it closes: the
 * drop-out table counts, of the closures of each period whose interview was held, the drop-out
 * reasons given and those who said they might return later, as the leaving table counts what
 * carers said (migration 25). The closure's interview status is already there (`exit_interview`,
 * migration 7); reports read the episodes record alone (db/episodes.ts), so two columns join it
 * at the end of the table:
 * - `closure_might_return`: 1 might return later, 0 not, null not known;
 * - `closure_exit_reasons`: the reasons given, a JSON array of drop-out reason keys in key order,
 *   null for none.
 * Both as recorded, whatever the interview's status (an interview offered or declined can carry
 * them too: the record's form keeps what was ticked); the reports count a held interview's alone.
 * Filled from the interviews already recorded, written out here as at version 28, never
 * generated from today's builder; read through one covering index of the closures whose
 * interview was held only, in the order of the closure date.
 */
export const migration0028: Migration = {
  version: 28,
  name: 'closure-exit-interview-answers',
  up(db) {
    // Only where missing, as 25's: the migration can run again on a file at this schema marked older,
    // as tests make one (tests/support/old-schema.ts drops this migration's index first: migration 27
    // remakes the episodes table without these columns and then every index it finds). A real file's
    // version always matches its schema: each migration and its version are one transaction.
    const has = new Set(
      db.prepare<[], string>("SELECT name FROM pragma_table_info('episodes')").pluck().all(),
    );
    if (!has.has('closure_might_return'))
      db.exec(
        'ALTER TABLE episodes ADD COLUMN closure_might_return INTEGER CHECK (closure_might_return IN (0, 1))',
      );
    if (!has.has('closure_exit_reasons'))
      db.exec('ALTER TABLE episodes ADD COLUMN closure_exit_reasons TEXT');
    db.exec(`
      UPDATE episodes SET (closure_might_return, closure_exit_reasons) = (
        SELECT ei.might_return,
          (SELECT json_group_array(r.reason_key ORDER BY r.reason_key) FROM exit_interview_reasons r
            WHERE r.interview_id = ei.id HAVING COUNT(*) > 0)
        FROM closures c JOIN exit_interviews ei ON ei.closure_id = c.id
        WHERE c.household_id = episodes.household_id AND c.episode = episodes.episode)
      WHERE closed_on IS NOT NULL;
      CREATE INDEX IF NOT EXISTS episodes_by_closure_interview ON episodes (closed_on, closed_stage,
        closure_might_return, closure_exit_reasons, pathway, switched_on, switched_to, first_switched_on)
        WHERE exit_interview = 'held';
    `);
  },
};
