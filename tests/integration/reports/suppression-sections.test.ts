import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../../src-main/contract/reports.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp } from '../../support/temp.ts';

/**
 * A section under a table that counts the same facts again (the drop-outs by who ended them, by
 * exit interview; the cessations by exit interview) repeats the table's total row. Each was
 * suppressed on its own, so a total the table hid to cover a small count (9 drop-outs at EOI,
 * hidden beside a 2) was printed in full in the sections below it, giving the small count back.
 */
describe('suppression of a section that restates the table’s total', () => {
  it('hides in the section’s total row what the table’s total row hides, with cover of its own', async () => {
    const app = await testApp({ today: '2026-11-26' });
    generateSample(app.ctx.store.db, { households: 300, seed: 7, today: '2026-11-26' });
    let coveredTotals = 0;
    for (const table of ['dropout', 'leaving'] as const)
      for (const pathway of ['all', 'mainstream', 'kinship'] as const)
        for (const quarterly of [false, true]) {
          const options = { suppress: true, quarterly, pathway };
          const shown = await app.call('reports.getTable', { table, options });
          const full = await app.call('reports.getTable', {
            table,
            options: { ...options, suppress: false },
          });
          const total = (rows: typeof shown.rows) => rows.find((r) => r.key === 'total')!.values;
          const mainTotal = total(shown.rows);
          // Totals hidden only to cover another count (5 or more): the case the sections gave back.
          coveredTotals += shown.columns.filter(
            (c) => mainTotal[c.key] === SUPPRESSED && (total(full.rows)[c.key] as number) >= 5,
          ).length;
          const restating = shown.sections.filter((s) => ['ended_by', 'exit_interviews'].includes(s.key));
          expect(restating.length).toBeGreaterThan(0);
          for (const s of restating) {
            const sectionTotal = total(s.rows);
            for (const c of shown.columns) {
              expect(sectionTotal[c.key], `${table} ${pathway} ${s.key} ${c.key}`).toEqual(mainTotal[c.key]);
              // A hidden total has another hidden cell in its column beside it, or the parts give it back.
              if (sectionTotal[c.key] === SUPPRESSED)
                expect(s.rows.filter((r) => r.values[c.key] === SUPPRESSED).length).toBeGreaterThan(1);
            }
          }
        }
    expect(coveredTotals).toBeGreaterThan(0);
  }, 120_000);
});
