import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * The enquiry's response is a date like a milestone's: recorded once, then corrected only with a
 * reason, which the household's history keeps. A correction without one is refused beside the
 * reason and changes nothing.
 */
describe('correcting the enquiry response', () => {
  it('needs a reason, which the history keeps', async () => {
    const app = await testApp({ today: '2026-11-30' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'R1',
      pathway: 'mainstream',
      enquiryDate: '2026-11-02',
      surname: 'Reply',
      confirmDuplicates: true,
    });
    await app.call('households.recordResponse', { id, date: '2026-11-04' });
    const before = await app.call('households.getHousehold', { id });
    await expect(app.call('households.recordResponse', { id, date: '2026-11-03' })).rejects.toMatchObject({
      code: 'conflict',
      field: 'correctionReason',
      message: 'The enquiry response is already recorded (04/11/2026); give a reason to correct it.',
    });
    expect(await app.call('households.getHousehold', { id })).toEqual(before);

    // The same date again is no change, and needs no reason.
    await app.call('households.recordResponse', { id, date: '2026-11-04' });
    const rec = await app.call('households.recordResponse', {
      id,
      date: '2026-11-03',
      correctionReason: 'Phoned the day before',
    });
    expect(rec.respondedDate).toBe('2026-11-03');
    const entry = app.ctx.store.db
      .prepare(
        `SELECT old_value, new_value, reason FROM audit_log
         WHERE household_id = ? AND field = 'responded_date' ORDER BY id DESC LIMIT 1`,
      )
      .get(id);
    expect(entry).toEqual({
      old_value: JSON.stringify('2026-11-04'),
      new_value: JSON.stringify('2026-11-03'),
      reason: 'Phoned the day before',
    });
  });
});
