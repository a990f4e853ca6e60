import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asFromSchema } from '../../support/old-schema.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A kinship household's viability assessment stands as its formal application (domain brief), so
 * a closure after its viability request stands at Stage 1 at least: the drop-out table counts it
 * there, as the Ofsted return counts it among applications withdrawn or turned down. Its stage
 * was read from the milestones alone, so the drop-out table put it at Enquiry. Written through
 * the contract (by hand, by import and by merge), as a user would.
 *
 * K1  kinship, enquiry 01/05/2024, viability requested 01/06/2024, closed 01/09/2024 by the service.
 * K2  kinship, enquiry 01/05/2024, closed 01/07/2024 with no viability request: at Enquiry.
 * K3  kinship, enquiry 01/07/2024, viability requested 01/08/2024, switched to mainstream
 *     01/09/2024, closed 01/10/2024: it applied as kinship, so Stage 1.
 * M1  mainstream, enquiry 01/05/2024, EOI 01/06/2024, closed 01/07/2024: at EOI, as before.
 */
const TODAY = '2026-11-26';
const YEAR = { from: '2024/25', to: '2024/25' };

async function household(
  app: TestApp,
  reference: string,
  pathway: 'mainstream' | 'kinship',
  enquiry: string,
) {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway,
    enquiryDate: enquiry,
    surname: reference,
    confirmDuplicates: true,
  });
  return id;
}
const viability = (app: TestApp, id: number, date: string) =>
  app.call('households.recordJourneyDate', { id, kind: 'viability_request', date });
const close = (app: TestApp, id: number, date: string) =>
  app.call('households.closeHousehold', { id, date, reasonKey: 'counselled_out', endedBy: 'service' });

async function setUp() {
  const app = await testApp({ today: TODAY });
  const k1 = await household(app, 'K1', 'kinship', '2024-05-01');
  await viability(app, k1, '2024-06-01');
  await close(app, k1, '2024-09-01');
  await close(app, await household(app, 'K2', 'kinship', '2024-05-01'), '2024-07-01');
  const k3 = await household(app, 'K3', 'kinship', '2024-07-01');
  await viability(app, k3, '2024-08-01');
  await app.call('households.switchPathway', { id: k3, pathway: 'mainstream', date: '2024-09-01' });
  await close(app, k3, '2024-10-01');
  const m1 = await household(app, 'M1', 'mainstream', '2024-05-01');
  await app.call('households.recordMilestone', { id: m1, kind: 'eoi', date: '2024-06-01' });
  await close(app, m1, '2024-07-01');
  return app;
}

/** Each drop-out's stage as the table counts it, by pathway, and what the list shows. */
async function stages(app: Pick<TestApp, 'call'>) {
  const out: Record<string, unknown> = {};
  for (const pathway of ['mainstream', 'kinship'] as const) {
    const t = await app.call('reports.getTable', { table: 'dropout', options: { ...YEAR, pathway } });
    const total = t.rows.find((r) => r.key === 'total')!;
    out[pathway] = Object.fromEntries(
      Object.entries(total.values).filter(([k, n]) => k !== 'total' && n !== 0),
    );
  }
  const list = await app.call('households.listHouseholds', {});
  out.list = Object.fromEntries(list.rows.map((h) => [h.reference, h.stage]));
  return out;
}

// K3 counts under mainstream, its pathway on the day it closed.
const EXPECTED = {
  kinship: { stage1: 1, enquiry: 1 },
  mainstream: { eoi: 1, stage1: 1 },
  list: { K1: 'stage1', K2: 'enquiry', K3: 'stage1', M1: 'eoi' },
};

describe('a kinship closure after its viability request', () => {
  it('stands at Stage 1 in the record, the list and the drop-out table, as the Ofsted return counts it', async () => {
    const app = await setUp();
    const db = app.ctx.store.db;
    expect(
      db
        .prepare(
          'SELECT h.reference, c.stage_reached FROM closures c JOIN households h ON h.id = c.household_id ORDER BY 1',
        )
        .all(),
    ).toEqual([
      { reference: 'K1', stage_reached: 'stage1' },
      { reference: 'K2', stage_reached: 'enquiry' },
      { reference: 'K3', stage_reached: 'stage1' },
      { reference: 'M1', stage_reached: 'eoi' },
    ]);
    expect(await stages(app)).toEqual(EXPECTED);
    // Its request cannot be removed while it is closed (nor recorded), as a milestone cannot.
    await expect(
      app.call('households.removeJourneyDate', {
        id: 1,
        kind: 'viability_request',
        reason: 'Typed in error',
      }),
    ).rejects.toMatchObject({
      message:
        'K1 is closed with the stage it had reached: re-open it before removing the viability assessment requested.',
    });
    expect(await stages(app)).toEqual(EXPECTED);
    // The Ofsted return counts the same two as applications turned down (ended by the service),
    // each on its pathway on the day it closed: the drop-out table's Stage 1 column, by pathway.
    const ofsted = await app.call('reports.getTable', { table: 'ofsted', options: { to: '2024/25' } });
    const turnedDown = ofsted.rows.find((r) => r.key === 'applications_turned_down')!;
    expect(turnedDown.values).toEqual({ mainstream: 1, family_and_friends: 1, all: 2 });
  });

  it('is brought across from a database of schema 19, where it stood at Enquiry', async () => {
    const app = await setUp();
    const expected = await stages(app);
    // As version 19 stored them: each stage from the milestones alone.
    const migrated = await asFromSchema(
      app,
      19,
      `UPDATE closures SET stage_reached = 'enquiry' WHERE stage_reached = 'stage1';
       UPDATE episodes SET closed_stage = 'enquiry' WHERE closed_stage = 'stage1';
       UPDATE households SET stage = 'enquiry' WHERE status = 'closed' AND stage = 'stage1';`,
      stages,
    );
    expect(migrated).toEqual(expected);
  });

  it('is planned so by an import, and a later file adding the request to a closed household moves it', async () => {
    const app = await testApp({ today: TODAY });
    const csv = (name: string, text: string) => {
      const path = join(app.dir, name);
      writeFileSync(path, text);
      return path;
    };
    const H = 'Reference,Pathway,Enquiry date,Surname,Date closed,Closure reason,Closed by';
    const first = await app.call('imports.importFile', {
      path: csv(
        'a.csv',
        `${H},Viability assessment requested\r\nI1,Kinship,01/05/2024,Ray,01/09/2024,Counselled out,Service,01/06/2024\r\n` +
          `I2,Kinship,01/05/2024,Poe,01/09/2024,Counselled out,Service,\r\n`,
      ),
    });
    expect(first).toMatchObject({ new: 2, rejected: 0 });
    const stageOf = (ref: string) =>
      app.ctx.store.db
        .prepare(
          'SELECT c.stage_reached FROM closures c JOIN households h ON h.id = c.household_id WHERE h.reference = ?',
        )
        .pluck()
        .get(ref);
    expect([stageOf('I1'), stageOf('I2')]).toEqual(['stage1', 'enquiry']);
    // A later export without the closure's columns dates I2's request: the stage its closure stood at moves.
    const later = await app.call('imports.importFile', {
      path: csv(
        'b.csv',
        'Reference,Pathway,Enquiry date,Surname,Viability assessment requested\r\nI2,Kinship,01/05/2024,Poe,15/06/2024\r\n',
      ),
    });
    expect(later).toMatchObject({ updated: 1, rejected: 0 });
    expect(stageOf('I2')).toBe('stage1');
    expect((await app.call('households.listHouseholds', { search: 'I2' })).rows[0]).toMatchObject({
      reference: 'I2',
      stage: 'stage1',
    });
    // A closure typed by hand, restated by a file that dates the request: the closure is kept as
    // typed, and its stage still follows the dates.
    const h1 = await household(app, 'H1', 'kinship', '2024-05-01');
    await close(app, h1, '2024-09-01');
    const restated = await app.call('imports.importFile', {
      path: csv(
        'c.csv',
        `${H},Viability assessment requested\r\nH1,Kinship,01/05/2024,H1,01/09/2024,Counselled out,Service,20/06/2024\r\n`,
      ),
    });
    expect(restated).toMatchObject({ updated: 1, rejected: 0 });
    // The row restates the closure as typed: nothing was kept from it, so no warning says so.
    expect(restated.warnings).toEqual([]);
    expect(stageOf('H1')).toBe('stage1');
    const t = await app.call('reports.getTable', {
      table: 'dropout',
      options: { ...YEAR, pathway: 'kinship' },
    });
    const counselled = t.rows.find((r) => r.key === 'counselled_out')!;
    expect(counselled.values).toMatchObject({ stage1: 3, enquiry: 0 });
  });

  it('counts under kinship when the switch to kinship is dated on the enquiry day, also in a database of schema 19', async () => {
    // A household entered as mainstream and found the same day to be family and friends.
    const app = await testApp({ today: TODAY });
    const id = await household(app, 'S1', 'mainstream', '2024-05-01');
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2024-05-01' });
    await viability(app, id, '2024-06-01');
    await close(app, id, '2024-09-01');
    const counts = async (call: TestApp['call']) => {
      const kinship = await call('reports.getTable', { table: 'kinship', options: YEAR });
      const ofsted = await call('reports.getTable', { table: 'ofsted', options: { to: '2024/25' } });
      const dropout = await call('reports.getTable', {
        table: 'dropout',
        options: { ...YEAR, pathway: 'kinship' },
      });
      return {
        requests: kinship.rows.find((r) => r.key === 'requests')?.values,
        turnedDown: ofsted.rows.find((r) => r.key === 'applications_turned_down')?.values,
        dropout: dropout.rows.find((r) => r.key === 'total')?.values,
      };
    };
    const expected = {
      requests: { '2024/25': 1 },
      turnedDown: { mainstream: 0, family_and_friends: 1, all: 1 },
      dropout: { enquiry: 0, eoi: 0, stage1: 1, stage2: 0, panel: 0, total: 1 },
    };
    expect(await counts((method, input) => app.call(method, input))).toMatchObject(expected);

    // As version 19 rebuilt it: started on kinship, switched "to kinship" on its enquiry day.
    const migrated = await asFromSchema(
      app,
      19,
      `UPDATE episodes SET pathway = 'kinship', closed_stage = 'enquiry';
       UPDATE closures SET stage_reached = 'enquiry';
       UPDATE households SET stage = 'enquiry';`,
      (a) => counts((method, input) => a.call(method, input)),
    );
    expect(migrated).toMatchObject(expected);
  });

  it('is refused when dated before the viability request, by hand and by an import row', async () => {
    const app = await testApp({ today: TODAY });
    const id = await household(app, 'B1', 'kinship', '2024-05-01');
    await viability(app, id, '2024-08-01');
    await expect(close(app, id, '2024-06-01')).rejects.toMatchObject({
      field: 'date',
      message: 'Closure date 01/06/2024 is before the viability assessment requested date 01/08/2024.',
    });
    const path = join(app.dir, 'b.csv');
    writeFileSync(
      path,
      'Reference,Pathway,Enquiry date,Surname,Date closed,Closure reason,Closed by\r\nB1,Kinship,01/05/2024,B1,01/06/2024,Counselled out,Service\r\n',
    );
    const result = await app.call('imports.importFile', { path });
    expect(result).toMatchObject({ rejected: 1 });
    expect(result.errors).toEqual([
      {
        row: 2,
        column: 'Date closed',
        message: expect.stringContaining(
          'Closure date 01/06/2024 is before the viability assessment requested date 01/08/2024.',
        ),
      },
    ]);
    expect(app.ctx.store.db.prepare('SELECT COUNT(*) FROM closures').pluck().get()).toBe(0);
  });

  it('is what the record gives the close form, whichever milestone Settings take as the application', async () => {
    const app = await testApp({ today: TODAY });
    await app.call('alerts.setApplicationBasis', { basis: 'eoi' });
    const id = await household(app, 'E1', 'kinship', '2024-05-01');
    await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2024-05-10' });
    await viability(app, id, '2024-06-01');
    const record = await app.call('households.getHousehold', { id });
    // On the EOI basis the EOI is its application received; its kinship application is the request.
    expect(record.application).toEqual({ date: '2024-05-10', from: 'eoi' });
    expect(record.kinshipApplication).toBe('2024-06-01');
    const closed = await close(app, id, '2024-09-01');
    expect(closed.closures.map((c) => c.stageReached)).toEqual(['stage1']);
  });

  it('keeps its stage when merged into the household it duplicates', async () => {
    const app = await testApp({ today: TODAY });
    const keep = await household(app, 'K1', 'kinship', '2024-05-01');
    const dup = await household(app, 'K9', 'kinship', '2024-05-01');
    await viability(app, dup, '2024-06-01');
    await close(app, dup, '2024-09-01');
    await app.call('households.mergeHouseholds', { id: keep, mergeReference: 'K9', reason: 'Duplicate' });
    const record = await app.call('households.getHousehold', { id: keep });
    expect(record.closures.map((c) => [c.date, c.stageReached])).toEqual([['2024-09-01', 'stage1']]);
    expect(record.stage).toBe('stage1');
  });

  it('moves with a pathway change recorded after it but dated before the viability request, and back', async () => {
    const app = await setUp();
    const k1 = 1;
    // K1 was in fact mainstream from 15/05/2024: its request of 01/06/2024 was no kinship application.
    await app.call('households.switchPathway', { id: k1, pathway: 'mainstream', date: '2024-05-15' });
    let record = await app.call('households.getHousehold', { id: k1 });
    expect(record.closures.map((c) => [c.date, c.stageReached])).toEqual([['2024-09-01', 'enquiry']]);
    expect(record.stage).toBe('enquiry');
    const timeline = await app.call('households.getTimeline', { id: k1 });
    expect(timeline.map((t) => t.summary)).toContain(
      'Closure changed: 01/09/2024 at Stage 1 → 01/09/2024 at Enquiry – stage follows the pathway change dated 15/05/2024',
    );
    // The drop-out table and the return agree: no kinship application, a mainstream enquiry closed.
    const moved = {
      kinship: { enquiry: 1 },
      mainstream: { eoi: 1, stage1: 1, enquiry: 1 },
      list: { ...EXPECTED.list, K1: 'enquiry' },
    };
    expect(await stages(app)).toEqual(moved);
    const ofsted = await app.call('reports.getTable', { table: 'ofsted', options: { to: '2024/25' } });
    const turnedDown = ofsted.rows.find((r) => r.key === 'applications_turned_down')!;
    expect(turnedDown.values).toEqual({ mainstream: 1, family_and_friends: 0, all: 1 });
    // Switched back to kinship before the request: a kinship application again, at Stage 1.
    await app.call('households.switchPathway', { id: k1, pathway: 'kinship', date: '2024-05-20' });
    record = await app.call('households.getHousehold', { id: k1 });
    expect(record.closures.map((c) => c.stageReached)).toEqual(['stage1']);
    expect(await stages(app)).toEqual(EXPECTED);
  });

  it('is not moved by a pathway change dated after the request, and no merge brings a request into it', async () => {
    const app = await setUp();
    const k2 = 2;
    // K2 closed at Enquiry with no request: a duplicate bringing one would change what it had reached.
    const dup = await household(app, 'K8', 'kinship', '2024-05-01');
    await viability(app, dup, '2024-06-01');
    await expect(
      app.call('households.mergeHouseholds', { id: k2, mergeReference: 'K8', reason: 'Duplicate' }),
    ).rejects.toMatchObject({
      field: 'mergeReference',
      message:
        "K2 is closed, so K8's viability assessment requested date cannot join it: merge K2 into K8 instead.",
    });
    // The other way round, as the refusal says, K2's closure moves across and stands at Stage 1.
    await app.call('households.mergeHouseholds', { id: dup, mergeReference: 'K2', reason: 'Duplicate' });
    const merged = await app.call('households.getHousehold', { id: dup });
    expect(merged.closures.map((c) => [c.date, c.stageReached])).toEqual([['2024-07-01', 'stage1']]);
    // Nor may a closure move across to stand before the kept household's request.
    const open = await household(app, 'K5', 'kinship', '2024-05-01');
    await viability(app, open, '2024-06-01');
    await close(app, await household(app, 'K7', 'kinship', '2024-05-01'), '2024-05-20');
    await expect(
      app.call('households.mergeHouseholds', { id: open, mergeReference: 'K7', reason: 'Duplicate' }),
    ).rejects.toMatchObject({
      field: 'mergeReference',
      message:
        'K7 was closed too early to merge: Closure date 20/05/2024 is before the viability assessment requested date 01/06/2024.',
    });
    await app.call('households.switchPathway', { id: 1, pathway: 'mainstream', date: '2024-06-15' });
    const record = await app.call('households.getHousehold', { id: 1 });
    expect(record.closures.map((c) => c.stageReached)).toEqual(['stage1']);
    // A switch that changes nothing of a closure's stage writes nothing about it (one stored at
    // Enquiry already, as undoing an import of version 19 leaves it, switched to mainstream).
    const k6 = await household(app, 'K6', 'kinship', '2024-05-01');
    await viability(app, k6, '2024-06-01');
    await close(app, k6, '2024-09-01');
    app.ctx.store.db.prepare("UPDATE closures SET stage_reached = 'enquiry' WHERE household_id = ?").run(k6);
    await app.call('households.switchPathway', { id: k6, pathway: 'mainstream', date: '2024-05-15' });
    const timeline = await app.call('households.getTimeline', { id: k6 });
    expect(timeline.filter((t) => t.summary.includes('stage follows'))).toEqual([]);
  });

  it('counts a re-enquiry on the other pathway under it, from its enquiry, by an import row that re-opens', async () => {
    const app = await testApp({ today: TODAY });
    const H =
      'Reference,Pathway,Enquiry date,Surname,Date closed,Closure reason,Closed by,Viability assessment requested';
    const file = (name: string, row: string) => {
      const path = join(app.dir, name);
      writeFileSync(path, `${H}\r\n${row}\r\n`);
      return path;
    };
    await app.call('imports.importFile', {
      path: file('a.csv', 'R1,Mainstream,01/05/2023,Ray,01/07/2023,Counselled out,Service,'),
    });
    // A year later a relative's child needs a home: the household enquires again, as kinship.
    const again = await app.call('imports.importFile', {
      path: file('b.csv', 'R1,Kinship,01/05/2024,Ray,01/09/2024,Counselled out,Service,01/06/2024'),
    });
    expect(again).toMatchObject({ updated: 1, rejected: 0 });
    const record = await app.call('households.getHousehold', { id: 1 });
    expect(record.pathwayChanges).toEqual([{ date: '2024-05-01', from: 'mainstream', to: 'kinship' }]);
    expect(record.closures.map((c) => [c.date, c.stageReached])).toEqual([
      ['2023-07-01', 'enquiry'],
      ['2024-09-01', 'stage1'],
    ]);
    const dropout = async (from: string, pathway: 'mainstream' | 'kinship') => {
      const t = await app.call('reports.getTable', {
        table: 'dropout',
        options: { from, to: from, pathway },
      });
      const total = t.rows.find((r) => r.key === 'total')!;
      return Object.fromEntries(Object.entries(total.values).filter(([k, n]) => k !== 'total' && n !== 0));
    };
    // The first episode stays mainstream; the second counts under kinship from its enquiry.
    expect(await dropout('2023/24', 'mainstream')).toEqual({ enquiry: 1 });
    expect(await dropout('2023/24', 'kinship')).toEqual({});
    expect(await dropout('2024/25', 'kinship')).toEqual({ stage1: 1 });
    expect(await dropout('2024/25', 'mainstream')).toEqual({});
    const enquiries = async (pathway: 'mainstream' | 'kinship') => {
      const t = await app.call('reports.getTable', {
        table: 'funnel',
        options: { from: '2024/25', to: '2024/25', pathway },
      });
      return t.rows.find((r) => r.key === 'enquiries')!.values['2024/25'];
    };
    expect([await enquiries('mainstream'), await enquiries('kinship')]).toEqual([0, 1]);
  });

  it("follows a switch an import dates on the day of the request and closure, and a household typed by hand re-enquires on the file's pathway", async () => {
    const app = await testApp({ today: TODAY });
    const H =
      'Reference,Pathway,Enquiry date,Surname,Date closed,Closure reason,Closed by,Viability assessment requested';
    let files = 0;
    const file = (row: string) => {
      const path = join(app.dir, `f${++files}.csv`);
      writeFileSync(path, `${H}\r\n${row}\r\n`);
      return path;
    };
    // M1 imported as mainstream; today's export says kinship, requested and closed today.
    await app.call('imports.importFile', { path: file('M1,Mainstream,01/11/2026,M,,,,') });
    const today = await app.call('imports.importFile', {
      path: file('M1,Kinship,01/11/2026,M,26/11/2026,Counselled out,Service,26/11/2026'),
    });
    expect(today).toMatchObject({ updated: 1, rejected: 0 });
    const m1 = await app.call('households.getHousehold', { id: 1 });
    expect(m1.closures.map((c) => c.stageReached)).toEqual(['stage1']);
    const ofsted = await app.call('reports.getTable', { table: 'ofsted', options: { to: '2026/27' } });
    const turnedDown = ofsted.rows.find((r) => r.key === 'applications_turned_down')!;
    expect(turnedDown.values).toMatchObject({ family_and_friends: 1 });
    // R1 typed by hand as mainstream (its pathway kept by hand) and closed, enquires again as kinship.
    const r1 = await household(app, 'R1', 'mainstream', '2023-05-01');
    await close(app, r1, '2023-07-01');
    const again = await app.call('imports.importFile', {
      path: file('R1,Kinship,01/05/2024,R1,,,,01/06/2024'),
    });
    expect(again).toMatchObject({ updated: 1, rejected: 0, errors: [] });
    const record = await app.call('households.getHousehold', { id: r1 });
    expect(record.pathwayChanges).toEqual([{ date: '2024-05-01', from: 'mainstream', to: 'kinship' }]);
    expect(record.journeyDates.map((j) => [j.episode, j.kind, j.date])).toEqual([
      [2, 'viability_request', '2024-06-01'],
    ]);
  });

  it('takes no re-enquiry dated before a pathway change recorded while closed, by hand or by import', async () => {
    const app = await testApp({ today: TODAY });
    const id = await household(app, 'S1', 'kinship', '2023-01-01');
    await close(app, id, '2024-01-01');
    // Switched there and back while closed: both belong to the closed episode.
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2024-03-01' });
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2024-03-05' });
    const message =
      'The new enquiry date 01/02/2024 is before the pathway change recorded on 05/03/2024: a new episode starts on or after the last change.';
    await expect(
      app.call('households.reopenHousehold', { id, enquiryDate: '2024-02-01', notes: null }),
    ).rejects.toMatchObject({ field: 'enquiryDate', message });
    const path = join(app.dir, 's.csv');
    writeFileSync(path, 'Reference,Pathway,Enquiry date,Surname\r\nS1,Mainstream,01/02/2024,S1\r\n');
    const result = await app.call('imports.importFile', { path, overwriteHand: true });
    expect(result).toMatchObject({ rejected: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ message: expect.stringContaining(message) })]);
    const record = await app.call('households.getHousehold', { id });
    expect([record.episode, record.status, record.pathwayChanges.length]).toEqual([1, 'closed', 2]);
    // On or after the last change it re-opens, with no change yet in its new episode.
    await app.call('households.reopenHousehold', { id, enquiryDate: '2024-03-05', notes: null });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2024-04-01' });
  });

  // helper-187's audit: the re-enquiry corrected to before the change recorded while closed took it
  // into the new episode, which then held three changes (read as one): 2023/24's kinship
  // application (the viability request, made on kinship) went from the funnel, the Ofsted return
  // and the kinship table, a year already returned.
  it('nor a re-enquiry corrected to before that change, in the current episode or once an earlier one', async () => {
    const app = await testApp({ today: TODAY });
    const id = await household(app, 'S2', 'mainstream', '2023-05-01');
    await close(app, id, '2023-07-01');
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2023-10-01' });
    await app.call('households.reopenHousehold', { id, enquiryDate: '2023-11-01', notes: null });
    await app.call('households.recordJourneyDate', { id, kind: 'viability_request', date: '2023-12-01' });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2024-02-01' });
    await app.call('households.recordMilestone', { id, kind: 'stage2', date: '2024-03-01' });
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2024-06-01' });
    const tables = async () => ({
      funnel: await app.call('reports.getTable', {
        table: 'funnel',
        options: { from: '2023/24', to: '2024/25', pathway: 'kinship' },
      }),
      ofsted: await app.call('reports.getTable', {
        table: 'ofsted',
        options: { from: '2023/24', to: '2023/24' },
      }),
      kinship: await app.call('reports.getTable', {
        table: 'kinship',
        options: { from: '2023/24', to: '2024/25' },
      }),
    });
    const before = await tables();
    const received = (t: Awaited<ReturnType<typeof tables>>) =>
      t.ofsted.rows.find((r) => r.key === 'applications_received')!.values.family_and_friends;
    expect(received(before)).toBe(1);
    const message = (day: string) =>
      `Enquiry date ${day} is not after the pathway change on 01/10/2023, which belongs to the episode before: a re-enquiry comes after it.`;
    const correct = (date: string, episode?: number) =>
      app.call('households.correctMilestone', {
        id,
        kind: 'enquiry',
        date,
        reason: 'real date',
        ...(episode ? { episode } : {}),
      });
    // Before the change, and on its day (a change on the enquiry's day is the episode's own).
    for (const [date, day] of [
      ['2023-08-01', '01/08/2023'],
      ['2023-10-01', '01/10/2023'],
    ] as const)
      await expect(correct(date)).rejects.toMatchObject({
        code: 'rule_violation',
        field: 'date',
        message: message(day),
      });
    expect(await tables()).toEqual(before);
    // The same once the episode is an earlier one (closed and re-opened again).
    await close(app, id, '2024-07-01');
    await app.call('households.reopenHousehold', { id, enquiryDate: '2025-01-01', notes: null });
    const closedAgain = await tables();
    await expect(correct('2023-08-01', 2)).rejects.toMatchObject({
      code: 'rule_violation',
      message: message('01/08/2023'),
    });
    expect(await tables()).toEqual(closedAgain);
    expect(received(closedAgain)).toBe(1);
    // After the change, the correction is taken, and 2023/24 still counts the kinship application.
    await correct('2023-10-02', 2);
    expect(received(await tables())).toBe(1);
  });
});
