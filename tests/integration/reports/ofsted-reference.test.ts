import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_PATHWAYS, SUPPRESSED, type Report } from '../../../src-main/contract/reports.ts';
import { resolveOptions } from '../../../src-main/reports/period.ts';
import { finalise } from '../../../src-main/reports/shape.ts';
import { ofstedTable } from '../../../src-main/reports/ofsted.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { referenceOfstedTable } from './ofsted-reference/build.ts';
import { askedIn } from '../../../src-main/domain/ofsted.ts';
import { fyStartYear } from '../../../src-main/domain/financial-year.ts';
import { ofstedRows } from '../../../src-main/reports/ofsted-definitions.ts';
import type { BuiltTable } from '../../../src-main/reports/types.ts';

/**
 * The Ofsted return is built faster than it was (issue 12), and must give the very same figures:
 * every row, column and characteristics section of every year, on a realistic sample (20,000
 * households over six years, some purged) with the records no sample makes added by hand (carers
 * who left before or after 31 March, households whose every carer left, no date of birth, carers
 * under 18, values outside the vocabulary, pathway switches, no approval terms, changes of places,
 * withdrawal codes), against the old build kept word for word in ofsted-reference/.
 */
const TODAY = '2026-11-26';
const YEARS = ['2020/21', '2021/22', '2022/23', '2023/24', '2024/25', '2025/26', '2026/27'];
let app: TestApp;

beforeAll(async () => {
  app = await testApp({ today: TODAY });
  await app.call('system.generateSample', { households: 20_000, seed: 12 });
  // Purge what the shortest retention allows (enquirers after 1 year, applicants after 3).
  await app.call('data.saveSettings', { retention: { enquirerYears: 1, applicantYears: 3 } });
  const purged = await app.call('data.purgeHouseholds', {});
  expect(purged.purged).toBeGreaterThan(0);
  const db = app.ctx.store.db;
  db.exec(`
    UPDATE household_people SET left_on = '2024-03-31' WHERE id % 37 = 0;
    UPDATE household_people SET left_on = '2025-04-01' WHERE id % 41 = 0;
    UPDATE household_people SET left_on = '2022-10-10' WHERE household_id % 53 = 0;
    UPDATE household_people SET date_of_birth = NULL WHERE id % 29 = 0;
    UPDATE household_people SET date_of_birth = '2010-05-05' WHERE id % 97 = 0;
    UPDATE household_people SET date_of_birth = '2005-03-31' WHERE id % 101 = 0;
    UPDATE household_people SET sex = 'unknown_value', religion = NULL WHERE id % 31 = 0;
    UPDATE household_people SET ethnicity = NULL, relationship_status = 'not_a_key' WHERE id % 43 = 0;
    UPDATE episodes SET switched_on = date(approval, '+200 days'),
      switched_to = CASE pathway WHEN 'kinship' THEN 'mainstream' ELSE 'kinship' END
      WHERE approval IS NOT NULL AND household_id % 19 = 0;
    UPDATE episodes SET switched_on = date(enquiry, '+30 days'), switched_to = 'kinship'
      WHERE approval IS NULL AND pathway = 'mainstream' AND household_id % 23 = 0;
    DELETE FROM approval_terms WHERE household_id % 47 = 0;
    UPDATE reasons SET ofsted_code = 'AW2' WHERE list = 'dropout' AND key = 'circumstances';
    UPDATE reasons SET ofsted_code = 'AW5' WHERE list = 'dropout' AND key = 'process';
  `);
  db.prepare(
    `INSERT INTO place_changes (household_id, date, change, created_at)
     SELECT household_id, date(approval, '+400 days'), 2, '2026-01-01T00:00:00Z'
     FROM episodes WHERE approval IS NOT NULL AND household_id % 13 = 0`,
  ).run();
  // Every kind of record the return reads is present (else the comparison proves little).
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  expect(
    count(`SELECT COUNT(*) FROM episodes WHERE approval IS NOT NULL AND ceased_on IS NOT NULL`),
  ).toBeGreaterThan(100);
  expect(count(`SELECT COUNT(*) FROM closures WHERE stage_reached <> 'enquiry'`)).toBeGreaterThan(100);
  expect(count(`SELECT COUNT(*) FROM households WHERE purged_at IS NOT NULL`)).toBeGreaterThan(100);
}, 180_000);

/**
 * The old build printed every item in every year; a year's return now prints only what that
 * year's collection asks for (domain/ofsted.ts ASKED_FROM): the rest of the old build's figures.
 */
function askedThatYear(built: BuiltTable, fy: string): BuiltTable {
  const year = fyStartYear(fy);
  const rows = new Set(ofstedRows(year).map((r) => r.key));
  return {
    main: { ...built.main, rows: built.main.rows.filter((r) => rows.has(r.key)) },
    sections: built.sections.filter((s) => {
      const item = s.key.replace(/^characteristics_/, '');
      return item === 'age' || askedIn(item, year);
    }),
  };
}

describe('the faster Ofsted return', () => {
  it('gives the old build’s figures for every year, pathway, period and suppression', () => {
    const db = app.ctx.store.db;
    let cells = 0;
    for (const to of YEARS) {
      for (const pathway of REPORT_PATHWAYS) {
        for (const quarterly of [false, true]) {
          // As report.ts resolves them for a single-year table with pathway columns.
          const o = {
            ...resolveOptions({ to, quarterly, pathway, suppress: false }, TODAY),
            from: to,
            quarterly: false,
            pathway: 'all' as const,
          };
          const built = ofstedTable.build(db, o, TODAY);
          const reference = askedThatYear(referenceOfstedTable.build(db, o, TODAY), to);
          // The figures are the old build's; what suppression weighs them against is newer (the
          // approvals of the year as the sum of their parts, the sections against the carers above),
          // as is the line saying where the records begin (a year before them).
          const { relations, notes: _notes, ...main } = built.main;
          const sections = built.sections.map(({ restatesMainRows: _, ...s }) => s);
          expect({ main: { ...main, relations: [] }, sections }).toEqual({
            main: { ...reference.main, relations: [] },
            sections: reference.sections,
          });
          for (const suppress of [false, true]) {
            expect(finalise({ ...main, relations }, suppress)).toEqual(
              finalise({ ...reference.main, relations }, suppress),
            );
            built.sections.forEach((s, i) =>
              expect(finalise(s.raw, suppress)).toEqual(finalise(reference.sections[i]!.raw, suppress)),
            );
          }
          cells += built.main.rows.length + built.sections.reduce((a, s) => a + s.raw.rows.length, 0);
        }
      }
      // The figures are not all 0: the comparison means something in every year with approvals.
      const all = ofstedTable.build(
        db,
        {
          ...resolveOptions({ to, quarterly: false, pathway: 'all', suppress: false }, TODAY),
          from: to,
          pathway: 'all',
        },
        TODAY,
      );
      const carers = all.main.rows.find((r) => r.key === 'carers_31_march');
      if (to >= '2021/22') expect(carers?.kind === 'count' && carers.values.all! > 100).toBe(true);
    }
    expect(cells).toBeGreaterThan(1000);
  });

  it('is what the app shows, whatever pathway and period are asked for', async () => {
    const shown: Report[] = [];
    for (const pathway of REPORT_PATHWAYS)
      for (const quarterly of [false, true])
        for (const suppress of [false, true])
          shown.push(
            await app.call('reports.getTable', {
              table: 'ofsted',
              options: { to: '2024/25', pathway, quarterly, suppress },
            }),
          );
    const db = app.ctx.store.db;
    const o = {
      ...resolveOptions({ to: '2024/25', quarterly: false, pathway: 'all', suppress: false }, TODAY),
      from: '2024/25',
      quarterly: false,
      pathway: 'all' as const,
    };
    const reference = referenceOfstedTable.build(db, o, TODAY);
    const { relations } = ofstedTable.build(db, o, TODAY).main;
    for (const r of shown) {
      const main = finalise({ ...reference.main, relations }, r.options.suppress);
      expect(r.rows).toEqual(main.rows);
      // The sections are the old build's figures; suppressed with the return, against the carers
      // printed above them too: every figure they show is the old build's, and every small count is hidden.
      r.sections.forEach((s, i) => {
        const figures = finalise(reference.sections[i]!.raw, false).rows;
        s.rows.forEach((row, j) => {
          for (const [column, value] of Object.entries(row.values)) {
            const figure = figures[j]!.values[column];
            if (!r.options.suppress) expect(value).toEqual(figure);
            else if (typeof figure === 'number' && figure >= 1 && figure <= 4) expect(value).toBe(SUPPRESSED);
            else if (value !== SUPPRESSED) expect(value).toEqual(figure);
          }
        });
      });
    }
  });
});
