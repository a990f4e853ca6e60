import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src-main/api/context.ts';
import { dispatch } from '../../../src-main/api/registry.ts';
import { Store } from '../../../src-main/db/store.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { REPORT_PATHWAYS, REPORT_TABLES } from '../../../src-main/contract/report-shapes.ts';
import type { Report } from '../../../src-main/contract/reports.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { laterIndexesUndone } from '../../support/old-schema.ts';
import { writeWorkbook } from '../imports/fixtures.ts';

/**
 * An episode switched twice (a kinship carer who later becomes a mainstream carer, or the other
 * way round): each event counts under the pathway it was on at its date, between the two
 * switches too. The record once held only the enquiry's pathway and the last switch, so the
 * second switch moved every event between the two back to the enquiry's pathway, changing a
 * year already returned. Every household is written through the contract, as a user would.
 */
const TODAY = '2026-11-28';
/** The years before the second switch (dated in 2025/26). */
const EARLIER = { from: '2022/23', to: '2024/25' };

async function snapshot(app: Pick<TestApp, 'call'>) {
  const out: Record<string, Pick<Report, 'columns' | 'rows' | 'sections'>> = {};
  for (const table of REPORT_TABLES) {
    for (const pathway of REPORT_PATHWAYS) {
      for (const quarterly of [false, true]) {
        const r = await app.call('reports.getTable', {
          table,
          options: { ...EARLIER, pathway, quarterly, suppress: false },
        });
        out[`${table}|${pathway}|${quarterly ? 'q' : 'y'}`] = {
          columns: r.columns,
          rows: r.rows,
          sections: r.sections,
        };
      }
    }
  }
  return out;
}

async function setUp(): Promise<{ app: TestApp; id: number }> {
  const app = await testApp({ today: TODAY });
  const { id } = await app.call('households.createHousehold', {
    reference: 'T1',
    pathway: 'mainstream',
    enquiryDate: '2024-04-10',
    surname: 'Twice',
    confirmDuplicates: true,
  });
  await app.call('households.switchPathway', { id, pathway: 'kinship', date: '2024-06-01' });
  await app.call('households.recordMilestone', { id, kind: 'stage1', date: '2024-07-01' });
  await app.call('households.recordMilestone', { id, kind: 'approval', date: '2025-01-10' });
  // Another household approved on mainstream, so neither pathway's tables are empty.
  const other = await app.call('households.createHousehold', {
    reference: 'M1',
    pathway: 'mainstream',
    enquiryDate: '2023-05-01',
    surname: 'Main',
    confirmDuplicates: true,
  });
  await app.call('households.recordMilestone', { id: other.id, kind: 'stage1', date: '2023-07-01' });
  await app.call('households.recordMilestone', { id: other.id, kind: 'approval', date: '2024-05-01' });
  return { app, id };
}

/** The Ofsted return's figures for a year, by row and column. */
const ofsted = async (app: TestApp, year: string) => {
  const r = await app.call('reports.getTable', {
    table: 'ofsted',
    options: { from: year, to: year, pathway: 'all', quarterly: false, suppress: false },
  });
  return Object.fromEntries(r.rows.map((x) => [x.key, x.values]));
};

describe('an episode switched twice', () => {
  it('a switch back leaves every table of the years before it identical', async () => {
    const { app, id } = await setUp();
    const before = await snapshot(app);
    // The household's 2024/25 sits under kinship: it was kinship from 01/06/2024.
    const funnel = async (pathway: 'mainstream' | 'kinship') =>
      (
        await app.call('reports.getTable', {
          table: 'funnel',
          options: { ...EARLIER, pathway, quarterly: false, suppress: false },
        })
      ).rows.find((r) => r.key === 'approved')!.values['2024/25'];
    expect(await funnel('kinship')).toBe(1);
    expect(await funnel('mainstream')).toBe(1);
    const returned = await ofsted(app, '2024/25');
    const kinship = { mainstream: 0, family_and_friends: 1, all: 1 };
    expect(returned.applications_received).toEqual(kinship);
    for (const row of ['applications_approved', 'households_approved', 'households_31_march'])
      expect(returned[row], row).toEqual({ mainstream: 1, family_and_friends: 1, all: 2 });
    expect((await ofsted(app, '2025/26')).households_31_march).toEqual({
      mainstream: 1,
      family_and_friends: 1,
      all: 2,
    });

    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2026-01-01' });

    expect(await ofsted(app, '2024/25')).toEqual(returned);
    const after = await snapshot(app);
    for (const key of Object.keys(before)) expect(after[key], key).toEqual(before[key]);
    // From the switch back on it is mainstream: at 31 March 2026 both households are.
    expect((await ofsted(app, '2025/26')).households_31_march).toEqual({
      mainstream: 2,
      family_and_friends: 0,
      all: 2,
    });
  });

  it('a third switch in the episode is refused by hand and kept out by an import, naming the two dates', async () => {
    const { app, id } = await setUp();
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2026-01-01' });
    const pathwayChanges = () =>
      app.ctx.store.db.prepare('SELECT date, to_pathway FROM pathway_changes ORDER BY id').all();
    const changes = pathwayChanges();
    expect(changes).toHaveLength(2);
    await expect(
      app.call('households.switchPathway', { id, pathway: 'kinship', date: '2026-06-01' }),
    ).rejects.toThrow(
      /^T1 has already changed pathway twice in this episode, on 01\/06\/2024 and 01\/01\/2026: a third change, on 01\/06\/2026, cannot be recorded/,
    );
    // An import's row keeps the pathway, with a warning; the rest of the row still counts.
    const path = writeWorkbook(join(app.dir, 'third.xlsx'), {
      Sheet1: [
        ['Reference', 'Surname', 'Enquiry Date', 'Pathway'],
        ['T1', 'Twice', '10/04/2024', 'Kinship'],
      ],
    });
    const r = await app.call('imports.importFile', {
      path,
      kind: 'auto',
      dryRun: false,
      overwriteHand: true,
    });
    expect(r).toMatchObject({ rejected: 0 });
    expect(r.warnings).toEqual([
      expect.objectContaining({
        column: 'Pathway',
        message: expect.stringMatching(
          /^Kept the mainstream pathway: T1 has already changed pathway twice in this episode, on 01\/06\/2024 and 01\/01\/2026/,
        ),
      }),
    ]);
    expect(pathwayChanges()).toEqual(changes);
    // A new episode may switch again: closed and enquiring again, it starts on its own.
    const { id: other } = await app.call('households.createHousehold', {
      reference: 'T2',
      pathway: 'kinship',
      enquiryDate: '2024-04-10',
      surname: 'Again',
      confirmDuplicates: true,
    });
    await app.call('households.switchPathway', { id: other, pathway: 'mainstream', date: '2024-05-01' });
    await app.call('households.switchPathway', { id: other, pathway: 'kinship', date: '2024-06-01' });
    await app.call('households.closeHousehold', {
      id: other,
      date: '2024-07-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    await app.call('households.reopenHousehold', { id: other, enquiryDate: '2025-05-01' });
    await app.call('households.switchPathway', { id: other, pathway: 'mainstream', date: '2025-06-01' });
  });

  it('a database from before migration 19 is brought across: the first switch from pathway_changes, every table as before', async () => {
    const { app, id } = await setUp();
    await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2026-01-01' });
    const expected = await snapshot(app);
    const db = app.ctx.store.db;
    expect(db.prepare('SELECT first_switched_on FROM episodes WHERE household_id = ?').pluck().get(id)).toBe(
      '2024-06-01',
    );
    // The same file as schema 18 had it: no first switch, the indexes of version 18.
    db.pragma('wal_checkpoint(TRUNCATE)');
    const path = join(app.dir, 'v18.db');
    copyFileSync(app.dbPath, path);
    const episodeIndexes = (file: Database.Database) =>
      file
        .prepare<[], { name: string; sql: string }>(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'episodes' AND sql IS NOT NULL",
        )
        .all();
    const v18 = new Database(fixturePath(18), { readonly: true });
    const indexes = episodeIndexes(v18);
    v18.close();
    expect(indexes.length).toBeGreaterThan(5);
    const raw = new Database(path);
    // Every index the file has now (later versions add some), then version 18's own.
    for (const i of episodeIndexes(raw)) raw.exec(`DROP INDEX ${i.name}`);
    // The forecast text reads the first switch since migration 27, which makes it again: it goes first.
    raw.exec('ALTER TABLE episodes DROP COLUMN forecast_text');
    raw.exec('ALTER TABLE episodes DROP COLUMN first_switched_on');
    for (const i of indexes) raw.exec(i.sql);
    laterIndexesUndone(raw, 18);
    raw.pragma('user_version = 18');
    raw.close();

    const store = await Store.open(path);
    try {
      expect(
        store.db.prepare('SELECT first_switched_on FROM episodes WHERE household_id = ?').pluck().get(id),
      ).toBe('2024-06-01');
      const ctx = createContext(
        store,
        { realDbPath: path, sampleDbPath: join(app.dir, 'sample.db') },
        { today: () => TODAY, user: 'tester' },
      );
      const migrated = await snapshot({
        call: async (method, input) => (await dispatch(ctx, method, input)) as never,
      });
      for (const key of Object.keys(expected)) expect(migrated[key], key).toEqual(expected[key]);
    } finally {
      store.close();
    }
  });
});
