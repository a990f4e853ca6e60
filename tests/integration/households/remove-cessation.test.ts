import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook } from '../imports/fixtures.ts';

/**
 * A cessation recorded by mistake is removed from the record, with a reason: the household is
 * approved again, the leaving table and the Ofsted return count it as before the mistake, its
 * exit interview goes with it, the timeline keeps what it held, and re-importing the register
 * that carried the cessation does not bring it back.
 */
const TODAY = '2026-11-26';
const REGISTER = [
  [
    'Reference',
    'Surname',
    'Enquiry Date',
    'Stage 1',
    'Approval Date',
    'Deregistration Date',
    'Reason for leaving',
  ],
  [
    'C1',
    'Cole',
    '01/05/2022',
    '01/07/2022',
    '01/03/2023',
    '30/09/2025',
    'Personal circumstances e.g. separation, bereavement, retirement',
  ],
];

const importFile = (app: TestApp, path: string) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand: false });
const tables = async (app: TestApp) => [
  await app.call('reports.getTable', { table: 'leaving', options: { from: '2024/25', to: '2025/26' } }),
  await app.call('reports.getTable', { table: 'ofsted', options: { to: '2025/26', suppress: false } }),
];

describe('removing a cessation recorded by mistake', () => {
  it('approves the household again, with the reports as before it and the timeline saying why', async () => {
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', { enquiryDate: '2023-01-09', surname: 'Dale' });
    for (const [kind, date] of [
      ['stage1', '2023-03-01'],
      ['approval', '2023-11-01'],
    ] as const)
      await app.call('households.recordMilestone', { id: h.id, kind, date });
    const before = await tables(app);
    const ceased = await app.call('households.ceaseHousehold', {
      id: h.id,
      date: '2025-10-01',
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
      notes: null,
    });
    await app.call('households.saveExitInterview', {
      id: h.id,
      cessationId: ceased.cessation!.id,
      status: 'offered',
      offeredDate: '2025-10-02',
      heldBy: null,
      reasons: [],
      notes: null,
    });
    expect(await tables(app)).not.toEqual(before);

    await expect(app.call('households.removeCessation', { id: h.id, reason: '' })).rejects.toThrow(
      /Say why the cessation is removed/,
    );
    const r = await app.call('households.removeCessation', { id: h.id, reason: 'Wrong household' });
    expect(r.status).toBe('approved');
    expect(r.cessation).toBeNull();
    expect(r.exitInterviews).toEqual([]);
    expect(await tables(app)).toEqual(before);
    const timeline = await app.call('households.getTimeline', { id: h.id });
    expect(timeline[0]!.summary).toBe('Cessation of 01/10/2025 removed – Wrong household');
    expect(timeline[0]!.oldValue).toMatchObject({
      date: '2025-10-01',
      reason_key: 'personal_circumstances',
      exit_interview: 'offered',
    });

    // Nothing to remove now: refused, naming the household's status.
    await expect(app.call('households.removeCessation', { id: h.id, reason: 'again' })).rejects.toThrow(
      /is approved/,
    );
  });

  it('is not brought back by re-importing the register that carried it', async () => {
    const app = await testApp({ today: TODAY });
    const file = writeWorkbook(join(app.dir, 'register.xlsx'), { Sheet1: REGISTER });
    await importFile(app, file);
    const id = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'C1'")
      .pluck()
      .get() as number;
    expect((await app.call('households.getHousehold', { id })).status).toBe('ceased');
    await app.call('households.removeCessation', { id, reason: 'Resignation withdrawn' });

    const again = await importFile(app, file);
    expect(again.warnings.map((w) => w.message)).toContain(
      'C1: its cessation was removed by hand, so the row’s deregistration is not recorded again (choose "overwrite" to record it).'.replace(
        '’',
        "'",
      ),
    );
    expect((await app.call('households.getHousehold', { id })).status).toBe('approved');

    // A later register's deregistration on another date is a cessation of its own: it is recorded.
    const later = writeWorkbook(join(app.dir, 'register-2026.xlsx'), {
      Sheet1: [REGISTER[0]!, REGISTER[1]!.map((c) => (c === '30/09/2025' ? '31/03/2026' : c))],
    });
    const r = await importFile(app, later);
    expect(r).toMatchObject({ updated: 1, errors: [], warnings: [] });
    const record = await app.call('households.getHousehold', { id });
    expect(record).toMatchObject({ status: 'ceased', cessation: { date: '2026-03-31' } });
  });
});
