import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * An IRM review extends a connected person's temporary approval "until the outcome of the review
 * is known" (Care Planning Regulations 2010, reg 25(3)): no limit falls due while it is pending,
 * and once it ends the limit is its outcome, where that is later than the 16 (or 24) weeks, never
 * the limit moved on by the days the review was pending. Worked by hand; every household is
 * written through the contract, and the list, the record and Home read the same date.
 */
type Step = { kind: 'reg24_placement' | 'extension' | 'irm_pending_from' | 'irm_pending_to'; date: string };

async function placed(app: TestApp, reference: string, steps: Step[]): Promise<number> {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway: 'kinship',
    enquiryDate: '2025-05-01',
    surname: reference,
    confirmDuplicates: true,
  });
  for (const s of steps)
    await app.call('households.recordJourneyDate', {
      id,
      kind: s.kind,
      date: s.date,
      ...(s.kind === 'extension' ? { extensionReason: 'A late reference' } : {}),
    });
  return id;
}

describe('the reg 24 approval and an IRM review', () => {
  it('lasts until the review’s outcome, not the limit moved on by the days it was pending', async () => {
    const app = await testApp({ today: '2025-11-26' });
    // Placed 01/08/2025: 16 weeks to 21/11/2025. A review pending 01/09 to 20/09 ended before
    // then: the limit stays 21/11/2025 (moved on 19 days it read 10/12/2025).
    const early = await placed(app, 'IRM1', [
      { kind: 'reg24_placement', date: '2025-08-01' },
      { kind: 'irm_pending_from', date: '2025-09-01' },
      { kind: 'irm_pending_to', date: '2025-09-20' },
    ]);
    // Placed 02/06/2025, extended: 24 weeks to 17/11/2025. Not approved, a review pending
    // 03/11 to 24/11/2025: the approval lasted to its outcome, 24/11/2025, and has ended (moved
    // on 21 days it read 08/12/2025, a deadline still to come on Home).
    const late = await placed(app, 'IRM2', [
      { kind: 'reg24_placement', date: '2025-06-02' },
      { kind: 'extension', date: '2025-09-01' },
      { kind: 'irm_pending_from', date: '2025-11-03' },
      { kind: 'irm_pending_to', date: '2025-11-24' },
    ]);
    // No review: 20/08/2025 + 16 weeks = 10/12/2025, within Home's four weeks.
    await placed(app, 'P1', [{ kind: 'reg24_placement', date: '2025-08-20' }]);
    // Still pending: no limit falls due.
    const pending = await placed(app, 'IRM3', [
      { kind: 'reg24_placement', date: '2025-06-02' },
      { kind: 'irm_pending_from', date: '2025-09-10' },
    ]);

    const reg24 = async (id: number) => {
      const r = await app.call('households.getHousehold', { id });
      return [r.alerts.filter((a) => a.kind.startsWith('reg24')).map((a) => [a.kind, a.due]), r.reg24?.limit];
    };
    expect(await reg24(early)).toEqual([[['reg24_first', '2025-11-21']], '2025-11-21']);
    expect(await reg24(late)).toEqual([[['reg24_final', '2025-11-24']], '2025-11-24']);
    expect((await reg24(pending))[0]).toEqual([]);

    const list = await app.call('households.listHouseholds', { search: 'IRM' });
    expect(list.rows.map((r) => [r.reference, r.nextAlert, r.nextAlertDate]).sort()).toEqual([
      ['IRM1', 'reg24_first', '2025-11-21'],
      ['IRM2', 'reg24_final', '2025-11-24'],
      ['IRM3', null, null],
    ]);
    const home = await app.call('planning.getDashboard', {});
    // The limits already passed (IRM1's and IRM2's) are listed first, as passed (helper-241); the
    // pending review's clock is stopped, so it has none.
    expect(home.kinship.deadlines.map((d) => [d.reference, d.due])).toEqual([
      ['IRM1', '2025-11-21'],
      ['IRM2', '2025-11-24'],
      ['P1', '2025-12-10'],
    ]);

    // Alerts an earlier version stored (the days added) are put right at the first list after the upgrade.
    const db = app.ctx.store.db;
    db.prepare("UPDATE households SET next_alert_date = '2025-12-08', overdue = 0 WHERE id = ?").run(late);
    db.prepare("UPDATE settings SET value = '4' WHERE key = 'alerts.rules_version'").run();
    setClock('2025-11-27');
    const again = await app.call('households.listHouseholds', { search: 'IRM2' });
    expect(again.rows.map((r) => [r.nextAlertDate, r.overdue])).toEqual([['2025-11-24', true]]);
  });

  /**
   * A review sought after the approval had run out cannot bring it back (reg 25(3) extends an
   * approval still running). The record accepts such a review's dates, and took them as pending
   * or as the new limit: the overdue limit vanished from the record, the list and Home (found by
   * the kinship audit).
   */
  it('is not stopped or moved by a review begun after the limit had passed', async () => {
    const app = await testApp({ today: '2026-12-04' });
    // Placed 05/01/2026: 16 weeks to 27/04/2026. A review pending from 01/06/2026, still pending.
    const pending = await placed(app, 'LATE1', [
      { kind: 'reg24_placement', date: '2026-01-05' },
      { kind: 'irm_pending_from', date: '2026-06-01' },
    ]);
    // The same, the review ended 01/07/2026: its outcome does not move the limit either.
    const ended = await placed(app, 'LATE2', [
      { kind: 'reg24_placement', date: '2026-01-05' },
      { kind: 'irm_pending_from', date: '2026-06-01' },
      { kind: 'irm_pending_to', date: '2026-07-01' },
    ]);
    // Begun on the limit's own day, the approval still ran: pending, no limit falls due.
    const onTheDay = await placed(app, 'LATE3', [
      { kind: 'reg24_placement', date: '2026-01-05' },
      { kind: 'irm_pending_from', date: '2026-04-27' },
    ]);
    const reg24 = async (id: number) => {
      const r = await app.call('households.getHousehold', { id });
      return r.alerts.filter((a) => a.kind.startsWith('reg24')).map((a) => [a.kind, a.due, a.overdue]);
    };
    expect(await reg24(pending)).toEqual([['reg24_first', '2026-04-27', true]]);
    expect(await reg24(ended)).toEqual([['reg24_first', '2026-04-27', true]]);
    expect(await reg24(onTheDay)).toEqual([]);
    const list = await app.call('households.listHouseholds', { search: 'LATE' });
    expect(list.rows.map((r) => [r.reference, r.nextAlert, r.nextAlertDate, r.overdue]).sort()).toEqual([
      ['LATE1', 'reg24_first', '2026-04-27', true],
      ['LATE2', 'reg24_first', '2026-04-27', true],
      ['LATE3', null, null, false],
    ]);
  });
});
