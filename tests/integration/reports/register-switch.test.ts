import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_PATHWAYS } from '../../../src-main/contract/report-shapes.ts';
import { asFromSchema } from '../../support/old-schema.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { writeWorkbook, xlDate } from '../imports/fixtures.ts';
import { rowOf } from './fixture.ts';

/**
 * A household from a carers register holds its approval alone (a register has no enquiry
 * date). Switched to kinship on 01/06/2025 (a carer who became a connected person), it was on
 * mainstream from its approval on 01/05/2021 until then: every year before the switch keeps it
 * there, as every report counts an event on the pathway at its date. Its episode was read from
 * its enquiry alone, so with none the switch counted as dated before the episode, and the
 * household read as kinship since 2021: the returns at 31 March 2022 to 2025, already sent,
 * moved it to family and friends, and mainstream retention lost it.
 */
const TODAY = '2026-11-26';

async function setUp(): Promise<{ app: TestApp; id: number }> {
  const app = await testApp({ today: TODAY });
  const r = await app.call('imports.importFile', {
    path: writeWorkbook(join(app.dir, 'register.xlsx'), {
      Carers: [
        ['Foster Carer No.', 'Carer 1 Name', 'Date of Approval'],
        ['FC1', 'Joan Ashby', xlDate('2021-05-01')],
      ],
    }),
    kind: 'auto',
    dryRun: false,
    overwriteHand: false,
  });
  expect(r).toMatchObject({ kind: 'carers', new: 1, rejected: 0, errors: [] });
  const id = app.ctx.store.db.prepare("SELECT id FROM households WHERE reference = 'FC1'").pluck().get();
  return { app, id: id as number };
}

const ofsted = async (app: TestApp, year: string) =>
  (
    await app.call('reports.getTable', {
      table: 'ofsted',
      options: { from: year, to: year, pathway: 'all', quarterly: false, suppress: false },
    })
  ).rows;

const retention = (app: TestApp, pathway: (typeof REPORT_PATHWAYS)[number]) =>
  app.call('reports.getTable', {
    table: 'retention',
    options: { from: '2021/22', to: '2024/25', pathway, quarterly: false, suppress: false },
  });

describe('a carers register household switched pathway', () => {
  it('stays on mainstream in every year before the switch', async () => {
    const { app, id } = await setUp();
    const before = {
      ofsted: await ofsted(app, '2023/24'),
      retention: await Promise.all(REPORT_PATHWAYS.map((p) => retention(app, p))),
    };
    expect(rowOf(before.ofsted, 'households_31_march')).toEqual({
      mainstream: 1,
      family_and_friends: 0,
      all: 1,
    });

    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2025-06-01' });

    expect(await ofsted(app, '2023/24')).toEqual(before.ofsted);
    expect(rowOf(await ofsted(app, '2024/25'), 'households_31_march')).toEqual({
      mainstream: 1,
      family_and_friends: 0,
      all: 1,
    });
    for (const [i, p] of REPORT_PATHWAYS.entries())
      expect((await retention(app, p)).rows, p).toEqual(before.retention[i]!.rows);
    // From the switch on it is kinship: at 31 March 2026 it counts as family and friends.
    expect(rowOf(await ofsted(app, '2025/26'), 'households_31_march')).toEqual({
      mainstream: 0,
      family_and_friends: 1,
      all: 1,
    });
  });

  it('may change pathway twice, as any episode, and not a third time', async () => {
    // The engine counted an episode's switches from its enquiry: with none, it counted none, so a
    // third and a fourth were taken, and the reports read the episode approximately.
    const { app, id } = await setUp();
    // Not before the episode starts (its approval): such a switch would belong to no episode.
    await expect(
      app.call('households.switchPathway', { id, pathway: 'kinship', date: '2020-01-01' }),
    ).rejects.toMatchObject({
      field: 'date',
      message: 'Pathway change date 01/01/2020 is before the Approved date 01/05/2021.',
    });
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2025-06-01' });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2025-09-01' });
    const years = await ofsted(app, '2024/25');
    await expect(
      app.call('households.switchPathway', { id, pathway: 'kinship', date: '2025-12-01' }),
    ).rejects.toMatchObject({ message: expect.stringContaining('already changed pathway twice') });
    expect((await app.call('households.getHousehold', { id })).pathway).toBe('mainstream');
    expect(await ofsted(app, '2024/25')).toEqual(years);
  });

  it('is read right in a database switched under version 20, once migrated', async () => {
    const { app, id } = await setUp();
    await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2025-06-01' });
    const expected = await ofsted(app, '2023/24');
    expect(rowOf(expected, 'households_31_march')).toMatchObject({ mainstream: 1 });
    // As version 20 rebuilt it: the switch taken as before the episode, kinship since the approval.
    const migrated = await asFromSchema(
      app,
      20,
      "UPDATE episodes SET pathway = 'kinship', switched_on = NULL, switched_to = NULL, first_switched_on = NULL",
      async (a) =>
        (
          await a.call('reports.getTable', {
            table: 'ofsted',
            options: { from: '2023/24', to: '2023/24', pathway: 'all', quarterly: false, suppress: false },
          })
        ).rows,
    );
    expect(migrated).toEqual(expected);
  });

  it('moves the closure a kinship application staged on the old record, once migrated', async () => {
    // A household with no enquiry date (an export row with its EOI alone), kinship when it asked
    // for a viability assessment, switched to mainstream and closed: Stage 1, the request being its
    // application. Version 20 counted no switch in such an episode, so it stood at EOI.
    const app = await testApp({ today: TODAY });
    const path = join(app.dir, 'crm.csv');
    writeFileSync(path, 'Reference,Pathway,Enquiry date,EOI date,Surname\r\nNK,Kinship,,01/03/2024,NK\r\n');
    expect(await app.call('imports.importFile', { path })).toMatchObject({ new: 1, rejected: 0 });
    const id = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'NK'")
      .pluck()
      .get() as number;
    await app.call('households.recordJourneyDate', { id, kind: 'viability_request', date: '2024-04-01' });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2024-05-01' });
    await app.call('households.closeHousehold', {
      id,
      date: '2024-06-01',
      reasonKey: 'counselled_out',
      endedBy: 'service',
    });
    const read = async (a: Pick<TestApp, 'call'>) => ({
      stage: (await a.call('households.getHousehold', { id })).stage,
      dropout: (
        await a.call('reports.getTable', {
          table: 'dropout',
          options: { from: '2024/25', to: '2024/25', pathway: 'all', quarterly: false, suppress: false },
        })
      ).rows,
    });
    const expected = await read(app);
    expect(expected.stage).toBe('stage1');
    const migrated = await asFromSchema(
      app,
      20,
      `UPDATE episodes SET pathway = 'mainstream', switched_on = NULL, switched_to = NULL,
         first_switched_on = NULL, closed_stage = 'eoi';
       UPDATE closures SET stage_reached = 'eoi';
       UPDATE households SET stage = 'eoi';`,
      read,
    );
    expect(migrated).toEqual(expected);
  });

  it('a household with no milestone at all takes no pathway change until its enquiry is recorded', async () => {
    // Its changes, dated anywhere, were counted in no episode: four were taken, and an enquiry
    // recorded before them later put all four into its one episode.
    const app = await testApp({ today: TODAY });
    const path = join(app.dir, 'bare.csv');
    writeFileSync(path, 'Reference,Pathway,Enquiry date,Surname\r\nH9,Kinship,,B\r\n');
    expect(await app.call('imports.importFile', { path })).toMatchObject({ new: 1, rejected: 0 });
    const id = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'H9'")
      .pluck()
      .get() as number;
    await expect(
      app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2020-01-01' }),
    ).rejects.toMatchObject({
      field: 'date',
      message: expect.stringContaining('H9 has no milestone recorded: record its enquiry date first'),
    });
    await app.call('households.recordMilestone', { id, kind: 'enquiry', date: '2019-06-01' });
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2020-01-01' });
    expect((await app.call('households.getHousehold', { id })).pathway).toBe('mainstream');
  });

  it('nor from a file: a row with no dates keeps its pathway, with a warning; one bringing its enquiry switches', async () => {
    // An export's row changed such a household's pathway, uncounted, as often as files said so.
    const app = await testApp({ today: TODAY });
    const file = (name: string, body: string) => {
      const path = join(app.dir, name);
      writeFileSync(path, `Reference,Pathway,Enquiry date,Surname\r\n${body}\r\n`);
      return path;
    };
    expect(await app.call('imports.importFile', { path: file('a.csv', 'H9,Kinship,,B') })).toMatchObject({
      new: 1,
    });
    const id = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'H9'")
      .pluck()
      .get() as number;
    const switches = () =>
      app.ctx.store.db.prepare('SELECT COUNT(*) FROM pathway_changes WHERE household_id = ?').pluck().get(id);
    const second = await app.call('imports.importFile', { path: file('b.csv', 'H9,Mainstream,,B') });
    expect(second.warnings).toContainEqual(
      expect.objectContaining({
        column: 'Pathway',
        message: expect.stringContaining(
          'Kept the kinship pathway: H9 has no milestone recorded: record its enquiry date first',
        ),
      }),
    );
    expect((await app.call('households.getHousehold', { id })).pathway).toBe('kinship');
    expect(switches()).toBe(0);
    const third = await app.call('imports.importFile', { path: file('c.csv', 'H9,Mainstream,01/06/2026,B') });
    expect(third).toMatchObject({ updated: 1, rejected: 0 });
    expect((await app.call('households.getHousehold', { id })).pathway).toBe('mainstream');
    expect(switches()).toBe(1);
  });
});
