import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A kinship household's viability request stands as its formal application (domain brief), so the
 * forecast counts an open one that has made it at Stage 1 from the request, as the households
 * list and pipeline stand it (domain/summary.ts) and the recruitment table counts its Stage 1
 * start (db/journey-sql.ts funnelDateSql), not at Enquiry. The forecast reads each episode's
 * stored forecast_text (migration 27 gave it the rule). Households written through the contract.
 */
async function household(app: TestApp, reference: string, pathway: 'kinship' | 'mainstream') {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway,
    enquiryDate: '2026-06-01',
    surname: reference,
    confirmDuplicates: true,
  });
  return id;
}

describe('the forecast’s pipeline on the kinship pathway', () => {
  it('counts an open household with only a viability request at Stage 1, as the households pipeline does', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const step = (id: number, kind: 'viability_request', date: string) =>
      app.call('households.recordJourneyDate', { id, kind, date });
    // Requested, nothing else: Stage 1.
    await step(await household(app, 'K1', 'kinship'), 'viability_request', '2026-06-10');
    // No request yet: Enquiry.
    await household(app, 'K2', 'kinship');
    // Switched to kinship on 01/07, its request dated 05/06, while mainstream: no kinship application.
    const before = await household(app, 'K3', 'mainstream');
    await app.call('households.switchPathway', { id: before, pathway: 'kinship', date: '2026-07-01' });
    await step(before, 'viability_request', '2026-06-05');
    // Requested, then an EOI: Stage 1 still.
    const eoi = await household(app, 'K4', 'kinship');
    await step(eoi, 'viability_request', '2026-06-10');
    await app.call('households.recordMilestone', { id: eoi, kind: 'eoi', date: '2026-07-01' });
    // Requested, then a Stage 2 start: Stage 2.
    const further = await household(app, 'K5', 'kinship');
    await step(further, 'viability_request', '2026-06-10');
    await app.call('households.recordMilestone', { id: further, kind: 'stage2', date: '2026-08-01' });

    const options = { pathway: 'kinship' as const };
    const table = await app.call('reports.getTable', { table: 'forecast', options });
    const quarter = table.columns[0]!.key;
    const pipeline = await app.call('households.getPipeline', { pathway: 'kinship', limit: 50 });
    const counted: Record<string, string[]> = {};
    for (const stage of ['enquiry', 'eoi', 'stage1', 'stage2', 'panel']) {
      const opened = await app.call('reports.listHouseholds', {
        table: 'forecast',
        options,
        row: `expected_from_${stage}`,
        column: quarter,
      });
      counted[stage] = opened.households.map((h) => h.reference).sort();
      const listed = pipeline.find((p) => p.stage === stage)!.households.map((h) => h.reference);
      expect(counted[stage], stage).toEqual(listed.sort());
      const label = table.rows.find((r) => r.key === `expected_from_${stage}`)!.label;
      expect(label, stage).toMatch(new RegExp(`\\(${counted[stage].length} open\\)$`));
    }
    expect(counted).toEqual({
      enquiry: ['K2', 'K3'],
      eoi: [],
      stage1: ['K1', 'K4'],
      stage2: ['K5'],
      panel: [],
    });
  });
});
