import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * All Stage 1 information obtained, recorded by hand through the contract as the record's form
 * sends it: on an open household from its Stage 1 start, never in the future, after a Stage 2
 * start too (the stages may overlap); kept with its audit entry, and bounding the Stage 1 start.
 * A refusal names the field and stores nothing.
 */
async function refused(app: TestApp, id: number, call: () => Promise<unknown>, field: string, words: RegExp) {
  const before = await app.call('households.getHousehold', { id });
  await expect(call()).rejects.toMatchObject({
    code: 'rule_violation',
    field,
    message: expect.stringMatching(words),
  });
  expect(await app.call('households.getHousehold', { id })).toEqual(before);
}

async function atStage1(app: TestApp, reference: string, stage1: string) {
  const { id } = await app.call('households.createHousehold', {
    reference,
    enquiryDate: '2026-08-03',
    surname: reference,
    confirmDuplicates: true,
  });
  await app.call('households.recordMilestone', { id, kind: 'eoi', date: '2026-08-20' });
  if (stage1) await app.call('households.recordMilestone', { id, kind: 'stage1', date: stage1 });
  return id;
}

describe('all Stage 1 information obtained, recorded by hand', () => {
  it('needs the Stage 1 start before it, is never in the future, and is kept with its audit entry', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const early = await atStage1(app, 'S0', '');
    await refused(
      app,
      early,
      () =>
        app.call('households.recordJourneyDate', {
          id: early,
          kind: 'stage1_information',
          date: '2026-09-10',
        }),
      'date',
      /^Record the Stage 1 start before the Stage 1 information complete\.$/,
    );
    const id = await atStage1(app, 'S1', '2026-09-02');
    await refused(
      app,
      id,
      () => app.call('households.recordJourneyDate', { id, kind: 'stage1_information', date: '2026-09-01' }),
      'date',
      /^Stage 1 information complete date 01\/09\/2026 is before the Stage 1 start date 02\/09\/2026\.$/,
    );
    await refused(
      app,
      id,
      () => app.call('households.recordJourneyDate', { id, kind: 'stage1_information', date: '2026-11-27' }),
      'date',
      /^Stage 1 information complete date 27\/11\/2026 is in the future\.$/,
    );
    const rec = await app.call('households.recordJourneyDate', {
      id,
      kind: 'stage1_information',
      date: '2026-11-02',
    });
    expect(rec.journeyDates).toMatchObject([
      { episode: 1, kind: 'stage1_information', date: '2026-11-02', source: 'hand' },
    ]);
    // The episodes record every report reads holds it too.
    expect(
      app.ctx.store.db
        .prepare('SELECT stage1_information FROM episodes WHERE household_id = ?')
        .pluck()
        .get(id),
    ).toBe('2026-11-02');
    const timeline = await app.call('households.getTimeline', { id });
    expect(JSON.stringify(timeline)).toContain('Stage 1 information complete');
    // The Stage 1 start is not corrected past it, nor removed before it.
    await refused(
      app,
      id,
      () =>
        app.call('households.correctMilestone', { id, kind: 'stage1', date: '2026-11-03', reason: 'Typo' }),
      'date',
      /^Stage 1 date 03\/11\/2026 is after the Stage 1 information complete date 02\/11\/2026: correct that first\.$/,
    );
    await refused(
      app,
      id,
      () => app.call('households.removeMilestone', { id, kind: 'stage1', reason: 'Entered in error' }),
      'kind',
      /^Remove the Stage 1 information complete first\.$/,
    );
  });

  it('may be dated after the Stage 2 start, and not on a closed household', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const id = await atStage1(app, 'S2', '2026-09-02');
    await app.call('households.recordMilestone', { id, kind: 'stage2', date: '2026-10-15' });
    const rec = await app.call('households.recordJourneyDate', {
      id,
      kind: 'stage1_information',
      date: '2026-10-20',
    });
    expect(rec.journeyDates.map((j) => [j.kind, j.date])).toEqual([['stage1_information', '2026-10-20']]);

    const closed = await atStage1(app, 'S3', '2026-09-02');
    await app.call('households.closeHousehold', {
      id: closed,
      date: '2026-10-01',
      reasonKey: 'unsuitable_checks',
      endedBy: 'service',
    });
    await expect(
      app.call('households.recordJourneyDate', {
        id: closed,
        kind: 'stage1_information',
        date: '2026-09-20',
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/closed/) });
  });
});

/** Where an alert shows: the record, the list's row and its overdue filter, the households count and Home. */
async function views(app: TestApp, reference: string) {
  const list = await app.call('households.listHouseholds', { search: reference });
  const row = list.rows.find((r) => r.reference === reference)!;
  const record = await app.call('households.getHousehold', { id: row.id });
  const overdueOnly = await app.call('households.listHouseholds', { overdue: true });
  const home = await app.call('planning.getDashboard', {});
  const count = await app.call('households.getDashboard', {});
  return {
    record: record.alerts.map((a) => [a.label, a.due, a.overdue]),
    row: [row.nextAlert, row.nextAlertDate, row.overdue],
    filtered: overdueOnly.rows.map((r) => r.reference),
    home: home.alerts.overdue.value,
    count: count.overdue,
  };
}

describe('the Stage 1 decision alert', () => {
  it('falls due 10 working days after all Stage 1 information, over Christmas, and is overdue the day after', async () => {
    // Information complete Friday 18/12/2026: Christmas Day, Boxing Day's substitute Monday 28/12
    // and New Year's Day are skipped, so the 10th working day is Wednesday 06/01/2027.
    const app = await testApp({ today: '2027-01-06' });
    const id = await atStage1(app, 'A1', '2026-12-01');
    await app.call('households.recordJourneyDate', { id, kind: 'stage1_information', date: '2026-12-18' });
    expect(await views(app, 'A1')).toEqual({
      record: [
        ['Stage 1 decision due', '2027-01-06', false],
        ['Stage 1 time limit', '2027-04-01', false],
        ['Application to panel time limit', '2027-08-01', false],
      ],
      row: ['stage1_decision', '2027-01-06', false],
      filtered: [],
      home: 0,
      count: 0,
    });
    setClock('2027-01-07');
    expect(await views(app, 'A1')).toMatchObject({
      record: [['Stage 1 decision due', '2027-01-06', true], expect.anything(), expect.anything()],
      row: ['stage1_decision', '2027-01-06', true],
      filtered: ['A1'],
      home: 1,
      count: 1,
    });
    // Found suitable: the Stage 2 start ends it (and Stage 1's own 4 months).
    await app.call('households.recordMilestone', { id, kind: 'stage2', date: '2027-01-07' });
    expect(await views(app, 'A1')).toEqual({
      record: [['Application to panel time limit', '2027-08-01', false]],
      row: ['panel', '2027-08-01', false],
      filtered: [],
      home: 0,
      count: 0,
    });
  });

  it('ends with the closure an "unsuitable" decision makes', async () => {
    const app = await testApp({ today: '2027-01-07' });
    const id = await atStage1(app, 'A2', '2026-12-01');
    await app.call('households.recordJourneyDate', { id, kind: 'stage1_information', date: '2026-12-18' });
    expect(await views(app, 'A2')).toMatchObject({ row: ['stage1_decision', '2027-01-06', true], count: 1 });
    await app.call('households.closeHousehold', {
      id,
      date: '2027-01-07',
      reasonKey: 'unsuitable_checks',
      endedBy: 'service',
    });
    expect(await views(app, 'A2')).toEqual({
      record: [],
      row: [null, null, false],
      filtered: [],
      home: 0,
      count: 0,
    });
  });
});
