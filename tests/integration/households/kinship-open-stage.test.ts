import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A kinship household's viability request stands as its formal application (domain brief), so
 * once it is made the household is at Stage 1: in the list, the pipeline and its record, as its
 * closure then stands (and as the recruitment table counts its Stage 1 start), not at Enquiry.
 * A request made while the household was mainstream is no kinship application. Households
 * written through the contract; the stage an earlier version stored is put right once.
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

describe('an open kinship household after its viability request', () => {
  it('stands at Stage 1 from the request, in the list, the pipeline and the record', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const requested = await household(app, 'K1', 'kinship');
    await app.call('households.recordJourneyDate', {
      id: requested,
      kind: 'viability_request',
      date: '2026-06-10',
    });
    await household(app, 'K2', 'kinship'); // no request yet: Enquiry
    // Switched to kinship on 01/07, its request dated 05/06, while mainstream: no kinship application.
    const before = await household(app, 'K3', 'mainstream');
    await app.call('households.switchPathway', { id: before, pathway: 'kinship', date: '2026-07-01' });
    await app.call('households.recordJourneyDate', {
      id: before,
      kind: 'viability_request',
      date: '2026-06-05',
    });
    // Requested, then a Stage 2 start: Stage 2.
    const further = await household(app, 'K4', 'kinship');
    await app.call('households.recordJourneyDate', {
      id: further,
      kind: 'viability_request',
      date: '2026-06-10',
    });
    await app.call('households.recordMilestone', { id: further, kind: 'stage2', date: '2026-08-01' });

    const list = async () =>
      (await app.call('households.listHouseholds', { search: 'K' })).rows
        .map((r) => [r.reference, r.stage, r.stageDate])
        .sort();
    expect(await list()).toEqual([
      ['K1', 'stage1', '2026-06-10'],
      ['K2', 'enquiry', '2026-06-01'],
      ['K3', 'enquiry', '2026-06-01'],
      ['K4', 'stage2', '2026-08-01'],
    ]);
    const pipeline = await app.call('households.getPipeline', { pathway: 'kinship', limit: 50 });
    const at = (stage: string) =>
      pipeline
        .find((p) => p.stage === stage)!
        .households.map((h) => h.reference)
        .sort();
    expect(at('enquiry')).toEqual(['K2', 'K3']);
    expect(at('stage1')).toEqual(['K1']);
    expect((await app.call('households.getHousehold', { id: requested })).stage).toBe('stage1');
    const filtered = await app.call('households.listHouseholds', { stage: 'stage1' });
    expect(filtered.rows.map((r) => r.reference)).toEqual(['K1']);

    // As an earlier version stored it (Enquiry), put right at the first list after the upgrade.
    const db = app.ctx.store.db;
    db.prepare("UPDATE households SET stage = 'enquiry', stage_date = '2026-06-01' WHERE id = ?").run(
      requested,
    );
    db.prepare("UPDATE settings SET value = '5' WHERE key = 'alerts.rules_version'").run();
    setClock('2026-11-27');
    expect((await list())[0]).toEqual(['K1', 'stage1', '2026-06-10']);
  });
});
