import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { refreshSummaries } from '../../../src-main/db/queries/summary.ts';
import { testApp } from '../../support/temp.ts';
import { addHousehold } from '../reports/fixture.ts';

/**
 * Home's alerts due this week: each household's next alert due from today to the sixth day after
 * it, soonest first, counted in working days where the alert is (Christmas Day and Boxing Day 2025
 * are a Thursday and a Friday, then a weekend). Worked by hand for Wednesday 24/12/2025.
 */
const TODAY = '2025-12-24'; // the window: 24/12/2025 to 30/12/2025

describe("Home's alerts due in the next 7 days", () => {
  it('lists the alerts due from today to the end of the week, soonest first, each once', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    const ids = db.transaction(() => [
      // Enquired yesterday: "respond within 1 working day" is due today, not yet overdue.
      addHousehold(db, { reference: 'D1', episodes: [{ milestones: { enquiry: '2025-12-23' } }] }),
      // Enquired today: the next working day is Monday 29/12 (25 and 26/12 bank holidays, then the weekend).
      addHousehold(db, { reference: 'D2', episodes: [{ milestones: { enquiry: TODAY } }] }),
      // Enquired Saturday 20/12: due Monday 22/12, overdue (the overdue panel's), not listed.
      addHousehold(db, { reference: 'D3', episodes: [{ milestones: { enquiry: '2025-12-20' } }] }),
      // Stage 1 started 30/08/2025: 4 months run to 30/12/2025, the window's last day.
      addHousehold(db, {
        reference: 'S1',
        episodes: [{ milestones: { enquiry: '2025-08-01', eoi: '2025-08-02', stage1: '2025-08-30' } }],
      }),
      // Started 31/08/2025: due 31/12/2025, the day after the window.
      addHousehold(db, {
        reference: 'S2',
        episodes: [{ milestones: { enquiry: '2025-08-01', eoi: '2025-08-02', stage1: '2025-08-31' } }],
      }),
      // A child placed under reg 24 on 09/09/2025: its first limit, 30/12/2025, is in the kinship panel.
      addHousehold(db, {
        reference: 'K1',
        pathway: 'kinship',
        episodes: [{ milestones: { enquiry: '2025-09-01' } }],
      }),
    ])();
    db.prepare(
      "INSERT INTO journey_dates (household_id, episode, kind, date) VALUES (?, 1, 'reg24_placement', '2025-09-09')",
    ).run(ids[5]);
    refreshSummaries(db, ids, TODAY);

    const d = await app.call('planning.getDashboard', {});
    expect(d.kinship.deadlines.map((k) => [k.reference, k.due])).toEqual([['K1', '2025-12-30']]);
    expect(d.dueSoon.to).toBe('2025-12-30');
    expect(d.dueSoon.alerts.map((a) => [a.reference, a.name, a.label, a.due])).toEqual([
      ['D1', 'Test D1', 'Respond to the enquiry', '2025-12-24'],
      ['D2', 'Test D2', 'Respond to the enquiry', '2025-12-29'],
      ['S1', 'Test S1', 'Stage 1 time limit', '2025-12-30'],
    ]);
    expect(d.dueSoon.count.value).toBe(3);
    const opened = await app.call('planning.listHouseholds', { drill: d.dueSoon.count.drill });
    expect(opened.households.map((h) => h.reference)).toEqual(['D1', 'D2', 'S1']);

    // The households list's Next alert says the same: S2's falls the day after, D3's is overdue.
    const list = await app.call('households.listHouseholds', { sort: 'nextAlert', dir: 'asc' });
    const next = Object.fromEntries(
      list.rows.map((r) => [r.reference, [r.nextAlert, r.nextAlertDate, r.overdue]]),
    );
    expect(next.S2).toEqual(['stage1', '2025-12-31', false]);
    expect(next.D3).toEqual(['respond', '2025-12-22', true]);
    expect(next.K1).toEqual(['reg24_first', '2025-12-30', false]);
  });

  it('shows the soonest ten and counts them all, a purged household without its name', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    const ids = db.transaction(() =>
      Array.from({ length: 12 }, (_, i) =>
        addHousehold(db, {
          reference: `E${String(i + 1).padStart(2, '0')}`,
          episodes: [{ milestones: { enquiry: i < 6 ? '2025-12-23' : TODAY } }],
        }),
      ),
    )();
    db.prepare('UPDATE households SET first_name = NULL, surname = NULL, purged_at = ? WHERE id = ?').run(
      '2025-12-01T00:00:00Z',
      ids[0],
    );
    refreshSummaries(db, ids, TODAY);
    const d = await app.call('planning.getDashboard', {});
    expect(d.dueSoon.count.value).toBe(12);
    expect(d.dueSoon.alerts.map((a) => a.reference)).toEqual([
      'E01',
      'E02',
      'E03',
      'E04',
      'E05',
      'E06',
      'E07',
      'E08',
      'E09',
      'E10',
    ]);
    expect(d.dueSoon.alerts[0]!.name).toBe('(personal details erased)');
    const opened = await app.call('planning.listHouseholds', { drill: d.dueSoon.count.drill });
    expect(opened.total).toBe(12);
  });

  /**
   * The decision alert counts from the panel date only where no panel minutes are recorded, and
   * says so (the brief). The record said it; Home's list gave the bare "Decision after panel due"
   * for both (found by the timescales audit).
   */
  it('says where a decision alert counts from: the panel minutes, or the panel date', async () => {
    const app = await testApp({ today: TODAY });
    const db = app.ctx.store.db;
    const journey = { enquiry: '2025-06-02', eoi: '2025-06-09', stage1: '2025-07-01', stage2: '2025-09-01' };
    const ids = db.transaction(() => [
      // Panel Monday 15/12/2025, no minutes: 7 working days from the panel date, 24/12/2025.
      addHousehold(db, { reference: 'P1', episodes: [{ milestones: { ...journey, panel: '2025-12-15' } }] }),
      // Panel 01/12/2025, its final minutes received 15/12/2025: 7 working days from them, 24/12/2025.
      addHousehold(db, { reference: 'P2', episodes: [{ milestones: { ...journey, panel: '2025-12-01' } }] }),
    ])();
    db.prepare(
      "INSERT INTO journey_dates (household_id, episode, kind, date) VALUES (?, 1, 'panel_minutes', '2025-12-15')",
    ).run(ids[1]);
    refreshSummaries(db, ids, TODAY);
    const d = await app.call('planning.getDashboard', {});
    expect(d.dueSoon.alerts.map((a) => [a.reference, a.kind, a.label, a.due])).toEqual([
      [
        'P1',
        'decision',
        'Decision after panel due (from the panel date: minutes not recorded)',
        '2025-12-24',
      ],
      ['P2', 'decision', 'Decision after panel due (from the panel minutes)', '2025-12-24'],
    ]);
    // The record words it the same, and so does the households list's export.
    const record = await app.call('households.getHousehold', { id: ids[0]! });
    expect(record.alerts.map((a) => a.label)).toEqual([d.dueSoon.alerts[0]!.label]);
    const xlsx = await app.call('households.exportList', { format: 'xlsx' });
    const sheet = XLSX.read(Buffer.from(xlsx.base64, 'base64')).Sheets.Households!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
    expect(rows.map((r) => [r.Reference, r['Next alert']]).sort()).toEqual(
      d.dueSoon.alerts.map((a) => [a.reference, a.label]),
    );
  });
});
