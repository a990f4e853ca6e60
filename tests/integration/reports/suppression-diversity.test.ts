import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../../src-main/contract/reports.ts';
import { ETHNIC_GROUPS, ETHNICITIES, ethnicGroupOf } from '../../../src-main/domain/characteristics.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp } from '../../support/temp.ts';

/**
 * The diversity table's main rows are the five ethnic headings; its first further view counts
 * the same people by the 19 ONS categories under them. Each was suppressed on its own, so where
 * the main table printed a heading (White 147) and the view hid one category under it (Irish
 * "<5", beside British 133 and Other White 10), the heading less the others gave the hidden count
 * back; and a heading hidden in the main table was the sum of its categories printed below.
 */
describe('suppression of the diversity table’s ethnicity categories against their headings', () => {
  it('hides no category alone under a printed heading, and prints no heading’s every category where the heading is hidden', async () => {
    const app = await testApp({ today: '2026-11-26' });
    generateSample(app.ctx.store.db, { households: 3000, seed: 7, today: '2026-11-26' });
    const partsOf = (group: string) => ETHNICITIES.filter((e) => ethnicGroupOf(e.key) === group);
    let compared = 0;
    for (const pathway of ['all', 'mainstream', 'kinship'] as const) {
      const options = { from: '2021/22', to: '2025/26', suppress: true, pathway };
      const r = await app.call('reports.getTable', { table: 'diversity', options });
      const view = r.sections.find((s) => s.key === 'ethnicity')!;
      for (const column of r.columns) {
        if (column.key === 'children_in_care') continue;
        for (const g of ETHNIC_GROUPS) {
          const heading = r.rows.find((x) => x.key === g.key)!.values[column.key];
          const parts = partsOf(g.key).map((e) => view.rows.find((x) => x.key === e.key)!.values[column.key]);
          const hidden = parts.filter((v) => v === SUPPRESSED).length;
          const where = `${pathway} ${column.key} ${g.key}: heading ${String(heading)}, categories ${JSON.stringify(parts)}`;
          if (heading === SUPPRESSED) expect(hidden, where).not.toBe(0);
          else expect(hidden, where).not.toBe(1);
          compared++;
        }
      }
    }
    expect(compared).toBe(3 * 15 * ETHNIC_GROUPS.length);
  }, 120_000);
});
