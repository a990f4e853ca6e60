import { describe, expect, it } from 'vitest';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp } from '../../support/temp.ts';

/**
 * The sample households keep the rule every writer keeps: nothing of an episode is dated after its
 * ending. The sample wrote a reg 25 extension 100 days after a placement whatever the closure, so
 * about one kinship household in three hundred had its temporary approval extended after it closed.
 */
describe('the sample data', () => {
  it('dates no step after its episode’s closure or the cessation', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    generateSample(db, { households: 3000, seed: 1, today: '2026-11-26' });
    expect(db.prepare('SELECT COUNT(*) FROM journey_dates').pluck().get()).toBeGreaterThan(100);
    /** The steps dated after their episode's ending, where `endings` lists (household_id, episode, date). */
    const stepsAfter = (endings: string) =>
      db
        .prepare(
          `SELECT h.reference, j.kind, j.date, e.date AS ended
             FROM journey_dates j
             JOIN (${endings}) e ON e.household_id = j.household_id AND e.episode = j.episode
             JOIN households h ON h.id = j.household_id
            WHERE j.date > e.date`,
        )
        .all();
    expect(stepsAfter('SELECT household_id, episode, date FROM closures')).toEqual([]);
    // A cessation ends the household's current episode.
    expect(
      stepsAfter(
        'SELECT c.household_id, h.episode, c.date FROM cessations c JOIN households h ON h.id = c.household_id',
      ),
    ).toEqual([]);
  });
});
