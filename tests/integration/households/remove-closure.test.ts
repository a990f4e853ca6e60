import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook } from '../imports/fixtures.ts';

/**
 * A closure recorded by mistake (the wrong household, a withdrawal taken back the same week) is
 * removed from the record, with a reason: the episode is open again at the stage it had reached,
 * not re-opened as a new enquiry (which would count the family twice in the funnel). The drop-out
 * tables count as before the mistake, its exit interview goes with it, the timeline keeps what it
 * held, and re-importing the export that carried it does not bring it back.
 */
const TODAY = '2026-11-26';
const EXPORT = [
  ['Reference', 'Surname', 'Enquiry Date', 'EOI Date', 'Date Closed', 'Closure Reason'],
  // A reason not in the list: recorded as Other, its words kept (and kept in the removal's audit entry).
  ['R1', 'Reed', '01/05/2025', '01/06/2025', '01/07/2025', 'Moved to Spain'],
];

const importFile = (app: TestApp, path: string, overwriteHand = false) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand });
const tables = async (app: TestApp) =>
  Promise.all(
    (['funnel', 'dropout', 'cohort'] as const).map((table) =>
      app.call('reports.getTable', { table, options: { from: '2024/25', to: '2026/27' } }),
    ),
  );
const close = (app: TestApp, id: number, date: string) =>
  app.call('households.closeHousehold', {
    id,
    date,
    reasonKey: 'lost_contact',
    endedBy: 'lost_contact',
    notes: null,
  });

/** The export imported into a new database: R1 closed on 01/07/2025. */
async function imported() {
  const app = await testApp({ today: TODAY });
  const file = writeWorkbook(join(app.dir, 'enquiries.xlsx'), { Sheet1: EXPORT });
  await importFile(app, file);
  const id = app.ctx.store.db
    .prepare("SELECT id FROM households WHERE reference = 'R1'")
    .pluck()
    .get() as number;
  return { app, file, id };
}

describe('removing a closure recorded by mistake', () => {
  it('opens the episode again where it stood, with the reports as before it and the timeline saying why', async () => {
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', { enquiryDate: '2025-09-01', surname: 'Dale' });
    await app.call('households.recordMilestone', { id: h.id, kind: 'eoi', date: '2025-10-01' });
    const before = await tables(app);
    const closed = await close(app, h.id, '2025-11-03');
    await app.call('households.saveExitInterview', {
      id: h.id,
      closureId: closed.closures[0]!.id,
      status: 'offered',
      offeredDate: '2025-11-04',
      heldBy: null,
      reasons: [],
      notes: null,
    });
    expect(await tables(app)).not.toEqual(before);

    await expect(app.call('households.removeClosure', { id: h.id, reason: '' })).rejects.toThrow(
      /Say why the closure is removed/,
    );
    const r = await app.call('households.removeClosure', { id: h.id, reason: 'Wrong household' });
    expect(r).toMatchObject({ status: 'open', stage: 'eoi', episode: 1, closures: [], exitInterviews: [] });
    expect(await tables(app)).toEqual(before);
    const timeline = await app.call('households.getTimeline', { id: h.id });
    expect(timeline[0]!.summary).toBe('Closure of 03/11/2025 removed – Wrong household');
    expect(timeline[0]!.oldValue).toMatchObject({
      date: '2025-11-03',
      stage_reached: 'eoi',
      reason_key: 'lost_contact',
      exit_interview: 'offered',
    });

    // Nothing to remove now: refused, naming the household's status.
    await expect(app.call('households.removeClosure', { id: h.id, reason: 'again' })).rejects.toThrow(
      /Cannot remove a closure: household .* is open/,
    );
  });

  it('is refused once the household’s personal details were erased (helper-241)', async () => {
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', { enquiryDate: '2025-01-06', surname: 'Dale' });
    await close(app, h.id, '2025-02-03');
    await app.call('data.eraseOnRequest', { id: h.id });
    await expect(app.call('households.removeClosure', { id: h.id, reason: 'x' })).rejects.toThrow(
      /personal details were erased after it ended/,
    );
    expect(await app.call('households.getHousehold', { id: h.id })).toMatchObject({
      status: 'closed',
      purged: true,
    });

    // The family came back and was closed again by mistake: that closure, after the erasure, is
    // removed as any other (helper-243); the erased one stays.
    setClock('2027-01-15');
    await app.call('households.reopenHousehold', { id: h.id, enquiryDate: '2026-12-07', notes: null });
    await close(app, h.id, '2027-01-11');
    expect(await app.call('households.removeClosure', { id: h.id, reason: 'Wrong family' })).toMatchObject({
      status: 'open',
      episode: 2,
      closures: [{ date: '2025-02-03', episode: 1 }],
    });
  });

  it('leaves an earlier episode’s closure alone: the household re-opened from it', async () => {
    const app = await testApp({ today: TODAY });
    const h = await app.call('households.createHousehold', { enquiryDate: '2025-01-06', surname: 'Dale' });
    await close(app, h.id, '2025-02-03');
    await app.call('households.reopenHousehold', { id: h.id, enquiryDate: '2026-01-05', notes: null });
    await expect(app.call('households.removeClosure', { id: h.id, reason: 'x' })).rejects.toThrow(/is open/);
    expect((await app.call('households.getHousehold', { id: h.id })).closures).toHaveLength(1);
  });

  it('is not brought back by re-importing the export that carried it; a later closure is recorded', async () => {
    const { app, file, id } = await imported();
    expect((await app.call('households.getHousehold', { id })).status).toBe('closed');
    await app.call('households.removeClosure', { id, reason: 'Still in touch: the applicant rang back' });

    // What it held stays in the history: the file's words for its reason, and that an import recorded it.
    expect((await app.call('households.getTimeline', { id }))[0]!.oldValue).toMatchObject({
      date: '2025-07-01',
      reason_key: 'other',
      reason_text: 'Moved to Spain',
      source: 'import',
    });

    const again = await importFile(app, file);
    const removed = again.warnings.filter((w) => w.message.includes('removed by hand'));
    expect(removed).toEqual([
      {
        row: 2,
        column: 'Date Closed',
        message:
          'R1: its closure was removed by hand, so the row\'s date closed is not recorded again (choose "overwrite" to record it).',
      },
    ]);
    expect((await app.call('households.getHousehold', { id })).status).toBe('open');

    // A later export's closure on another date is a closure of its own: it is recorded.
    const later = writeWorkbook(join(app.dir, 'later.xlsx'), {
      Sheet1: [EXPORT[0]!, EXPORT[1]!.map((c) => (c === '01/07/2025' ? '01/09/2025' : c))],
    });
    const r = await importFile(app, later);
    expect(r).toMatchObject({ updated: 1, errors: [] });
    expect(r.warnings.filter((w) => w.message.includes('removed by hand'))).toEqual([]);
    expect(await app.call('households.getHousehold', { id })).toMatchObject({
      status: 'closed',
      closures: [
        { date: '2025-09-01', stageReached: 'eoi', reasonKey: 'other', reasonText: 'Moved to Spain' },
      ],
    });
  });

  it('is brought back by "overwrite"', async () => {
    const { app, file, id } = await imported();
    await app.call('households.removeClosure', { id, reason: 'Taken for a mistake' });
    const r = await importFile(app, file, true);
    expect(r.updated).toBe(1);
    expect(r.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^This exact file was imported before .* 1 household it would update was changed since/,
      ),
    );
    expect(await app.call('households.getHousehold', { id })).toMatchObject({
      status: 'closed',
      closures: [{ date: '2025-07-01' }],
    });
  });
});
