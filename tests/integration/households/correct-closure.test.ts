import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook } from '../imports/fixtures.ts';

/**
 * A closure typed wrongly (its date, reason or who ended it) was corrected only by removing it and
 * closing again, which lost its exit interview (helper-248). It is now corrected in place, with a
 * reason: the same closure, its interview kept, the timeline holding what it was and why, and the
 * drop-out table counting it as corrected. The engine's rules for a closure hold for the correction.
 */
const TODAY = '2026-11-26';
const dropout = async (app: TestApp) =>
  (await app.call('reports.getTable', { table: 'dropout', options: { from: '2025/26', to: '2025/26' } })).rows
    .filter((r) => r.values.total)
    .map((r) => `${r.key} ${String(r.values.total)}`);
const correct = (app: TestApp, id: number, c: Record<string, unknown>) =>
  app.call('households.correctClosure', {
    id,
    date: '2025-11-03',
    reasonKey: 'lost_contact',
    endedBy: 'lost_contact',
    notes: null,
    because: 'Typed the wrong reason',
    ...c,
  } as never);

async function closed() {
  const app = await testApp({ today: TODAY });
  const h = await app.call('households.createHousehold', { enquiryDate: '2025-09-01', surname: 'Dale' });
  await app.call('households.recordMilestone', { id: h.id, kind: 'eoi', date: '2025-10-01' });
  const r = await app.call('households.closeHousehold', {
    id: h.id,
    date: '2025-11-03',
    reasonKey: 'lost_contact',
    endedBy: 'lost_contact',
    notes: null,
  });
  const closureId = r.closures[0]!.id;
  // Offered: contact was lost, so none was held (helper-267).
  await app.call('households.saveExitInterview', {
    id: h.id,
    closureId,
    status: 'offered',
    offeredDate: '2025-11-10',
    heldBy: null,
    reasons: [],
    notes: null,
  });
  return { app, id: h.id, closureId };
}

describe('correcting a closure typed wrongly', () => {
  it('keeps the same closure and its exit interview, and the audit says what it was and why', async () => {
    const { app, id, closureId } = await closed();
    expect(await dropout(app)).toContain('lost_contact 1');
    const r = await correct(app, id, { date: '2025-11-05', reasonKey: 'housing', endedBy: 'applicant' });
    expect(r.status).toBe('closed');
    expect(r.closures).toMatchObject([
      { id: closureId, date: '2025-11-05', reasonKey: 'housing', endedBy: 'applicant' },
    ]);
    const interviews = app.ctx.store.db.prepare('SELECT closure_id, status FROM exit_interviews').all();
    expect(interviews).toEqual([{ closure_id: closureId, status: 'offered' }]);
    expect(await dropout(app)).toContain('housing 1');
    expect(await dropout(app)).not.toContain('lost_contact 1');
    const [entry] = await app.call('households.getTimeline', { id });
    expect(entry).toMatchObject({ action: 'update', entity: 'closure', reason: 'Typed the wrong reason' });
    expect(entry!.oldValue).toMatchObject({ date: '2025-11-03', reason_key: 'lost_contact' });
    // What it was and what it is (helper-254: "changed on 05/11/2025" read as the day of the change).
    expect(entry!.summary).toBe(
      'Closure changed: 03/11/2025 at EOI, Lost contact / no response (Lost contact) → 05/11/2025 at EOI, No spare bedroom / housing (Applicant withdrew) – Typed the wrong reason',
    );
  });

  it('is held to the rules of a closure, and refused without a reason or on a household not closed', async () => {
    const { app, id } = await closed();
    const refused = async (c: Record<string, unknown>) => {
      const e = await correct(app, id, c).catch((x: unknown) => x as { field?: string; message: string });
      return e && 'field' in e ? { field: e.field, message: e.message } : e;
    };
    // After the exit interview it follows (offered 10/11/2025).
    expect(await refused({ date: '2025-11-12' })).toMatchObject({
      field: 'date',
      message: expect.stringMatching(/exit interview/),
    });
    // Before the EOI it records.
    expect(await refused({ date: '2025-09-20' })).toMatchObject({ field: 'date' });
    // A reason the service ends, said to be the applicant's.
    expect(await refused({ reasonKey: 'counselled_out', endedBy: 'applicant' })).toMatchObject({
      field: 'endedBy',
    });
    expect(await refused({ because: '' })).toMatchObject({ field: 'because' });
    const open = await app.call('households.createHousehold', { enquiryDate: '2025-09-01', surname: 'Open' });
    expect(await correct(app, open.id, {}).catch((x: Error) => x.message)).toMatch(/open/);
    expect((await app.call('households.getHousehold', { id })).closures).toMatchObject([
      { date: '2025-11-03', reasonKey: 'lost_contact' },
    ]);
  });

  it('keeps the file’s words for its reason while the reason stays, and drops them with it', async () => {
    const app = await testApp({ today: TODAY });
    const file = writeWorkbook(join(app.dir, 'enquiries.xlsx'), {
      Sheet1: [
        ['Reference', 'Surname', 'Enquiry Date', 'EOI Date', 'Date Closed', 'Closure Reason'],
        ['R1', 'Reed', '01/05/2025', '01/06/2025', '01/07/2025', 'Moved to Spain'],
      ],
    });
    await app.call('imports.importFile', { path: file, kind: 'auto', dryRun: false, overwriteHand: false });
    const id = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'R1'")
      .pluck()
      .get() as number;
    const words = () => app.ctx.store.db.prepare('SELECT reason_text FROM closures').pluck().get();
    expect(words()).toBe('Moved to Spain');
    await correct(app, id, { date: '2025-07-02', reasonKey: 'other', endedBy: 'applicant' });
    expect(words()).toBe('Moved to Spain');
    await correct(app, id, { date: '2025-07-02', reasonKey: 'housing', endedBy: 'applicant' });
    expect(words()).toBeNull();
  });

  it('keeps the date of a closure an erasure followed, as removing it is refused', async () => {
    // Moved after the erasure, it could then be removed, leaving open a household no one can contact (helper-250).
    const { app, id } = await closed();
    await app.call('data.eraseOnRequest', { id });
    const refusal = await correct(app, id, { date: '2025-11-05' }).catch(
      (x: { field?: string; message: string }) => x,
    );
    expect(refusal).toMatchObject({
      field: 'date',
      message: expect.stringMatching(/erased after this closure/),
    });
    expect((await correct(app, id, { reasonKey: 'housing', endedBy: 'applicant' })).closures).toMatchObject([
      { date: '2025-11-03', reasonKey: 'housing' },
    ]);
  });

  it('is told the notes: left out, they would be cleared', async () => {
    const { app, id } = await closed();
    const { notes: _notes, ...withoutNotes } = {
      id,
      date: '2025-11-03',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
      notes: null,
      because: 'x',
    };
    await expect(app.call('households.correctClosure', withoutNotes as never)).rejects.toThrow(/notes/);
  });
});
