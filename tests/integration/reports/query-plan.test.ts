import { describe, expect, it } from 'vitest';
import { REPORT_TABLES } from '../../../src-main/contract/reports.ts';
import type { Db } from '../../../src-main/db/open.ts';
import { buildReport } from '../../../src-main/reports/report.ts';
import { testApp } from '../../support/temp.ts';
import { addSmallFixture } from './fixture.ts';

/**
 * At a million households a report must never read a whole table row by row: every full pass
 * is over a covering index (in its own order), every other access is an index search.
 */
function plansOf(db: Db, run: () => void): Array<{ sql: string; plan: string[] }> {
  const seen: Array<{ sql: string; plan: string[] }> = [];
  const prepare = db.prepare.bind(db);
  const spy = ((sql: string) => {
    if (/^\s*(WITH|SELECT)/i.test(sql)) {
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null))
        .map((r) => (r as { detail: string }).detail);
      seen.push({ sql, plan });
    }
    return prepare(sql);
  }) as Db['prepare'];
  db.prepare = spy;
  try {
    run();
  } finally {
    db.prepare = prepare;
  }
  return seen;
}

describe('report query plans', () => {
  it.each(REPORT_TABLES)('%s reads only through indexes, for every pathway', async (table) => {
    const app = await testApp();
    const db = app.ctx.store.db;
    addSmallFixture(db);
    for (const pathway of ['mainstream', 'kinship', 'all'] as const) {
      const plans = plansOf(db, () =>
        buildReport(db, table, { pathway, quarterly: false, suppress: false }, '2026-11-26'),
      );
      expect(plans.length).toBeGreaterThan(0);
      for (const { sql, plan } of plans) {
        for (const line of plan) {
          // The reason list is a handful of rows (json_each: the Ofsted return's leaving reason keys
          // of one deregistration category, bound as one parameter); the episodes table is itself the
          // one-row-per-episode record, so a single pass over it is the floor a planning figure that
          // needs every episode can reach; everything else must be indexed.
          if (/^SCAN (reasons|CONSTANT ROW|p|ep|x|json_each|e)\b/.test(line) || /^SCAN \(subquery/.test(line))
            continue;
          if (/^SCAN /.test(line)) expect(line, sql).toMatch(/COVERING INDEX/);
        }
      }
    }
  });
});
