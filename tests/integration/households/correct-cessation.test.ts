import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook } from '../imports/fixtures.ts';

/**
 * A cessation typed wrongly (its dates, reason or who initiated it) was corrected only by removing
 * it and recording it again, which lost its exit interview (helper-248, as for a closure). It is now
 * corrected in place, with a reason: the same cessation, its interview kept, the timeline holding
 * what it was and why, and the leaving table counting it as corrected. A cessation's rules hold.
 */
const TODAY = '2026-11-26';
const leaving = async (app: TestApp) =>
  (
    await app.call('reports.getTable', {
      table: 'leaving',
      options: { from: '2025/26', to: '2025/26', suppress: false },
    })
  ).rows
    .filter((r) => r.values.total)
    .map((r) => `${r.key} ${String(r.values.total)}`);
const correct = (app: TestApp, id: number, c: Record<string, unknown>) =>
  app.call('households.correctCessation', {
    id,
    date: '2025-10-01',
    reasonKey: 'personal_circumstances',
    initiatedBy: 'carer',
    notes: null,
    because: 'Typed the wrong reason',
    ...c,
  } as never);

async function ceased() {
  const app = await testApp({ today: TODAY });
  const h = await app.call('households.createHousehold', { enquiryDate: '2023-01-09', surname: 'Dale' });
  for (const [kind, date] of [
    ['stage1', '2023-03-01'],
    ['approval', '2023-11-01'],
  ] as const)
    await app.call('households.recordMilestone', { id: h.id, kind, date });
  const r = await app.call('households.ceaseHousehold', {
    id: h.id,
    date: '2025-10-01',
    reasonKey: 'personal_circumstances',
    initiatedBy: 'carer',
    notes: 'Moving away',
  });
  const cessationId = r.cessation!.id;
  await app.call('households.saveExitInterview', {
    id: h.id,
    cessationId,
    status: 'held',
    offeredDate: '2025-10-05',
    heldDate: '2025-10-20',
    heldBy: 'Sam',
    reasons: [],
    notes: null,
  });
  return { app, id: h.id, cessationId };
}

describe('correcting a cessation typed wrongly', () => {
  it('keeps the same cessation and its exit interview, and the audit says what it was and why', async () => {
    const { app, id, cessationId } = await ceased();
    expect(await leaving(app)).toContain('personal_circumstances 1');
    const r = await correct(app, id, {
      date: '2025-10-03',
      reasonKey: 'transfer_ifa',
      initiatedBy: 'carer',
      notes: 'Moving away',
    });
    expect(r.status).toBe('ceased');
    expect(r.cessation).toMatchObject({
      id: cessationId,
      date: '2025-10-03',
      reasonKey: 'transfer_ifa',
      notes: 'Moving away',
    });
    const interviews = app.ctx.store.db.prepare('SELECT cessation_id, status FROM exit_interviews').all();
    expect(interviews).toEqual([{ cessation_id: cessationId, status: 'held' }]);
    expect(await leaving(app)).toContain('transfer_ifa 1');
    expect(await leaving(app)).not.toContain('personal_circumstances 1');
    const [entry] = await app.call('households.getTimeline', { id });
    expect(entry).toMatchObject({ action: 'update', entity: 'cessation', reason: 'Typed the wrong reason' });
    expect(entry!.oldValue).toMatchObject({ date: '2025-10-01', reason_key: 'personal_circumstances' });
    // What it was and what it is, the notice and who initiated it too (helper-254).
    expect(entry!.summary).toBe(
      'Cessation changed: 01/10/2025, Personal circumstances e.g. separation, bereavement, retirement, initiated by the carer → 03/10/2025, Transfer to an independent fostering agency, initiated by the carer – Typed the wrong reason',
    );
  });

  it('takes a notice date, the end 28 days on where no date is given', async () => {
    const { app, id } = await ceased();
    const r = await correct(app, id, { date: undefined, noticeDate: '2025-09-01' });
    expect(r.cessation).toMatchObject({ date: '2025-09-29', noticeDate: '2025-09-01' });
  });

  it('is held to the rules of a cessation, and refused without a reason or on a household not ceased', async () => {
    const { app, id } = await ceased();
    const refused = async (c: Record<string, unknown>) => {
      const e = await correct(app, id, c).catch((x: unknown) => x as { field?: string; message: string });
      return e && 'field' in e ? { field: e.field, message: e.message } : e;
    };
    // After the exit interview it follows (held 20/10/2025).
    expect(await refused({ date: '2025-10-25' })).toMatchObject({
      field: 'date',
      message: expect.stringMatching(/exit interview/),
    });
    // Before the approval.
    expect(await refused({ date: '2023-10-01' })).toMatchObject({ field: 'date' });
    expect(await refused({ because: '' })).toMatchObject({ field: 'because' });
    expect(await refused({ reasonKey: 'no_such_reason' })).toMatchObject({ field: 'reasonKey' });
    const open = await app.call('households.createHousehold', { enquiryDate: '2025-09-01', surname: 'Open' });
    expect(await correct(app, open.id, {}).catch((x: Error) => x.message)).toMatch(/open/);
    expect((await app.call('households.getHousehold', { id })).cessation).toMatchObject({
      date: '2025-10-01',
      reasonKey: 'personal_circumstances',
      notes: 'Moving away',
    });
  });

  it('keeps the file’s words for its reason while the reason stays, and drops them with it', async () => {
    const app = await testApp({ today: TODAY });
    const file = writeWorkbook(join(app.dir, 'register.xlsx'), {
      Sheet1: [
        [
          'Reference',
          'Surname',
          'Enquiry Date',
          'Approval Date',
          'Deregistration Date',
          'Reason for leaving',
        ],
        ['C1', 'Cole', '01/05/2022', '01/03/2023', '30/09/2025', 'Moved to Spain'],
      ],
    });
    await app.call('imports.importFile', { path: file, kind: 'auto', dryRun: false, overwriteHand: false });
    const id = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'C1'")
      .pluck()
      .get() as number;
    const words = () => app.ctx.store.db.prepare('SELECT reason_key, reason_text FROM cessations').get();
    expect(words()).toEqual({ reason_key: 'other', reason_text: 'Moved to Spain' });
    await correct(app, id, { date: '2025-09-29', reasonKey: 'other' });
    expect(words()).toEqual({ reason_key: 'other', reason_text: 'Moved to Spain' });
    await correct(app, id, { date: '2025-09-29', reasonKey: 'transfer_la' });
    expect(words()).toEqual({ reason_key: 'transfer_la', reason_text: null });
  });

  it('keeps the date of a cessation an erasure followed, as removing it is refused', async () => {
    // Moved after the erasure, it could then be removed, leaving a carer no one can contact approved (helper-250).
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', { enquiryDate: '2010-01-11', surname: 'Long' });
    await app.call('households.recordMilestone', { id: h.id, kind: 'approval', date: '2010-11-01' });
    await app.call('households.ceaseHousehold', {
      id: h.id,
      date: '2015-10-01',
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
      notes: null,
    });
    // Ten years after the approval ended, its personal details are erased (reg 32).
    expect((await app.call('data.purgeHouseholds', { ids: [h.id] })).purged).toBe(1);
    const refusal = await correct(app, h.id, { date: '2015-10-02' }).catch(
      (x: { field?: string; message: string }) => x,
    );
    expect(refusal).toMatchObject({
      field: 'date',
      message: expect.stringMatching(/erased after this cessation: its date stays 01\/10\/2015/),
    });
    // A notice alone, from which the date would follow, is refused beside the notice (helper-254).
    expect(
      await correct(app, h.id, { date: undefined, noticeDate: '2015-09-20' }).catch(
        (x: { field?: string; message: string }) => x.field,
      ),
    ).toBe('noticeDate');
    expect(
      (await correct(app, h.id, { date: '2015-10-01', reasonKey: 'transfer_la' })).cessation,
    ).toMatchObject({
      date: '2015-10-01',
      reasonKey: 'transfer_la',
    });
  });

  it('holds the interview to the notice the correction leaves, cleared or moved (helper-253)', async () => {
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', { enquiryDate: '2023-01-09', surname: 'Nash' });
    await app.call('households.recordMilestone', { id: h.id, kind: 'approval', date: '2023-11-01' });
    const r = await app.call('households.ceaseHousehold', {
      id: h.id,
      noticeDate: '2025-09-01',
      reasonKey: 'personal_circumstances',
      initiatedBy: 'carer',
      notes: null,
    });
    expect(r.cessation).toMatchObject({ date: '2025-09-29', noticeDate: '2025-09-01' });
    await app.call('households.saveExitInterview', {
      id: h.id,
      cessationId: r.cessation!.id,
      status: 'held',
      offeredDate: '2025-09-05',
      heldDate: '2025-09-10',
      heldBy: 'Sam',
      reasons: [],
      notes: null,
    });
    const refused = (c: Record<string, unknown>) =>
      correct(app, h.id, c).catch((x: { field?: string; message: string }) => ({
        field: x.field,
        message: x.message,
      }));
    // The notice cleared: the interview, offered 05/09/2025, would stand before the cessation itself.
    expect(await refused({ date: '2025-09-29', noticeDate: undefined })).toMatchObject({
      field: 'date',
      message: expect.stringMatching(/offered on 05\/09\/2025, before the deregistration date 29\/09\/2025/),
    });
    // The notice moved after the interview's offer.
    expect(await refused({ date: undefined, noticeDate: '2025-09-20' })).toMatchObject({
      field: 'noticeDate',
      message: expect.stringMatching(/before the notice given on 20\/09\/2025/),
    });
    expect((await app.call('households.getHousehold', { id: h.id })).cessation).toMatchObject({
      date: '2025-09-29',
      noticeDate: '2025-09-01',
    });
    // An earlier notice is taken, the interview still after it.
    const moved = await correct(app, h.id, { date: undefined, noticeDate: '2025-08-29' });
    expect(moved.cessation).toMatchObject({ date: '2025-09-26', noticeDate: '2025-08-29' });
  });
});
