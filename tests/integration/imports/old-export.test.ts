import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_PATHWAYS, REPORT_TABLES } from '../../../src-main/contract/reports.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

const HEADER = 'Reference,Enquiry date,First name,Surname,EOI date,Date closed,Closure reason,Closed by\r\n';
const OLD = HEADER + 'D1,10/01/2024,Dee,Hart,01/02/2024,01/03/2024,Lost contact,Lost contact\r\n';
const NEW = HEADER + 'D1,10/01/2025,Dee,Hart,15/02/2025,,,\r\n';

async function importText(app: TestApp, name: string, text: string) {
  const path = join(app.dir, name);
  writeFileSync(path, text);
  return app.call('imports.importFile', { path });
}

async function everyReport(app: TestApp) {
  const out: Record<string, unknown> = {};
  for (const table of REPORT_TABLES)
    for (const pathway of REPORT_PATHWAYS)
      out[`${table}|${pathway}`] = (
        await app.call('reports.getTable', {
          table,
          options: { from: '2022/23', to: '2026/27', pathway, quarterly: false, suppress: false },
        })
      ).rows;
  return out;
}

describe('an old export imported after the household enquired again', () => {
  it('leaves the newer episode and every report unchanged, and says why (the three-file scenario)', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    expect((await importText(app, 'old.csv', OLD)).new).toBe(1);
    const reopened = await importText(app, 'new.csv', NEW);
    expect(reopened.updated).toBe(1);
    expect(db.prepare('SELECT episode, status FROM households').get()).toEqual({
      episode: 2,
      status: 'open',
    });

    const facts = () => ({
      milestones: db.prepare('SELECT episode, kind, date FROM milestones ORDER BY episode, kind').all(),
      closures: db.prepare('SELECT episode, date FROM closures ORDER BY id').all(),
      episodes: db.prepare('SELECT * FROM episodes ORDER BY episode').all(),
    });
    const before = facts();
    const reports = await everyReport(app);

    const again = await importText(app, 'old-again.csv', OLD);
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 1, rejected: 0 });
    expect(again.warnings).toEqual([
      expect.objectContaining({
        row: 2,
        message: expect.stringMatching(
          /earlier episode \(enquiry 10\/01\/2024\).*enquired again on 10\/01\/2025/,
        ),
      }),
    ]);
    expect(facts()).toEqual(before);
    expect(await everyReport(app)).toEqual(reports);
    // The funnel counts one enquiry in each year, as the files say.
    const funnel = await app.call('reports.getTable', {
      table: 'funnel',
      options: { from: '2023/24', to: '2024/25', pathway: 'all', quarterly: false, suppress: false },
    });
    const enquiries = funnel.rows.find((r) => r.key === 'enquiries')!;
    expect(enquiries.values).toEqual({ '2023/24': 1, '2024/25': 1 });
  });

  it("takes no carer, approval term or journey date from it either (a kinship household's viability steps)", async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    const K =
      'Reference,Pathway,Enquiry date,Surname,Date closed,Closure reason,Closed by,Viability assessment requested\r\n';
    await importText(
      app,
      'k-old.csv',
      `${K}K1,Kinship,30/04/2021,Kay,17/05/2021,Lost contact,Lost contact,\r\n`,
    );
    await importText(app, 'k-new.csv', `${K}K1,Kinship,08/06/2021,Kay,,,,\r\n`);
    const steps = () => db.prepare('SELECT episode, kind, date FROM journey_dates ORDER BY id').all();
    const episodes = () => db.prepare('SELECT * FROM episodes ORDER BY episode').all();
    const before = { steps: steps(), episodes: episodes() };
    // A later export of the first episode, dating a viability request (after its own closure).
    const again = await importText(
      app,
      'k-old-again.csv',
      `${K}K1,Kinship,30/04/2021,Kay,17/05/2021,Lost contact,Lost contact,22/09/2021\r\n`,
    );
    expect(again).toMatchObject({ updated: 0, rejected: 0 });
    expect(again.warnings).toEqual([
      expect.objectContaining({ message: expect.stringContaining('this row is an earlier episode') }),
    ]);
    expect({ steps: steps(), episodes: episodes() }).toEqual(before);
  });
});
