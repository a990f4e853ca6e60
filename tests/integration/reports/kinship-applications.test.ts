import { beforeAll, describe, expect, it } from 'vitest';
import { applicationReceivedSql } from '../../../src-main/db/journey-sql.ts';
import { testApp, type TestApp } from '../../support/temp.ts';
import { rowOf } from './fixture.ts';

/**
 * A kinship household's viability request is its application received (domain brief: "the
 * viability assessment stands as the formal application"), in the Ofsted return, the diversity
 * table and the timescales table, counted by hand. Every household is written through the
 * contract, as the record screen writes it; each on its pathway on the day of what is counted.
 *
 * K1  kinship: enquiry 01/05/2024, viability requested 01/06/2024, no Stage 1; closed by the
 *     service 01/09/2024 (a negative viability): an application received and turned down in 2024/25.
 * K2  kinship: enquiry 10/01/2025, viability requested 01/02/2025 (2024/25), Stage 1 01/05/2025 and
 *     Stage 2 01/06/2025 (2025/26), panel 01/11/2025: received in 2024/25 (not 2025/26), in progress
 *     at 31 March 2025, and 9 months from application to panel (over 8).
 * M1  mainstream: enquiry 10/04/2024, EOI 20/04/2024, Stage 1 01/06/2024; switched to kinship
 *     01/05/2025, viability requested 10/05/2025: its application stays its Stage 1 start (its EOI
 *     on the EOI basis), mainstream, in 2024/25; nothing in 2025/26.
 * K3  kinship: enquiry 01/07/2024, viability requested 01/08/2024; switched to mainstream
 *     01/09/2024, Stage 1 15/04/2025: still received on 01/08/2024, as kinship; in progress at
 *     31 March 2025 on the pathway it was on then (mainstream).
 * K4  kinship: enquiry 20/04/2024, viability requested 01/05/2024, Stage 1 01/07/2024, approved
 *     01/02/2025: an application approved in 2024/25, 276 days after it was received (not 215).
 */
const TODAY = '2026-11-26';
let app: TestApp;

async function household(
  reference: string,
  pathway: 'mainstream' | 'kinship',
  enquiry: string,
  ethnicity: string,
) {
  const { id } = await app.call('households.createHousehold', {
    reference,
    pathway,
    enquiryDate: enquiry,
    surname: reference,
    confirmDuplicates: true,
  });
  await app.call('carers.savePerson', {
    householdId: id,
    position: 1,
    person: { firstName: 'P', ethnicity },
  });
  return id;
}
const milestone = (id: number, kind: 'eoi' | 'stage1' | 'stage2' | 'panel', date: string) =>
  app.call('households.recordMilestone', { id, kind, date });
const viability = (id: number, date: string) =>
  app.call('households.recordJourneyDate', { id, kind: 'viability_request', date });

beforeAll(async () => {
  app = await testApp({ today: TODAY });
  const k1 = await household('K1', 'kinship', '2024-05-01', 'white_british');
  await viability(k1, '2024-06-01');
  await app.call('households.closeHousehold', {
    id: k1,
    date: '2024-09-01',
    reasonKey: 'counselled_out',
    endedBy: 'service',
  });
  const k2 = await household('K2', 'kinship', '2025-01-10', 'black_african');
  await viability(k2, '2025-02-01');
  await milestone(k2, 'stage1', '2025-05-01');
  await milestone(k2, 'stage2', '2025-06-01');
  await milestone(k2, 'panel', '2025-11-01');
  const m1 = await household('M1', 'mainstream', '2024-04-10', 'asian_indian');
  await milestone(m1, 'eoi', '2024-04-20');
  await milestone(m1, 'stage1', '2024-06-01');
  await app.call('households.switchPathway', { id: m1, pathway: 'kinship', date: '2025-05-01' });
  await viability(m1, '2025-05-10');
  const k3 = await household('K3', 'kinship', '2024-07-01', 'mixed_other');
  await viability(k3, '2024-08-01');
  await app.call('households.switchPathway', { id: k3, pathway: 'mainstream', date: '2024-09-01' });
  await milestone(k3, 'stage1', '2025-04-15');
  const k4 = await household('K4', 'kinship', '2024-04-20', 'white_irish');
  await viability(k4, '2024-05-01');
  for (const [kind, date] of [
    ['stage1', '2024-07-01'],
    ['stage2', '2024-08-01'],
    ['panel', '2025-01-20'],
    ['approval', '2025-02-01'],
  ] as const)
    await app.call('households.recordMilestone', { id: k4, kind, date });
});

async function ofsted(to: string) {
  const r = await app.call('reports.getTable', { table: 'ofsted', options: { to } });
  const row = (key: string) => {
    const v = rowOf(r.rows, key);
    return { mainstream: v.mainstream, kinship: v.family_and_friends };
  };
  const drill = async (row: string) =>
    (
      await app.call('reports.listHouseholds', {
        table: 'ofsted',
        options: { to },
        section: '',
        row,
        column: 'all',
      })
    ).households
      .map((h) => h.reference)
      .sort();
  return {
    received: row('applications_received'),
    receivedHouseholds: await drill('applications_received'),
    approved: row('applications_approved'),
    days: row('median_days_application_to_approval'),
    turnedDown: row('applications_turned_down'),
    turnedDownHouseholds: await drill('applications_turned_down'),
    inProgress: row('applications_in_progress_31_march'),
    inProgressHouseholds: await drill('applications_in_progress_31_march'),
  };
}

async function applicants(pathway: 'mainstream' | 'kinship', fy: string) {
  const t = await app.call('reports.getTable', {
    table: 'diversity',
    options: { from: fy, to: fy, pathway },
  });
  return Object.fromEntries(
    t.rows
      .map((x) => [x.key, x.values[`${fy} applicants`]])
      .filter(([, v]) => typeof v === 'number' && v > 0),
  );
}

async function applicationToPanel() {
  const t = await app.call('reports.getTable', {
    table: 'timescales',
    options: { from: '2025/26', to: '2025/26', pathway: 'kinship' },
  });
  return {
    measured: rowOf(t.rows, 'application_panel_n')['2025/26'],
    median: rowOf(t.rows, 'application_panel_median')['2025/26'],
    over8: rowOf(t.rows, 'over_8_months')['2025/26'],
  };
}

/** Each household's current episode: its alert, and the household page's application against the reports'. */
async function views(basis: 'stage1' | 'eoi') {
  const db = app.ctx.store.db;
  const out: Record<string, unknown> = {};
  for (const reference of ['K1', 'K2', 'K3', 'M1']) {
    const h = db
      .prepare<
        [string],
        { id: number; episode: number; next_alert: string | null; next_alert_date: string | null }
      >('SELECT id, episode, next_alert, next_alert_date FROM households WHERE reference = ?')
      .get(reference)!;
    const record = await app.call('households.getHousehold', { id: h.id });
    const page = record.application?.date ?? null;
    const reports = db
      .prepare<[number, number], string | null>(
        `SELECT ${applicationReceivedSql(basis, 'e')} FROM episodes e WHERE e.household_id = ? AND e.episode = ?`,
      )
      .pluck()
      .get(h.id, h.episode);
    const alert = h.next_alert && `${h.next_alert} ${h.next_alert_date}`;
    // The household page's own alert of that kind runs the same clock from the same episode row.
    const mine = h.next_alert ? record.alerts.find((a) => a.kind === h.next_alert) : undefined;
    expect(mine ? `${mine.kind} ${mine.due}` : null, `${reference}: the page's alert`).toBe(alert);
    out[reference] = { page, reports, alert };
  }
  return out;
}

describe.each(['stage1', 'eoi'] as const)('kinship applications on the %s basis', (basis) => {
  beforeAll(async () => {
    await app.call('alerts.setApplicationBasis', { basis });
  });

  it('the Ofsted return counts a viability request as the application, in its own year', async () => {
    expect(await ofsted('2024/25')).toEqual({
      received: { mainstream: 1, kinship: 4 }, // M1; K1, K2, K3, K4
      receivedHouseholds: ['K1', 'K2', 'K3', 'K4', 'M1'],
      approved: { mainstream: 0, kinship: 1 }, // K4
      days: { mainstream: null, kinship: 276 }, // K4: 01/05/2024 to 01/02/2025
      turnedDown: { mainstream: 0, kinship: 1 }, // K1
      turnedDownHouseholds: ['K1'],
      inProgress: { mainstream: 2, kinship: 1 }, // M1 and K3 (mainstream by 31 March); K2
      inProgressHouseholds: ['K2', 'K3', 'M1'],
    });
    // K2's Stage 1 and K3's are not a second application; M1's viability request is not one either.
    const next = await ofsted('2025/26');
    expect(next.receivedHouseholds).toEqual([]);
    expect(next.received).toEqual({ mainstream: 0, kinship: 0 });
  });

  it('the diversity table counts them as applicants in the year of the request', async () => {
    expect(await applicants('kinship', '2024/25')).toMatchObject({ white: 2, black: 1, mixed: 1 }); // K1 and K4 white
    expect(await applicants('mainstream', '2024/25')).toMatchObject({ asian: 1 });
    expect((await applicants('mainstream', '2024/25')).white).toBeUndefined();
    expect(await applicants('kinship', '2025/26')).toEqual({});
  });

  it('the alert and the household page date the application as the reports do, switches and all', async () => {
    expect(await views(basis)).toEqual({
      K1: { page: '2024-06-01', reports: '2024-06-01', alert: null }, // closed: no alert
      // K2 has been to panel: the decision is due 7 working days on; no application clock.
      K2: { page: '2025-02-01', reports: '2025-02-01', alert: 'decision 2025-11-11' },
      // K3, mainstream since 01/09/2024: its clocks still run from the viability request, its
      // application and so its Stage 1 start (as the reports count it): 4 months at Stage 1 first
      // (8 to panel, 01/04/2025); from its Stage 1 start they would be 15/08/2025 and 15/12/2025.
      K3: { page: '2024-08-01', reports: '2024-08-01', alert: 'stage1 2024-12-01' },
      // M1's first alert is its Stage 1's (4 months): its application is its Stage 1 start (or EOI).
      M1:
        basis === 'stage1'
          ? { page: '2024-06-01', reports: '2024-06-01', alert: 'stage1 2024-10-01' }
          : { page: '2024-04-20', reports: '2024-04-20', alert: 'stage1 2024-10-01' },
    });
  });

  it('the timescales table counts application to panel from the viability request', async () => {
    // K2: 01/02/2025 to 01/11/2025 is 273 days, more than 8 months (from its Stage 1: 184 days).
    expect(await applicationToPanel()).toEqual({ measured: 1, median: 273, over8: 1 });
  });
});
