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

  it('counts its Stage 1 time limit from the request, as a Stage 1 start does, in the record and the list', async () => {
    // The list showed it at Stage 1 from its request, yet its Stage 1 time limit never fell due:
    // only a recorded Stage 1 start started it, so a family waiting months for its full assessment
    // was flagged only at 8 months (application to panel).
    const app = await testApp({ today: '2026-11-26' });
    const requested = await household(app, 'K1', 'kinship');
    await app.call('households.recordJourneyDate', {
      id: requested,
      kind: 'viability_request',
      date: '2026-06-10',
    });
    // A request made while the household was mainstream is no application: no Stage 1 clock.
    const before = await household(app, 'K3', 'mainstream');
    await app.call('households.switchPathway', { id: before, pathway: 'kinship', date: '2026-07-01' });
    await app.call('households.recordJourneyDate', {
      id: before,
      kind: 'viability_request',
      date: '2026-06-05',
    });
    const alerts = async (id: number) =>
      (await app.call('households.getHousehold', { id })).alerts.map((a) => [a.kind, a.due, a.overdue]);
    expect(await alerts(requested)).toEqual([
      ['stage1', '2026-10-10', true],
      ['panel', '2027-02-10', false],
    ]);
    expect((await alerts(before)).map(([kind]) => kind)).not.toContain('stage1');
    // A Stage 1 start recorded later does not move the clock: Stage 1 began with the request.
    await app.call('households.recordMilestone', { id: requested, kind: 'stage1', date: '2026-07-01' });
    expect((await alerts(requested))[0]).toEqual(['stage1', '2026-10-10', true]);
    // The full assessment (Stage 2) ends it.
    await app.call('households.recordMilestone', { id: requested, kind: 'stage2', date: '2026-11-02' });
    expect((await alerts(requested)).map(([kind]) => kind)).not.toContain('stage1');

    // As an earlier version stored it (the panel alert next), put right at the first list after the upgrade.
    const k5 = await household(app, 'K5', 'kinship');
    await app.call('households.recordJourneyDate', { id: k5, kind: 'viability_request', date: '2026-06-20' });
    const db = app.ctx.store.db;
    db.prepare(
      "UPDATE households SET next_alert = 'panel', next_alert_date = '2027-02-20', overdue = 0 WHERE id = ?",
    ).run(k5);
    db.prepare("UPDATE settings SET value = '6' WHERE key = 'alerts.rules_version'").run();
    setClock('2026-11-27');
    const row = (await app.call('households.listHouseholds', { search: 'K5' })).rows.find(
      (r) => r.reference === 'K5',
    )!;
    expect([row.nextAlert, row.nextAlertDate, row.overdue]).toEqual(['stage1', '2026-10-20', true]);
  });
});
