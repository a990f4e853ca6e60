import { describe, expect, it } from 'vitest';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp } from '../../support/temp.ts';
import { rowOf } from '../reports/fixture.ts';

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

  /**
   * The sample recorded no Stage 1 information complete, so the timescales table's Stage 1
   * decision rows were 0 in every year and the decision alert never showed (found by the report
   * author's audit): a sample is what a new user judges those rows by.
   */
  it('records Stage 1 information complete, measured by the Stage 1 decision timescale', async () => {
    const today = '2026-11-26';
    const app = await testApp({ today });
    const db = app.ctx.store.db;
    generateSample(db, { households: 3000, seed: 1, today });
    const information = db
      .prepare<[], { date: string; stage1: string | null; stage2: string | null; pathway: string }>(
        `SELECT j.date, e.stage1, e.stage2, e.pathway FROM journey_dates j
           JOIN episodes e ON e.household_id = j.household_id AND e.episode = j.episode
          WHERE j.kind = 'stage1_information'`,
      )
      .all();
    expect(information.length).toBeGreaterThan(50);
    for (const i of information) {
      expect(i.pathway).toBe('mainstream');
      expect(i.stage1 !== null && i.date >= i.stage1).toBe(true);
      if (i.stage2) expect(i.date <= i.stage2).toBe(true);
    }
    const t = await app.call('reports.getTable', {
      table: 'timescales',
      options: { from: '2021/22', to: '2025/26', pathway: 'mainstream', quarterly: false, suppress: false },
    });
    const measured = Object.values(rowOf(t.rows, 'stage1_decision_n')).reduce<number>(
      (sum, n) => sum + (typeof n === 'number' ? n : 0),
      0,
    );
    expect(measured).toBeGreaterThan(5);
  });

  /**
   * The sample's reg 25 extensions recorded no length, so each was taken as the full 8 weeks and a
   * new user never saw a shorter one move the temporary approval's final limit.
   */
  it('records each reg 25 extension with its length, some shorter than 8 weeks', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    generateSample(db, { households: 3000, seed: 1, today: '2026-11-26' });
    const weeks = db
      .prepare<[], number | null>("SELECT weeks FROM journey_dates WHERE kind = 'extension'")
      .pluck()
      .all();
    expect(weeks.length).toBeGreaterThan(5);
    for (const w of weeks) expect(w !== null && w >= 1 && w <= 8).toBe(true);
    expect(weeks.some((w) => w !== null && w < 8)).toBe(true);
  });
});
