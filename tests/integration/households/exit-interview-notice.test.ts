import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { importFile, registerFile, registeredCarer, saveInterview } from './endings.ts';

/**
 * A carer's resignation takes effect 28 days after written notice (reg 28(13)); the cessation is
 * recorded when notice is given, dated the day it takes effect, and a service holds the exit
 * interview during the notice, while the carer is still theirs. It was refused until the
 * cessation's date, so one held during the notice had to be dated after it.
 */
const TODAY = '2026-11-26';
const APPROVED = '2019-05-01';

async function resigned(app: TestApp, noticeDate: string) {
  const id = await registeredCarer(app, APPROVED, null);
  const record = await app.call('households.ceaseHousehold', {
    id,
    noticeDate,
    reasonKey: 'personal_circumstances',
    initiatedBy: 'carer',
  });
  return { id, date: record.cessation!.date };
}

describe('an exit interview after a resignation', () => {
  it('is offered and held during the notice, by hand; not before the notice was given', async () => {
    const app = await testApp({ today: TODAY });
    const { id, date } = await resigned(app, '2026-11-02');
    expect(date).toBe('2026-11-30');
    const interview = (offeredDate: string, heldDate: string) =>
      saveInterview(app, id, 'cessation', { status: 'held', offeredDate, heldDate });
    await expect(interview('2026-11-01', '2026-11-20')).rejects.toMatchObject({
      code: 'rule_violation',
      field: 'offeredDate',
      message: 'Offered date 01/11/2026 is before the notice given on 02/11/2026.',
    });
    await interview('2026-11-05', '2026-11-20');
    expect(
      app.ctx.store.db.prepare('SELECT status, offered_date, held_date FROM exit_interviews').all(),
    ).toEqual([{ status: 'held', offered_date: '2026-11-05', held_date: '2026-11-20' }]);
  });

  it('held during the notice, is not passed by a register moving the deregistration later', async () => {
    const app = await testApp({ today: TODAY });
    const { id, date } = await resigned(app, '2026-09-01');
    expect(date).toBe('2026-09-29');
    await saveInterview(app, id, 'cessation', {
      status: 'held',
      offeredDate: '2026-09-10',
      heldDate: '2026-09-15',
    });
    // The register's date replaces the one typed (told to overwrite); the notice stays.
    const later = await importFile(app, registerFile(app, 'october.xlsx', APPROVED, '2026-10-31'), true);
    expect(later).toMatchObject({ updated: 1, rejected: 0, errors: [] });
    expect((await app.call('households.getHousehold', { id })).cessation).toMatchObject({
      date: '2026-10-31',
      noticeDate: '2026-09-01',
    });
  });
});
