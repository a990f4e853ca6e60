import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { ENQUIRY_ANSWERING_STEPS } from '../../../src-main/domain/alerts.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A connected persons (kinship) household whose viability assessment was requested, and a child
 * placed with it under reg 24, then switched to the mainstream pathway: its application is in (the
 * viability request stands as the formal application), so the mainstream "initial visit within 5
 * working days of the enquiry" no longer applies, as it does not once a mainstream household has
 * expressed interest. Its next alerts are Stage 1's 4 months and the application's 8 months to
 * panel, both from the request. Worked by hand; the clock is the app's.
 */
async function switched(
  app: TestApp,
  reference: string,
  steps: Array<'viability_request' | 'reg24_placement'>,
) {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway: 'kinship',
    enquiryDate: '2026-08-03',
    surname: reference,
    confirmDuplicates: true,
  });
  const on = { viability_request: '2026-08-04', reg24_placement: '2026-08-06' };
  for (const kind of steps) await app.call('households.recordJourneyDate', { id, kind, date: on[kind] });
  await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2026-11-25' });
  return id;
}

const alerts = async (app: TestApp, id: number) =>
  (await app.call('households.getHousehold', { id })).alerts.map((a) => [a.kind, a.due, a.overdue]);
const listed = async (app: TestApp, reference: string) => {
  const row = (await app.call('households.listHouseholds', { search: reference })).rows.find(
    (r) => r.reference === reference,
  )!;
  return [row.nextAlert, row.nextAlertDate, row.overdue];
};

describe('a kinship household switched to mainstream', () => {
  it('is not asked for an initial visit once its viability request or reg 24 placement is recorded', async () => {
    const app = await testApp({ today: '2026-11-26' });
    // Viability requested 04/08/2026, its Stage 1 start: 4 months at Stage 1 is 04/12/2026, 8
    // months to panel 04/04/2027.
    const v = await switched(app, 'V1', ['viability_request']);
    expect(await alerts(app, v)).toEqual([
      ['stage1', '2026-12-04', false],
      ['panel', '2027-04-04', false],
    ]);
    expect(await listed(app, 'V1')).toEqual(['stage1', '2026-12-04', false]);
    // Placed under reg 24 on 06/08/2026 with no request recorded: no initial visit, and the
    // temporary approval's 16 weeks run on (the next test).
    const p = await switched(app, 'P1', ['reg24_placement']);
    expect((await alerts(app, p)).map((a) => a[0])).not.toContain('initial_visit');
  });

  it('keeps the reg 24 clock of the child placed with it: the temporary approval runs from the placement, whatever the pathway', async () => {
    const app = await testApp({ today: '2026-11-26' });
    // Placed 06/08/2026: 16 weeks (112 days) to Thursday 26/11/2026, due today.
    const p = await switched(app, 'P2', ['reg24_placement']);
    expect(await alerts(app, p)).toEqual([['reg24_first', '2026-11-26', false]]);
    expect(await listed(app, 'P2')).toEqual(['reg24_first', '2026-11-26', false]);
    const record = await app.call('households.getHousehold', { id: p });
    expect(record).toMatchObject({
      pathway: 'mainstream',
      reg24: { placement: '2026-08-06', limit: '2026-11-26' },
    });
    const home = await app.call('planning.getDashboard', {});
    expect(home.kinship.deadlines.map((d) => [d.reference, d.due])).toEqual([['P2', '2026-11-26']]);
    setClock('2026-11-27');
    expect(await listed(app, 'P2')).toEqual(['reg24_first', '2026-11-26', true]);
    // Its assessment ended: no clock on the record, as none in the alerts or on Home.
    await app.call('households.closeHousehold', {
      id: p,
      date: '2026-11-27',
      reasonKey: 'circumstances',
      endedBy: 'applicant',
    });
    expect((await app.call('households.getHousehold', { id: p })).reg24).toBeNull();
  });

  it('its reg 24 clock, which an earlier version dropped at the switch, is back after the upgrade', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const p = await switched(app, 'P3', ['reg24_placement']);
    const db = app.ctx.store.db;
    // As version 3 of the rules stored it: no alert at all.
    db.prepare(
      'UPDATE households SET next_alert = NULL, next_alert_date = NULL, overdue = 0 WHERE id = ?',
    ).run(p);
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('alerts.rules_version', '3')").run();
    setClock('2026-11-27'); // the next day's first list
    expect(await listed(app, 'P3')).toEqual(['reg24_first', '2026-11-26', true]);
  });

  it('alerts an earlier version stored for it are recomputed once after the upgrade', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const v = await switched(app, 'V2', ['viability_request', 'reg24_placement']);
    const db = app.ctx.store.db;
    // As an earlier version stored it: the initial visit due 10/08/2026, overdue, at rules 2.
    db.prepare(
      "UPDATE households SET next_alert = 'initial_visit', next_alert_date = '2026-08-10', overdue = 1 WHERE id = ?",
    ).run(v);
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('alerts.rules_version', '2')").run();
    setClock('2026-11-27'); // the next day's first list
    // Its reg 24 first limit (placed 06/08/2026) is the earliest now, before the panel's 04/04/2027.
    expect(await listed(app, 'V2')).toEqual(['reg24_first', '2026-11-26', true]);
  });

  it('the upgrade recomputes a household holding any one step that answers the enquiry (the domain list, not a copy)', async () => {
    const app = await testApp({ today: '2026-11-26' });
    const db = app.ctx.store.db;
    const ids: Record<string, number> = {};
    for (const kind of ENQUIRY_ANSWERING_STEPS) {
      const { id } = await app.call('households.createHousehold', {
        reference: kind,
        pathway: 'kinship',
        enquiryDate: '2026-08-03',
        surname: kind,
        confirmDuplicates: true,
      });
      // An outcome follows its request: record both, then keep the outcome alone.
      if (kind === 'viability_outcome')
        await app.call('households.recordJourneyDate', { id, kind: 'viability_request', date: '2026-08-04' });
      await app.call('households.recordJourneyDate', {
        id,
        kind,
        date: '2026-08-05',
        ...(kind === 'viability_outcome' ? { result: 'positive' as const } : {}),
      });
      await app.call('households.switchPathway', { id, pathway: 'mainstream', date: '2026-11-25' });
      db.prepare('DELETE FROM journey_dates WHERE household_id = ? AND kind <> ?').run(id, kind);
      ids[kind] = id;
    }
    await app.call('households.listHouseholds', {}); // every household's alerts seen once
    // As an earlier version stored each: the initial visit due 10/08/2026, overdue, at rules 2.
    db.prepare(
      "UPDATE households SET next_alert = 'initial_visit', next_alert_date = '2026-08-10', overdue = 1",
    ).run();
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('alerts.rules_version', '2')").run();
    setClock('2026-11-27');
    for (const kind of ENQUIRY_ANSWERING_STEPS) {
      expect((await listed(app, kind))[0], kind).not.toBe('initial_visit');
    }
  });
});
