import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/temp.ts';
import { fourAtPanel } from './forecast-pipeline.ts';

// The forecast table suppressed (--suppress, or Suppress on the Reports screen) still printed a
// count of 1 to 4 in its words: "Expected approvals from households now at Panel (4 open)", and
// "Panel → Approval: 98.0% moved on (49 of 50 …)", which gives the one household that dropped out
// after panel (found by a review helper). Both now say only that the numbers are small.
const TODAY = '2026-11-26';

describe('the forecast table suppressed', () => {
  it('shows no count of 1 to 4 in its labels or definitions, and shows them unsuppressed', async () => {
    const app = await testApp({ today: TODAY });
    fourAtPanel(app.ctx.store.db);
    const label = (t: { rows: Array<{ key: string; label: string }> }) =>
      t.rows.find((r) => r.key === 'expected_from_panel')!.label;
    const panel = (t: { definitions: Array<{ key: string; text: string }> }) =>
      t.definitions.find((d) => d.key === 'model_panel')!.text;

    const plain = await app.call('reports.getTable', { table: 'forecast', options: {} });
    expect(label(plain)).toBe('Expected approvals from households now at Panel (4 open)');
    expect(panel(plain)).toContain('(49 of 50 that entered Panel');

    const suppressed = await app.call('reports.getTable', { table: 'forecast', options: { suppress: true } });
    expect(label(suppressed)).toBe('Expected approvals from households now at Panel (<5 open)');
    expect(panel(suppressed)).toMatch(/^Not shown: fewer than 5 of the households that entered Panel/);
    // A stage whose numbers are all 0 or 5 and more keeps its words.
    const stage2 = suppressed.definitions.find((d) => d.key === 'model_stage2')!.text;
    expect(stage2).toBe(plain.definitions.find((d) => d.key === 'model_stage2')!.text);
    expect(stage2).toContain('(50 of 50');
    // Nor in any file: no "(1 open)" to "(4 open)", no "N of M" with a small difference.
    const csv = await app.call('reports.exportTable', {
      tables: ['forecast'],
      options: { suppress: true },
      format: 'csv',
    });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).not.toMatch(/\([1-4] open\)|49 of 50/);
    expect(text).toContain('(<5 open)');
  });
});
