import { describe, expect, it } from 'vitest';
import { rebuildAllEpisodes } from '../../../src-main/db/episodes.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import {
  closedWithHeldInterview,
  importFile,
  registerFile,
  registeredCarer,
  saveInterview,
} from './endings.ts';

/**
 * The exit interview after a cessation is on the episode that holds the cessation (migration 25),
 * where the leaving table reads it. Every way it is recorded, changed or taken away (by hand, a
 * file moving its cessation, the file's undo, a merge, a purge, the cessation's removal) leaves the
 * episodes record equal to a rebuild from scratch, and holding the interview as it stands.
 */
const TODAY = '2026-11-26';
/** FC1, ceased in 2015: more than ten years before TODAY, so its details can be purged. */
const APPROVED = '2010-05-01';
const CEASED = '2015-06-30';

/** The cessation's interview as the episodes record holds it (the one ceased episode). */
const onEpisode = (app: TestApp) =>
  app.ctx.store.db
    .prepare(
      `SELECT household_id, cessation_exit_interview AS status, cessation_might_return AS mightReturn,
         cessation_exit_reasons AS reasons FROM episodes WHERE ceased_on IS NOT NULL`,
    )
    .all();

/** The episodes record equals what a rebuild from the stored facts makes (rolled back after). */
function expectRebuilt(app: TestApp) {
  const db = app.ctx.store.db;
  const all = () => db.prepare('SELECT * FROM episodes ORDER BY household_id, episode').all();
  const kept = all();
  let rebuilt: unknown[] = [];
  try {
    db.transaction(() => {
      db.exec('DELETE FROM episodes');
      rebuildAllEpisodes(db);
      rebuilt = all();
      throw new Error('roll back');
    })();
  } catch (e) {
    if ((e as Error).message !== 'roll back') throw e;
  }
  expect(rebuilt).toEqual(kept);
  expect(all()).toEqual(kept);
}

describe('the exit interview after a cessation, on its episode', () => {
  it('follows hand edits, a file moving the cessation, its undo, a merge and a purge', async () => {
    const app = await testApp({ today: TODAY });
    const id = await registeredCarer(app, APPROVED, CEASED);
    expect(onEpisode(app)).toEqual([{ household_id: id, status: null, mightReturn: null, reasons: null }]);
    expectRebuilt(app);

    await saveInterview(app, id, 'cessation', { status: 'offered', offeredDate: '2015-07-01' });
    expect(onEpisode(app)).toEqual([
      { household_id: id, status: 'offered', mightReturn: null, reasons: null },
    ]);
    expectRebuilt(app);

    await saveInterview(app, id, 'cessation', {
      status: 'held',
      offeredDate: '2015-07-01',
      heldDate: '2015-07-20',
      reasons: ['personal_circumstances', 'dissatisfied'],
      notes: 'Might come back once the children are older.',
      mightReturn: true,
    });
    const held = {
      household_id: id,
      status: 'held',
      mightReturn: 1,
      reasons: '["dissatisfied","personal_circumstances"]',
    };
    expect(onEpisode(app)).toEqual([held]);
    expectRebuilt(app);

    // A later register moves the cessation earlier: the interview stays with it; undone, likewise.
    const moved = await importFile(app, registerFile(app, 'june.xlsx', APPROVED, '2015-06-01'));
    expect(moved).toMatchObject({ updated: 1, errors: [] });
    expect(
      app.ctx.store.db.prepare('SELECT ceased_on FROM episodes WHERE household_id = ?').pluck().get(id),
    ).toBe('2015-06-01');
    expect(onEpisode(app)).toEqual([held]);
    expectRebuilt(app);
    await app.call('imports.undoImport', { batchId: moved.batch! });
    expect(
      app.ctx.store.db.prepare('SELECT ceased_on FROM episodes WHERE household_id = ?').pluck().get(id),
    ).toBe(CEASED);
    expect(onEpisode(app)).toEqual([held]);
    expectRebuilt(app);

    // Merged into the household typed by hand for the same family: the cessation and its interview
    // move across, onto the kept household's episode.
    const kept = await app.call('households.createHousehold', {
      enquiryDate: '2009-09-01',
      surname: 'Ashby',
    });
    await app.call('households.mergeHouseholds', {
      id: kept.id,
      mergeReference: 'FC1',
      reason: 'Same carer',
    });
    expect(onEpisode(app)).toEqual([{ ...held, household_id: kept.id }]);
    expectRebuilt(app);

    // Ten years after ceasing its personal details are purged; the interview's status, reasons and
    // answer are kept, as every report is.
    expect((await app.call('data.purgeHouseholds', { ids: [kept.id] })).purged).toBe(1);
    expect(onEpisode(app)).toEqual([{ ...held, household_id: kept.id }]);
    expectRebuilt(app);
  });

  it('goes with a cessation removed as recorded by mistake, and is not on the closure’s episode', async () => {
    const app = await testApp({ today: TODAY });
    const id = await registeredCarer(app, APPROVED, CEASED);
    await saveInterview(app, id, 'cessation', {
      status: 'declined',
      offeredDate: '2015-07-01',
      reasons: ['other'],
      mightReturn: false,
    });
    expect(onEpisode(app)).toEqual([
      // Declined: the reason ticked is not stored (order-rules reasonsGiven).
      { household_id: id, status: 'declined', mightReturn: 0, reasons: null },
    ]);
    expectRebuilt(app);
    await app.call('households.removeCessation', { id, reason: 'Wrong carer' });
    expect(onEpisode(app)).toEqual([]);
    expect(
      app.ctx.store.db
        .prepare(
          'SELECT cessation_exit_interview, cessation_might_return, cessation_exit_reasons FROM episodes WHERE household_id = ?',
        )
        .all(id),
    ).toEqual([
      { cessation_exit_interview: null, cessation_might_return: null, cessation_exit_reasons: null },
    ]);
    expectRebuilt(app);

    // A closure's interview is the drop-out table's (`exit_interview`), never the cessation's.
    const closed = await closedWithHeldInterview(app, {
      surname: 'Cole',
      enquiryDate: '2026-01-05',
      closed: '2026-02-01',
    });
    expect(
      app.ctx.store.db
        .prepare(
          'SELECT exit_interview, cessation_exit_interview, cessation_might_return FROM episodes WHERE household_id = ?',
        )
        .all(closed),
    ).toEqual([{ exit_interview: 'held', cessation_exit_interview: null, cessation_might_return: null }]);
    expectRebuilt(app);
  });
});
