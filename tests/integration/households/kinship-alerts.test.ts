import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp } from '../../support/temp.ts';

/**
 * A kinship household whose enquiry was never marked answered but whose child was placed with it
 * under reg 24: the list's next alert is the reg 24 limit, not "Respond to the enquiry", overdue
 * since the enquiry. The clock is the app's, set here.
 */
describe('kinship alerts in the households list', () => {
  it('a reg 24 placement answers the enquiry, also for alerts stored by an earlier version', async () => {
    const app = await testApp({ today: '2024-03-20' });
    const { id } = await app.call('households.createHousehold', {
      reference: 'K1',
      pathway: 'kinship',
      enquiryDate: '2024-02-15',
      surname: 'Kin',
      confirmDuplicates: true,
    });
    await app.call('households.recordJourneyDate', { id, kind: 'reg24_placement', date: '2024-02-29' });
    const next = async () => {
      const list = await app.call('households.listHouseholds', { search: 'K1' });
      const row = list.rows.find((r) => r.reference === 'K1')!;
      return [row.nextAlert, row.nextAlertDate];
    };
    // 29/02/2024 + 16 weeks (112 days) = 20/06/2024.
    expect(await next()).toEqual(['reg24_first', '2024-06-20']);
    // As an earlier version stored it: the respond alert, overdue, and no rules version kept.
    const db = app.ctx.store.db;
    db.prepare(
      "UPDATE households SET next_alert = 'respond', next_alert_date = '2024-02-16', overdue = 1 WHERE id = ?",
    ).run(id);
    db.prepare("DELETE FROM settings WHERE key = 'alerts.rules_version'").run();
    setClock('2024-03-21'); // the next day's first list
    expect(await next()).toEqual(['reg24_first', '2024-06-20']);
  });
});
