import type { Migration } from './types.ts';

/**
 * The audit log's copies of the reasons an exit interview not held (declined, or offered) kept:
 * migration 32 deleted the interview's own rows and the episodes record's copies, but every save of
 * an interview is logged with what was saved (db/queries/households-endings.ts saveExitInterview:
 * `new_value` a JSON object with its `status` and `reasons`), and before 1754d22 a declined or
 * offered interview was saved with whatever was ticked on its form. Personal data that means
 * nothing, still given by the subject access export (the household's audit entries) after 32.
 * Such an entry now says no reasons (`[]`), as a save of one is logged now; all else it says
 * (status, dates, who, notes, might return) is left as it was, as is every held interview's entry.
 * One statement: the audit log read once (no index holds `entity`), only interviews' entries parsed.
 */
export const migration0034: Migration = {
  version: 34,
  name: 'audit-reasons-of-interviews-not-held',
  up(db) {
    db.exec(`
      UPDATE audit_log SET new_value = json_set(new_value, '$.reasons', json('[]'))
        WHERE entity = 'exit_interview'
          AND CASE WHEN json_valid(new_value)
            THEN json_type(new_value, '$.reasons') = 'array'
              AND json_array_length(new_value, '$.reasons') > 0
              AND json_extract(new_value, '$.status') IS NOT 'held'
          END;
    `);
  },
};
