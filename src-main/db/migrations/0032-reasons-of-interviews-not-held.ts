import type { Migration } from './types.ts';

/**
 * The reasons an exit interview not held (declined, or offered and not yet held) holds, deleted:
 * only a held interview gives any, and the app now stores none for another (domain/order-rules
 * reasonsGiven), but interviews recorded before kept whatever was ticked on the form (ticked, then
 * the status changed) and the sample generator gave them one. Personal data that means
 * nothing: never counted, not shown on the form or in the drills, yet in the subject access export
 * and the CLI's `household` until the interview was next saved. Wherever reasons are stored:
 * - exit_interview_reasons, the interview's own rows (closure and cessation interviews alike);
 * - the episodes record's copies (db/episodes.ts), closure_exit_reasons on an episode whose
 *   closure's interview (exit_interview) is not held and cessation_exit_reasons on one whose
 *   cessation's (cessation_exit_interview) is not, made null as a rebuild now makes them.
 * One statement a table. At 1,000,000 households (195,528 such rows, made by the generator before
 * it changed) the delete reads the interviews not held and each one's rows by key; the update
 * reads every episode once and rewrites those 195,528 (neither column is in an index an interview
 * not held is in, bar the cessations' episodes_by_cessation, ~4,000 entries).
 * The answer "might return later" is left as stored: it is shown and exported for an interview
 * not held (the record's form, `household`, the households list's export), as its notes are.
 */
export const migration0032: Migration = {
  version: 32,
  name: 'reasons-of-interviews-not-held',
  up(db) {
    db.exec(`
      DELETE FROM exit_interview_reasons
        WHERE interview_id IN (SELECT id FROM exit_interviews WHERE status <> 'held');
      UPDATE episodes SET
          closure_exit_reasons = CASE WHEN exit_interview = 'held' THEN closure_exit_reasons END,
          cessation_exit_reasons = CASE WHEN cessation_exit_interview = 'held' THEN cessation_exit_reasons END
        WHERE (closure_exit_reasons IS NOT NULL AND exit_interview IS NOT 'held')
          OR (cessation_exit_reasons IS NOT NULL AND cessation_exit_interview IS NOT 'held');
    `);
  },
};
