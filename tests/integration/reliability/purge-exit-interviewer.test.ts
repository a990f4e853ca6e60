import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { checkpoint, leftovers } from '../../support/leftovers.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * Who held an exit interview is free text typed on the household's record ("Sam Ola, with Mrs
 * Quill's sister present"): no report counts it, so once the household's retention period has
 * passed nothing needs it, and a purge erases it with the interview's notes.
 */
const HELD_BY = 'Samira Olawunmi with Mrs Quill';

async function interviewed(app: TestApp): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference: 'X1',
    enquiryDate: '2023-01-09',
    surname: 'Quill',
  });
  const closed = await app.call('households.closeHousehold', {
    id,
    date: '2023-02-01',
    reasonKey: 'financial',
    endedBy: 'applicant',
  });
  const closureId = closed.closures[0]!.id;
  await app.call('households.saveExitInterview', {
    id,
    closureId,
    status: 'held',
    heldDate: '2023-02-06',
    heldBy: HELD_BY,
    reasons: ['financial'],
  });
  return id;
}

describe('a purge and who held the exit interview', () => {
  it('erases it in the file, its WAL and every backup, and keeps the interview’s status, dates and reasons', async () => {
    const app = await testApp({ today: '2026-11-26' });
    await interviewed(app);
    await app.call('data.backupNow', {});
    setClock('2024-02-02');
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    checkpoint(app);
    expect(leftovers(app, [HELD_BY, 'Samira'])).toEqual([]);
    const db = app.ctx.store.db;
    expect(db.prepare('SELECT status, held_date, held_by FROM exit_interviews').all()).toEqual([
      { status: 'held', held_date: '2023-02-06', held_by: null },
    ]);
    expect(db.prepare('SELECT reason_key FROM exit_interview_reasons').pluck().all()).toEqual(['financial']);
  });

  it('lists again, once, a household an earlier version purged with it kept, and erases it', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const id = await interviewed(app);
    setClock('2024-02-02');
    await app.call('data.purgeHouseholds', {});
    // As an earlier version's purge left it.
    app.ctx.store.db
      .prepare('UPDATE exit_interviews SET held_by = ? WHERE household_id = ?')
      .run(HELD_BY, id);
    expect((await app.call('data.listPurgeDue', {})).households.map((h) => h.reference)).toEqual(['X1']);
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    expect((await app.call('data.listPurgeDue', {})).households).toEqual([]);
    checkpoint(app);
    expect(leftovers(app, [HELD_BY])).toEqual([]);
  });
});
