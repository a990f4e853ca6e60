import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportOptions, ReportTableKey } from '../../../src-main/contract/reports.ts';
import type { Db } from '../../../src-main/db/handle.ts';
import { openDatabase } from '../../../src-main/db/open.ts';
import { homeDashboard, homeHouseholds } from '../../../src-main/planning/dashboard.ts';
import { buildReport, buildReports, drillReport } from '../../../src-main/reports/report.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { tempDir, testApp } from '../../support/temp.ts';

/**
 * A report reads in several statements (its table, the annual table and the tables printed beside
 * it that suppression weighs it against; a drill's table and its households), and so does Home. An import commits
 * from its own worker process, so another program's write can land between two of them. Here a
 * second connection commits a change just before the k-th statement a report prepares, for every
 * k: the answer must be the report of the records before the change or after it, never a mix.
 */
const TODAY = '2026-11-26';

/** Every dated step a year earlier: a change every table sees. */
const MOVE_A_YEAR_BACK = `UPDATE episodes SET ${[
  'enquiry',
  'eoi',
  'stage1',
  'stage2',
  'panel',
  'approval',
  'closed_on',
  'ceased_on',
]
  .map((c) => `${c} = date(${c}, '-1 year')`)
  .join(', ')}`;

/** The connection as the core uses it, `hook` told the number of each statement it prepares, just before. */
function onEachPrepare(db: Db, hook: (n: number) => void): Db {
  let n = 0;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare')
        return (sql: string) => {
          hook(++n);
          return target.prepare(sql);
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('a report reads one state of the records', () => {
  it('is the report before or after another program’s write, wherever the write lands', async () => {
    const app = await testApp({ today: TODAY });
    generateSample(app.ctx.store.db, { households: 200, seed: 11, today: TODAY });
    app.ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const dir = tempDir();
    const original = join(dir, 'original.db');
    copyFileSync(app.dbPath, original);

    const cases: Array<{ name: string; read: (db: Db) => unknown }> = [];
    const table = (t: ReportTableKey, options: ReportOptions) =>
      cases.push({
        name: `${t} ${JSON.stringify(options)}`,
        read: (db) => buildReport(db, t, options, TODAY),
      });
    table('retention', { suppress: true, quarterly: true, pathway: 'all' });
    table('funnel', { suppress: true, quarterly: true, pathway: 'mainstream' });
    table('ofsted', { to: '2025/26', quarterly: false, pathway: 'all', suppress: false });
    cases.push({
      name: 'Save all tables',
      read: (db) =>
        buildReports(
          db,
          ['funnel', 'leaving', 'retention'],
          { suppress: true, quarterly: false, pathway: 'mainstream' },
          TODAY,
        ),
    });
    cases.push({
      name: 'drill: approvals',
      read: (db) =>
        drillReport(
          db,
          {
            table: 'funnel',
            options: {
              from: '2021/22',
              to: '2025/26',
              quarterly: false,
              pathway: 'mainstream',
              suppress: false,
            },
            section: '',
            row: 'approved',
            column: '2023/24',
            limit: 1000,
          },
          TODAY,
        ),
    });

    cases.push({ name: 'Home', read: (db) => homeDashboard(db, TODAY) });
    cases.push({
      name: 'Home drill: approvals this year',
      read: (db) => homeHouseholds(db, 'ytd:approval:this', TODAY, 1000),
    });
    for (const c of cases) {
      const answerOf = async (change: boolean) => {
        const path = join(dir, 'whole.db');
        copyFileSync(original, path);
        const db = await openDatabase(path);
        if (change) db.exec(MOVE_A_YEAR_BACK);
        let prepares = 0;
        const answer = JSON.stringify(c.read(onEachPrepare(db, (n) => (prepares = n))));
        db.close();
        return { answer, prepares };
      };
      const before = await answerOf(false);
      const after = await answerOf(true);
      expect(after.answer, `${c.name}: the write changes the answer`).not.toBe(before.answer);
      expect(before.prepares, c.name).toBeGreaterThan(1);

      for (let k = 1; k <= before.prepares; k++) {
        const path = join(dir, `k${k}.db`);
        copyFileSync(original, path);
        const db = await openDatabase(path);
        const other = new Database(path);
        try {
          const write = (n: number) => n === k && other.exec(MOVE_A_YEAR_BACK);
          const answer = JSON.stringify(c.read(onEachPrepare(db, write)));
          expect([before.answer, after.answer], `${c.name}, the write before statement ${k}`).toContain(
            answer,
          );
        } finally {
          other.close();
          db.close();
        }
      }
    }
  }, 240_000);
});
