import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDuplicates, listHouseholds, listSql } from '../../../src-main/db/queries/households-list.ts';
import {
  columnCountSql,
  countSearch,
  searchCountSql,
} from '../../../src-main/db/queries/households-search.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { fixturePath } from '../../fixtures/schema/generate.ts';
import { planOf, plansOf } from '../../support/query-plans.ts';
import { tempDir, testApp } from '../../support/temp.ts';

const TODAY = '2026-11-26';
const WORDS = ['patel', 'amira patel', 'jo', 'ff00', 'LS1', 'van den'];

/**
 * Migration 31 replaced households_by_surname_fold (surname_fold) by households_by_name_fold
 * (surname_fold, first_name_fold) and added the surname parts' table. Every statement the search
 * and the duplicate check prepare is planned here against the schema before (the v30 fixture,
 * with the parts table alone added so the statements prepare) and the one now.
 */
describe('the folded names index and the surname parts (EXPLAIN QUERY PLAN)', () => {
  it('every statement that read the folded surname index reads the folded names index, and parts by their key', async () => {
    const path = join(tempDir(), 'v30.db');
    copyFileSync(fixturePath(30), path);
    const before = new Database(path);
    before.exec(`CREATE TABLE household_name_parts (part TEXT NOT NULL,
      household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
      PRIMARY KEY (part, household_id)) WITHOUT ROWID`);
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    generateSample(db, { households: 500, seed: 9, today: TODAY });
    const statements = plansOf(db, () => {
      for (const search of WORDS) {
        listHouseholds(db, { search }, { offset: 0, limit: 25 }, TODAY);
        for (const mode of ['filter', 'sort'] as const) {
          const q = listSql({ search, sort: 'enquiryDate', dir: 'desc' }, mode);
          db.prepare(q.page);
          db.prepare(q.count);
        }
        db.prepare(searchCountSql(search.split(' ')).sql);
        countSearch(db, search);
        db.prepare(columnCountSql(search, 'name_part', ['surname_fold', 'email']).sql);
        db.prepare(columnCountSql(search, 'email', ['name_part', 'surname_fold']).sql);
      }
      for (const [firstName, surname] of [
        ['Amira', 'Patel'],
        [null, 'Patel'],
        ['Ann', 'Smith Jones'],
      ])
        findDuplicates(db, { firstName, surname });
    });
    let replaced = 0;
    for (const { sql, plan } of statements) {
      const old = planOf(before as never, sql);
      const readOld = old.filter((l) => l.includes('households_by_surname_fold')).length;
      expect(plan.filter((l) => l.includes('households_by_name_fold')).length, sql).toBe(readOld);
      replaced += readOld;
      // Nothing reads either table whole.
      expect(
        plan.filter((l) => /^SCAN (households|household_name_parts)\b(?! USING)/.test(l)),
        sql,
      ).toEqual([]);
      if (sql.includes('household_name_parts'))
        expect(plan, sql).toContain('SEARCH household_name_parts USING PRIMARY KEY (part>? AND part<?)');
    }
    expect(replaced).toBeGreaterThan(20);
    // The duplicate check of a name typed by hand: the surname's households with such a first name, from the index.
    expect(statements.flatMap((s) => s.plan)).toContain(
      'SEARCH households USING INDEX households_by_name_fold (surname_fold=? AND first_name_fold>? AND first_name_fold<?)',
    );
    before.close();
  });
});
