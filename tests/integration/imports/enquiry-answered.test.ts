import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';
import { household, snapshot, writeWorkbook, xlDate } from './fixtures.ts';

/**
 * "Enquiry answered": when the service first answered an enquiry, from a file's column. Without it,
 * every open enquiry a first import brought showed "Respond to the enquiry" overdue until someone
 * recorded each response by hand. The engine's rule is the hand's: on or after the enquiry, not in
 * the future; a response typed by hand wins unless "overwrite" is chosen; a re-opening row's
 * response is the new episode's; undo puts back the value and who had set it.
 */
const run = (app: TestApp, path: string, overwriteHand = false) =>
  app.call('imports.importFile', { path, kind: 'auto', dryRun: false, overwriteHand });

const idOf = (app: TestApp, reference: string) => household(app.ctx.store.db, reference)!.id as number;

async function alertsOf(app: TestApp, reference: string) {
  const record = await app.call('households.getHousehold', { id: idOf(app, reference) });
  return { answered: record.respondedDate, alerts: record.alerts.map((a) => [a.kind, a.overdue]) };
}

const respondedSource = (app: TestApp, reference: string) =>
  app.ctx.store.db
    .prepare("SELECT source, batch_id FROM field_sources WHERE household_id = ? AND field = 'responded_date'")
    .get(idOf(app, reference));

describe('an import that says when each enquiry was answered', () => {
  it('records it for new households, which then show no respond alert; a response before the enquiry or in the future is refused', async () => {
    // Monday 30/11/2026: an enquiry of Friday 20/11/2026 was due an answer on Monday 23/11/2026.
    const app = await testApp({ today: '2026-11-30' });
    const path = writeWorkbook(join(app.dir, 'enquiries.xlsx'), {
      Enquiries: [
        ['Reference', 'Enquiry Date', 'Surname', 'Enquiry answered'],
        ['A1', xlDate('2026-11-20'), 'Answered', xlDate('2026-11-23')],
        ['A2', xlDate('2026-11-20'), 'Waiting', null],
        ['A3', xlDate('2026-11-20'), 'Early', xlDate('2026-11-19')],
        ['A4', xlDate('2026-11-25'), 'Later', xlDate('2026-12-01')],
      ],
    });
    const result = await run(app, path);
    expect(result).toMatchObject({ new: 2, rejected: 2 });
    expect(result.errors).toEqual([
      {
        row: 4,
        column: 'Enquiry answered',
        message: 'Response date 19/11/2026 is before the Enquiry date 20/11/2026.',
      },
      { row: 5, column: 'Enquiry answered', message: 'Response date 01/12/2026 is in the future.' },
    ]);
    expect(await alertsOf(app, 'A1')).toEqual({ answered: '2026-11-23', alerts: [['initial_visit', true]] });
    // The record says the import set it, and the history's creation entry holds it.
    const a1 = await app.call('households.getHousehold', { id: idOf(app, 'A1') });
    expect(a1.fieldSources).toMatchObject({ responded_date: 'import', surname: 'import' });
    const created = (await app.call('households.getTimeline', { id: a1.id })).find(
      (e) => e.action === 'import',
    );
    expect(created?.newValue).toMatchObject({ reference: 'A1', responded_date: '2026-11-23' });
    expect(await alertsOf(app, 'A2')).toEqual({
      answered: null,
      alerts: [
        ['respond', true],
        ['initial_visit', true],
      ],
    });
    // The list's next alert and its overdue filter say the same.
    const overdue = await app.call('households.listHouseholds', { overdue: true });
    expect(overdue.rows.map((r) => [r.reference, r.nextAlert])).toEqual(
      expect.arrayContaining([
        ['A1', 'initial_visit'],
        ['A2', 'respond'],
      ]),
    );
    // The same file again changes nothing.
    const again = await run(app, path);
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 2, rejected: 2 });
  });

  it('keeps a response typed by hand unless told to overwrite it, checks a known household by the engine, and undoes exactly', async () => {
    const app = await testApp({ today: '2026-11-30' });
    const db = app.ctx.store.db;
    const first = writeWorkbook(join(app.dir, 'first.xlsx'), {
      S: [
        ['Reference', 'Enquiry Date', 'Surname'],
        ['B1', xlDate('2026-11-20'), 'Hand'],
        ['B2', xlDate('2026-11-20'), 'File'],
        ['B3', xlDate('2026-11-20'), 'Early'],
      ],
    });
    await run(app, first);
    await app.call('households.recordResponse', { id: idOf(app, 'B1'), date: '2026-11-23' });
    const before = snapshot(db);

    // No enquiry column: the engine checks the response against the enquiry the household holds.
    const second = writeWorkbook(join(app.dir, 'second.xlsx'), {
      S: [
        ['Reference', 'Date Responded'],
        ['B1', xlDate('2026-11-24')],
        ['B2', xlDate('2026-11-24')],
        ['B3', xlDate('2026-11-19')],
      ],
    });
    const result = await run(app, second);
    expect(result).toMatchObject({ updated: 1, unchanged: 1, rejected: 1 });
    expect(result.warnings).toContainEqual({
      row: 2,
      column: 'Date Responded',
      message: 'Kept the date the enquiry was answered entered by hand (choose "overwrite" to replace it).',
    });
    expect(result.errors).toEqual([
      {
        row: 4,
        column: 'Date Responded',
        message: 'B3: Response date 19/11/2026 is before the Enquiry date 20/11/2026.',
      },
    ]);
    expect(household(db, 'B1')).toMatchObject({ responded_date: '2026-11-23' });
    expect(respondedSource(app, 'B1')).toEqual({ source: 'hand', batch_id: null });
    expect(household(db, 'B2')).toMatchObject({ responded_date: '2026-11-24' });
    expect(respondedSource(app, 'B2')).toEqual({ source: 'import', batch_id: result.batch });
    expect(await alertsOf(app, 'B2')).toMatchObject({ alerts: [['initial_visit', true]] });
    const timeline = await app.call('households.getTimeline', { id: idOf(app, 'B2') });
    expect(JSON.stringify(timeline)).toContain('Enquiry response');

    await app.call('imports.undoImport', { batchId: result.batch! });
    expect(snapshot(db)).toEqual(before);

    const overwritten = await run(app, second, true);
    expect(overwritten).toMatchObject({ updated: 2, rejected: 1 });
    expect(household(db, 'B1')).toMatchObject({ responded_date: '2026-11-24' });
    expect(respondedSource(app, 'B1')).toEqual({ source: 'import', batch_id: overwritten.batch });
    await app.call('imports.undoImport', { batchId: overwritten.batch! });
    expect(snapshot(db)).toEqual(before);
    expect(respondedSource(app, 'B1')).toEqual({ source: 'hand', batch_id: null });
  });

  it('corrects a recorded response by hand, closed or not, so the enquiry it follows can be corrected too', async () => {
    const app = await testApp({ today: '2026-11-30' });
    await run(
      app,
      writeWorkbook(join(app.dir, 'e.xlsx'), {
        S: [
          ['Reference', 'Enquiry Date', 'Surname'],
          ['E1', xlDate('2026-11-20'), 'Typo'],
          ['E2', xlDate('2026-11-20'), 'Never'],
        ],
      }),
    );
    const e1 = idOf(app, 'E1');
    const e2 = idOf(app, 'E2');
    await app.call('households.recordResponse', { id: e1, date: '2026-11-20' });
    for (const id of [e1, e2])
      await app.call('households.closeHousehold', {
        id,
        date: '2026-11-25',
        reasonKey: 'lost_contact',
        endedBy: 'lost_contact',
      });
    const correct = (id: number, date: string) =>
      app.call('households.correctMilestone', { id, kind: 'enquiry', date, reason: 'typed the wrong day' });
    await expect(correct(e1, '2026-11-23')).rejects.toMatchObject({
      message: 'Response date 20/11/2026 is before the Enquiry date 23/11/2026. Correct the response first.',
    });
    await app.call('households.recordResponse', { id: e1, date: '2026-11-24', correctionReason: 'typo' });
    await correct(e1, '2026-11-23');
    expect(household(app.ctx.store.db, 'E1')).toMatchObject({
      responded_date: '2026-11-24',
      status: 'closed',
    });
    // A closed enquiry never answered is not answered after the event by hand.
    await expect(app.call('households.recordResponse', { id: e2, date: '2026-11-24' })).rejects.toMatchObject(
      {
        message: expect.stringContaining('is closed'),
      },
    );
  });

  it("gives a re-opening row's response to the new episode, and undo puts the closed one back as it was", async () => {
    const app = await testApp({ today: '2026-11-30' });
    const db = app.ctx.store.db;
    const H = ['Reference', 'Enquiry Date', 'Surname', 'Date Closed', 'Closure Reason', 'Response Date'];
    const old = writeWorkbook(join(app.dir, 'old.xlsx'), {
      S: [H, ['C1', xlDate('2026-03-02'), 'Again', xlDate('2026-04-01'), 'Lost contact / no response', null]],
    });
    await run(app, old);
    const id = idOf(app, 'C1');
    expect(household(db, 'C1')).toMatchObject({ status: 'closed', responded_date: null });
    const before = snapshot(db);

    const again = writeWorkbook(join(app.dir, 'again.xlsx'), {
      S: [H, ['C1', xlDate('2026-11-20'), 'Again', null, null, xlDate('2026-11-23')]],
    });
    const result = await run(app, again);
    expect(result).toMatchObject({ updated: 1 });
    expect(household(db, 'C1')).toMatchObject({ episode: 2, status: 'open', responded_date: '2026-11-23' });
    expect(await alertsOf(app, 'C1')).toMatchObject({
      answered: '2026-11-23',
      alerts: [['initial_visit', true]],
    });

    await app.call('imports.undoImport', { batchId: result.batch! });
    expect(snapshot(db)).toEqual(before);
    expect(household(db, 'C1')).toMatchObject({ id, episode: 1 });
  });

  it('a re-opening row clears the closed episode’s hand response, and undo restores it and its source', async () => {
    const app = await testApp({ today: '2026-11-30' });
    const db = app.ctx.store.db;
    const H = ['Reference', 'Enquiry Date', 'Surname', 'Response Date'];
    await run(
      app,
      writeWorkbook(join(app.dir, 'first.xlsx'), { S: [H, ['D1', xlDate('2026-03-02'), 'Again', null]] }),
    );
    const id = idOf(app, 'D1');
    await app.call('households.recordResponse', { id, date: '2026-03-03' });
    await app.call('households.closeHousehold', {
      id,
      date: '2026-04-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    const before = snapshot(db);
    const result = await run(
      app,
      writeWorkbook(join(app.dir, 'again.xlsx'), {
        S: [H, ['D1', xlDate('2026-11-20'), 'Again', xlDate('2026-11-23')]],
      }),
    );
    expect(result).toMatchObject({ updated: 1 });
    expect(result.warnings).toEqual([]);
    expect(household(db, 'D1')).toMatchObject({ episode: 2, responded_date: '2026-11-23' });
    expect(respondedSource(app, 'D1')).toEqual({ source: 'import', batch_id: result.batch });
    await app.call('imports.undoImport', { batchId: result.batch! });
    expect(snapshot(db)).toEqual(before);
    expect(household(db, 'D1')).toMatchObject({ episode: 1, responded_date: '2026-03-03' });
    expect(respondedSource(app, 'D1')).toEqual({ source: 'hand', batch_id: null });
  });
});
