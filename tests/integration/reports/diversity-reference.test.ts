import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_PATHWAYS } from '../../../src-main/contract/reports.ts';
import { diversityTable } from '../../../src-main/reports/diversity.ts';
import { resolveOptions } from '../../../src-main/reports/period.ts';
import { finalise } from '../../../src-main/reports/shape.ts';
import type { DrillQuery } from '../../../src-main/db/queries/reports/scope.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { referenceDiversityTable } from './diversity-reference/build.ts';

/**
 * The diversity table is built faster than it was (issue 12), and must give the very same figures:
 * every row of every view, year range, pathway and period, with and without suppression, and the
 * same drill, on a realistic sample (20,000 households over six years, some purged) with the
 * records no sample makes added by hand: pathway switches before, at and after a cohort's date,
 * households re-opened in the same and in a later year, people added to households that had none,
 * people removed, carers who left beside their successors, values outside the vocabulary (an
 * unknown key, an ethnicity whose prefix is a group, an empty string, text with quotes and control
 * characters), against the old build kept
 * word for word in diversity-reference/.
 */
const TODAY = '2026-11-26';
const YEARS = ['2020/21', '2021/22', '2022/23', '2023/24', '2024/25', '2025/26', '2026/27'];
let app: TestApp;

beforeAll(async () => {
  app = await testApp({ today: TODAY });
  await app.call('system.generateSample', { households: 20_000, seed: 21 });
  await app.call('data.saveSettings', { retention: { enquirerYears: 1, applicantYears: 3 } });
  const purged = await app.call('data.purgeHouseholds', {});
  expect(purged.purged).toBeGreaterThan(0);
  const db = app.ctx.store.db;
  db.exec(`
    UPDATE household_people SET sex = 'unknown_value', religion = NULL WHERE id % 31 = 0;
    UPDATE household_people SET ethnicity = NULL, relationship_status = 'not_a_key' WHERE id % 43 = 0;
    UPDATE household_people SET ethnicity = 'white_not_a_key' WHERE id % 47 = 0;
    UPDATE household_people SET ethnicity = 'nogroup', disability = '' WHERE id % 53 = 0;
    UPDATE household_people SET religion = 'a' || char(30) || 'b", "c' WHERE id % 67 = 0;
    UPDATE household_people SET left_on = '2024-03-31' WHERE id % 37 = 0 AND position = 1;
    INSERT INTO household_people (household_id, position, sex, ethnicity, religion, created_at, updated_at)
      SELECT household_id, 1, 'female', 'asian_indian', 'hindu', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
      FROM household_people WHERE id % 37 = 0 AND position = 1;
    DELETE FROM household_people WHERE household_id % 59 = 0;
    INSERT INTO household_people (household_id, position, sex, ethnicity, created_at, updated_at)
      SELECT h.id, 1, 'male', 'black_african', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM households h
      WHERE h.id % 61 = 0 AND NOT EXISTS (SELECT 1 FROM household_people p WHERE p.household_id = h.id);
    UPDATE episodes SET switched_on = date(approval, '+200 days'),
      switched_to = CASE pathway WHEN 'kinship' THEN 'mainstream' ELSE 'kinship' END
      WHERE approval IS NOT NULL AND household_id % 19 = 0;
    UPDATE episodes SET switched_on = enquiry, switched_to = 'kinship'
      WHERE approval IS NULL AND pathway = 'mainstream' AND household_id % 23 = 0;
    UPDATE episodes SET switched_on = stage1, switched_to = CASE pathway WHEN 'kinship' THEN 'mainstream' ELSE 'kinship' END
      WHERE stage1 IS NOT NULL AND household_id % 29 = 0;
  `);
  // Re-opened households: a second episode in the same financial year, or the next.
  for (const [mod, days] of [
    [17, 20],
    [13, 400],
  ] as const) {
    db.prepare(
      `INSERT INTO episodes (household_id, episode, pathway, switched_on, switched_to, enquiry, stage1, approval, stage_reached)
       SELECT household_id, 2, pathway, switched_on, switched_to, date(enquiry, '+${days} days'),
         date(stage1, '+${days} days'), date(approval, '+${days} days'), stage_reached
       FROM episodes e WHERE episode = 1 AND household_id % ${mod} = 0
         AND NOT EXISTS (SELECT 1 FROM episodes o WHERE o.household_id = e.household_id AND o.episode = 2)`,
    ).run();
  }
  // A date the app never writes, put in the file by another program: as text it sorts inside
  // 2021/22 ('2021-2-14' > '2021-04-01'), while its financial year reads as 2020/21.
  db.exec(`UPDATE episodes SET enquiry = '2021-2-14'
    WHERE episode = 1 AND household_id = (SELECT MIN(household_id) FROM household_people)`);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  // Every kind of record the table reads is present (else the comparison proves little).
  expect(
    count(`SELECT COUNT(*) FROM household_people p JOIN households h ON h.id = p.household_id
           WHERE h.purged_at IS NOT NULL`),
  ).toBeGreaterThan(100);
  expect(count(`SELECT COUNT(*) FROM episodes WHERE episode = 2 AND approval IS NOT NULL`)).toBeGreaterThan(
    10,
  );
  expect(
    count(
      `SELECT COUNT(*) FROM households h WHERE NOT EXISTS (SELECT 1 FROM household_people p WHERE p.household_id = h.id)`,
    ),
  ).toBeGreaterThan(1000);
  expect(count(`SELECT COUNT(*) FROM household_people WHERE left_on IS NOT NULL`)).toBeGreaterThan(10);
}, 300_000);

const ids = (db: TestApp['ctx']['store']['db'], q: DrillQuery | null) =>
  q
    ? db
        .prepare(`SELECT DISTINCT household_id FROM (${q.sql}) ORDER BY 1`)
        .pluck()
        .all(...q.params)
    : null;

describe('the faster diversity table', () => {
  it('gives the old build’s figures for every view, year range, pathway, period and suppression', () => {
    const db = app.ctx.store.db;
    let counted = 0;
    for (const to of YEARS) {
      for (const from of [to, YEARS[Math.max(0, YEARS.indexOf(to) - 4)]!]) {
        for (const pathway of REPORT_PATHWAYS) {
          for (const quarterly of [false, true]) {
            const o = { ...resolveOptions({ to, from, quarterly, pathway, suppress: false }, TODAY) };
            const built = diversityTable.build(db, o, TODAY);
            const reference = referenceDiversityTable.build(db, o, TODAY);
            // The views' links to the main rows (for suppression) are newer than the old build.
            const sections = built.sections.map(({ restatesMainRows: _, ...s }) => s);
            expect({ ...built, sections }).toEqual(reference);
            for (const suppress of [false, true]) {
              expect(finalise(built.main, suppress)).toEqual(finalise(reference.main, suppress));
              built.sections.forEach((s, i) =>
                expect(finalise(s.raw, suppress)).toEqual(finalise(reference.sections[i]!.raw, suppress)),
              );
            }
            const total = built.main.rows.find((r) => r.key === 'total');
            if (total?.kind === 'count') counted += Object.values(total.values).reduce((a, b) => a + b, 0);
          }
        }
      }
    }
    // The figures are not all 0: the comparison means something.
    expect(counted).toBeGreaterThan(100_000);
    // Every view of five years in both period kinds: minutes on a loaded two-core machine.
  }, 600_000);

  it('opens the same households as the old build behind every cell', () => {
    const db = app.ctx.store.db;
    for (const pathway of ['mainstream'] as const) {
      const o = resolveOptions(
        { to: '2024/25', from: '2023/24', quarterly: false, pathway, suppress: false },
        TODAY,
      );
      const built = diversityTable.build(db, o, TODAY);
      for (const [section, raw] of [
        ['', built.main] as const,
        ...built.sections.map((s) => [s.key, s.raw] as const),
      ]) {
        for (const row of raw.rows) {
          if (row.kind !== 'count') continue;
          for (const column of raw.columns) {
            const drilled = ids(db, diversityTable.drill(db, o, section, row.key, column.key, TODAY));
            const reference = ids(
              db,
              referenceDiversityTable.drill(db, o, section, row.key, column.key, TODAY),
            );
            expect(drilled).toEqual(reference);
          }
        }
      }
    }
  });
});
