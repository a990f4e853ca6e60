import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';

/**
 * "Panel or decision maker did not approve" was accepted at any stage (helper-237: at Enquiry), so
 * the drop-out table counted a panel's refusal under a stage the household never left. By hand it
 * is refused until the panel is recorded; an export lacking the panel date is recorded as it
 * stands, with a warning naming the row and the reason's column.
 */
const TODAY = '2026-11-26';

describe('a closure reason that is a decision after panel', () => {
  it('is refused by hand before the panel date is recorded, beside the reason', async () => {
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', { enquiryDate: '2025-09-01', surname: 'Dale' });
    for (const [kind, date] of [
      ['eoi', '2025-09-15'],
      ['stage1', '2025-10-01'],
      ['stage2', '2025-12-01'],
    ] as const)
      await app.call('households.recordMilestone', { id: h.id, kind, date });
    const close = () =>
      app.call('households.closeHousehold', {
        id: h.id,
        date: '2026-05-01',
        reasonKey: 'not_approved',
        endedBy: 'service',
        notes: null,
      });
    await expect(close()).rejects.toMatchObject({
      field: 'reasonKey',
      message:
        '"Panel or decision maker did not approve" is a decision after panel, but the household stands at Stage 2: record its panel date first, or choose another reason.',
    });
    expect((await app.call('households.getHousehold', { id: h.id })).status).toBe('open');
    await app.call('households.recordMilestone', { id: h.id, kind: 'panel', date: '2026-04-20' });
    expect(await close()).toMatchObject({ status: 'closed', closures: [{ stageReached: 'panel' }] });
  });

  it('is recorded from an export with a warning where the row gives no panel date', async () => {
    const app = await testApp({ today: TODAY });
    const r = await app.call('imports.importFile', {
      path: app.file(
        'enq.csv',
        'Reference,Enquiry date,Surname,Stage 2,Panel date,Date closed,Closure reason\r\n' +
          'N1,01/03/2025,Ash,01/06/2025,,01/10/2025,Not approved\r\n' +
          'N2,01/03/2025,Birch,01/06/2025,15/09/2025,01/10/2025,Panel or decision maker did not approve\r\n',
      ),
    });
    expect(r).toMatchObject({ new: 2, rejected: 0 });
    expect(r.warnings.filter((w) => w.message.includes('decision after panel'))).toEqual([
      {
        row: 2,
        column: 'Closure reason',
        message:
          'N1: "Panel or decision maker did not approve" is a decision after panel, but the household stands at Stage 2: record its panel date first, or choose another reason. Recorded at Stage 2 meanwhile.',
      },
    ]);
    expect(
      app.ctx.store.db
        .prepare(
          'SELECT h.reference, c.reason_key, c.stage_reached FROM closures c JOIN households h ON h.id = c.household_id ORDER BY 1',
        )
        .all(),
    ).toEqual([
      { reference: 'N1', reason_key: 'not_approved', stage_reached: 'stage2' },
      { reference: 'N2', reason_key: 'not_approved', stage_reached: 'panel' },
    ]);
  });
});
