import { refreshSummaries } from '../../../src-main/db/queries/summary.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/** Text a spreadsheet would take for a formula, put in the closures' notes by sampleApp. */
export const HOSTILE = '=HYPERLINK("http://evil.example","click")';

/**
 * The purge tests' sample: 600 households on 26/11/2026, with free text in every personal
 * column (hostile to spreadsheets too), multi-part surnames and an audit entry for each.
 */
export async function sampleApp(): Promise<TestApp> {
  const app = await testApp({ today: '2026-11-26' });
  await app.call('system.generateSample', { households: 600, seed: 11 });
  const db = app.ctx.store.db;
  // Free text in every personal column, hostile to spreadsheets too.
  db.prepare(`UPDATE households SET notes = 'Lives with ' || first_name || ' ' || surname`).run();
  db.prepare(`UPDATE closures SET reason_text = 'Told us: ' || id, notes = ?`).run(HOSTILE);
  db.prepare(`UPDATE cessations SET reason_text = 'Carer said ' || id, notes = 'private'`).run();
  db.prepare(`UPDATE exit_interviews SET notes = 'Interview notes ' || id`).run();
  // Multi-part surnames (the sample has none), whose later parts the search keeps in a table of
  // their own (migration 31): every other household's, as the writers of a name keep them.
  db.prepare(
    `UPDATE households SET surname = 'Van den ' || surname || '-Quillfeather' WHERE id % 2 = 0`,
  ).run();
  refreshSummaries(db, db.prepare('SELECT id FROM households WHERE id % 2 = 0').pluck().all() as number[]);
  db.prepare(
    `INSERT INTO audit_log (at, user, action, household_id, entity, field, old_value, new_value)
     SELECT '2026-01-01T00:00:00Z', 'tester', 'update', id, 'household', 'surname', json_quote(surname), '"X"'
     FROM households`,
  ).run();
  return app;
}
