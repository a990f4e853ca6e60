import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/contract/errors.ts';
import { generateSample } from '../../../src-main/sample/generate.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

const get = (app: TestApp, sql: string, ...a: unknown[]) =>
  app.ctx.store.db.prepare(sql).get(...a) as Record<string, unknown>;

describe('reason lists', () => {
  it('counts each reason’s uses: its closures or cessations and the exit interviews giving it, of its own list only', async () => {
    const app = await testApp();
    await app.call('system.generateSample', { households: 400, seed: 3 });
    const db = app.ctx.store.db;
    // The same count asked reason by reason, as the list once asked it.
    const oracle = (list: 'dropout' | 'leaving', key: string) =>
      (db
        .prepare(
          `SELECT COUNT(*) FROM ${list === 'dropout' ? 'closures' : 'cessations'} WHERE reason_key = ?`,
        )
        .pluck()
        .get(key) as number) +
      (db
        .prepare('SELECT COUNT(*) FROM exit_interview_reasons WHERE list = ? AND reason_key = ?')
        .pluck()
        .get(list, key) as number);
    for (const list of ['dropout', 'leaving'] as const) {
      const reasons = await app.call('reasons.listReasons', { list, includeRetired: true });
      expect(reasons.map((r) => [r.key, r.used])).toEqual(reasons.map((r) => [r.key, oracle(list, r.key)]));
      expect(reasons.filter((r) => r.used > 0).length).toBeGreaterThan(1);
    }
    // A key both lists hold is counted in each from that list's records alone.
    const both = (await app.call('reasons.listReasons', { list: 'dropout', includeRetired: true }))
      .map((r) => r.key)
      .filter((k) => db.prepare("SELECT 1 FROM reasons WHERE list = 'leaving' AND key = ?").pluck().get(k));
    expect(both.length).toBeGreaterThan(0);
  });

  it('adds a reason with a key made once from its label; renaming never changes the key', async () => {
    const app = await testApp();
    const list = await app.call('reasons.addReason', {
      list: 'dropout',
      label: 'Moved out of the area',
      ofstedCode: 'aw3',
    });
    const added = list.find((r) => r.label === 'Moved out of the area')!;
    expect(added).toMatchObject({
      key: 'moved_out_of_the_area',
      ofstedCode: 'AW3',
      retired: false,
      position: 13,
    });
    await app.call('reasons.updateReason', {
      list: 'dropout',
      key: 'moved_out_of_the_area',
      label: 'Relocated',
    });
    expect(get(app, "SELECT key, label FROM reasons WHERE list = 'dropout' AND label = 'Relocated'")).toEqual(
      {
        key: 'moved_out_of_the_area',
        label: 'Relocated',
      },
    );
    const dup = await app
      .call('reasons.addReason', { list: 'dropout', label: 'relocated!' })
      .catch((e: unknown) => e);
    expect((dup as ApiError).code).toBe('conflict');
    expect(get(app, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'reason'")).toEqual({ n: 2 });
  });

  it('retires a reason: gone from the pick-list, kept on the old closure and in the full list; restore brings it back', async () => {
    const app = await testApp();
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      surname: 'Ahmed',
    });
    await app.call('households.closeHousehold', {
      id,
      date: '2026-02-01',
      reasonKey: 'housing',
      endedBy: 'applicant',
    });
    await app.call('reasons.retireReason', { list: 'dropout', key: 'housing', retired: true });
    const pick = await app.call('reasons.listReasons', { list: 'dropout' });
    expect(pick.map((r) => r.key)).not.toContain('housing');
    const all = await app.call('reasons.listReasons', { list: 'dropout', includeRetired: true });
    expect(all.find((r) => r.key === 'housing')).toMatchObject({ retired: true, used: 1 });
    const record = await app.call('households.getHousehold', { id });
    expect(record.closures[0]).toMatchObject({
      reasonKey: 'housing',
      reasonLabel: 'No spare bedroom / housing',
    });
    expect(get(app, 'SELECT reason_key FROM closures WHERE household_id = ?', id)).toEqual({
      reason_key: 'housing',
    });
    await app.call('reasons.retireReason', { list: 'dropout', key: 'housing', retired: false });
    expect((await app.call('reasons.listReasons', { list: 'dropout' })).map((r) => r.key)).toContain(
      'housing',
    );
  });

  it('refuses a retired reason for a new ending, and keeps it on an interview that already ticked it', async () => {
    const app = await testApp({ today: '2026-06-01' });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => 'saved',
        (e: unknown) => [(e as ApiError).code, (e as ApiError).message, (e as ApiError).field],
      );
    const closed = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      surname: 'Bell',
    });
    await app.call('households.closeHousehold', {
      id: closed.id,
      date: '2026-02-01',
      reasonKey: 'circumstances',
      endedBy: 'applicant',
    });
    const [closure] = (await app.call('households.getHousehold', { id: closed.id })).closures;
    const interview = (reasons: string[]) =>
      app.call('households.saveExitInterview', {
        id: closed.id,
        closureId: closure!.id,
        status: 'held',
        heldDate: '2026-02-10',
        heldBy: 'A. Worker',
        reasons,
        notes: null,
      });
    await interview(['housing', 'financial']);
    for (const [list, key] of [
      ['dropout', 'housing'],
      ['dropout', 'financial'],
      ['leaving', 'transfer_ifa'],
    ] as const)
      await app.call('reasons.retireReason', { list, key, retired: true });

    const open = await app.call('households.createHousehold', {
      enquiryDate: '2026-01-05',
      surname: 'Ahmed',
    });
    const close = () =>
      app.call('households.closeHousehold', {
        id: open.id,
        date: '2026-02-01',
        reasonKey: 'housing',
        endedBy: 'applicant',
      });
    expect(await refusal(close())).toEqual([
      'invalid_input',
      'The drop-out reason "No spare bedroom / housing" is retired: choose a reason in use, or restore it in Settings.',
      'reasonKey',
    ]);
    const carer = await app.call('households.createHousehold', {
      enquiryDate: '2024-01-05',
      surname: 'Cole',
    });
    for (const [kind, date] of [
      ['stage1', '2024-03-01'],
      ['approval', '2024-11-01'],
    ] as const)
      await app.call('households.recordMilestone', { id: carer.id, kind, date });
    const cease = () =>
      app.call('households.ceaseHousehold', {
        id: carer.id,
        date: '2026-05-01',
        reasonKey: 'transfer_ifa',
        initiatedBy: 'carer',
        notes: null,
      });
    expect(await refusal(cease())).toEqual([
      'invalid_input',
      'The leaving reason "Transfer to an independent fostering agency" is retired: choose a reason in use, or restore it in Settings.',
      'reasonKey',
    ]);
    // Nothing was written by either refusal.
    expect(get(app, 'SELECT COUNT(*) AS n FROM closures WHERE household_id = ?', open.id)).toEqual({ n: 0 });
    expect(get(app, 'SELECT COUNT(*) AS n FROM cessations WHERE household_id = ?', carer.id)).toEqual({
      n: 0,
    });

    // The interview keeps the reasons it ticked before they were retired, may drop one, and may
    // not take a retired one it did not hold (financial, once dropped, is not ticked again).
    expect(await refusal(interview(['housing', 'financial', 'process']))).toBe('saved');
    expect(await refusal(interview(['housing']))).toBe('saved');
    expect(await refusal(interview(['housing', 'financial']))).toEqual([
      'invalid_input',
      'The drop-out reason "Unable to continue for financial reasons" is retired: choose a reason in use, or restore it in Settings.',
      'reasons.1',
    ]);
    expect(
      app.ctx.store.db
        .prepare('SELECT reason_key FROM exit_interview_reasons ORDER BY reason_key')
        .pluck()
        .all(),
    ).toEqual(['housing']);

    // Restored, each is given again.
    await app.call('reasons.retireReason', { list: 'dropout', key: 'housing', retired: false });
    await app.call('reasons.retireReason', { list: 'leaving', key: 'transfer_ifa', retired: false });
    expect(await refusal(close())).toBe('saved');
    expect(await refusal(cease())).toBe('saved');
  });

  it('reorders by moving a reason up or down', async () => {
    const app = await testApp();
    const after = await app.call('reasons.moveReason', {
      list: 'leaving',
      key: 'transfer_la',
      direction: 'up',
    });
    expect(after.slice(0, 3).map((r) => r.key)).toEqual(['transfer_la', 'permanence', 'transfer_ifa']);
    expect(get(app, "SELECT position FROM reasons WHERE list = 'leaving' AND key = 'transfer_la'")).toEqual({
      position: 1,
    });
  });
});

describe('alert thresholds and the overdue flag', () => {
  it('computes next alert and overdue on save, and recomputes every open household when thresholds change', async () => {
    const app = await testApp(); // today 26/11/2026 (Thursday)
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2026-11-20',
      surname: 'Evans',
    });
    expect(get(app, 'SELECT next_alert, next_alert_date, overdue FROM households WHERE id = ?', id)).toEqual({
      next_alert: 'respond',
      next_alert_date: '2026-11-23',
      overdue: 1,
    });
    await app.call('households.recordResponse', { id, date: '2026-11-20' });
    expect(get(app, 'SELECT next_alert, next_alert_date, overdue FROM households WHERE id = ?', id)).toEqual({
      next_alert: 'initial_visit',
      next_alert_date: '2026-11-27',
      overdue: 0,
    });
    const bad = await app
      .call('alerts.setThresholds', {
        ...(await app.call('alerts.getThresholds', {})).thresholds,
        kinshipFinalWeeks: 8,
      })
      .catch((e: unknown) => e);
    expect((bad as ApiError).field).toBe('kinshipFinalWeeks');
    const r = await app.call('alerts.setThresholds', {
      respondWorkingDays: 1,
      initialVisitWorkingDays: 2,
      stage1Months: 4,
      applicationToPanelMonths: 8,
      panelToDecisionWorkingDays: 7,
      kinshipFirstWeeks: 16,
      kinshipFinalWeeks: 24,
    });
    expect(r.refreshed).toBe(1);
    expect(get(app, 'SELECT next_alert_date, overdue FROM households WHERE id = ?', id)).toEqual({
      next_alert_date: '2026-11-24',
      overdue: 1,
    });
    expect((await app.call('alerts.getThresholds', {})).thresholds.initialVisitWorkingDays).toBe(2);
    const dash = await app.call('households.getDashboard', {});
    expect(dash).toEqual({
      overdue: 1,
      open: 1,
      byAlert: [{ kind: 'initial_visit', count: 1 }],
      pathway: null,
    });
  });

  it('gives households written without alerts (by another writer) their alerts when the list is first read', async () => {
    const app = await testApp();
    generateSample(app.ctx.store.db, { households: 300, seed: 2, today: '2026-11-26' });
    // As a writer that knows nothing of alerts would leave them.
    app.ctx.store.db.exec(
      "UPDATE households SET next_alert = NULL, next_alert_date = NULL, overdue = 0; DELETE FROM settings WHERE key = 'alerts.seen_max_id'",
    );
    await app.call('households.listHouseholds', {});
    const open = get(
      app,
      "SELECT COUNT(*) AS n FROM households WHERE status = 'open' AND next_alert IS NOT NULL",
    ).n as number;
    expect(open).toBeGreaterThan(0);
    expect(
      get(
        app,
        'SELECT COUNT(*) AS n FROM households WHERE overdue = 1 AND next_alert_date > ?',
        '2026-11-26',
      ),
    ).toEqual({ n: 0 });
    const overdue = (await app.call('households.listHouseholds', { overdue: true, limit: 500 })).rows;
    expect(overdue.length).toBeGreaterThan(0);
    for (const r of overdue) expect(r.nextAlertDate! <= '2026-11-26').toBe(true);
  });
});

describe('the list and its export', () => {
  async function seeded() {
    const app = await testApp();
    await app.call('households.createHousehold', {
      enquiryDate: '2025-05-01',
      firstName: '=HYPERLINK("x")',
      surname: 'Bad',
      email: 'bad@example.org',
      telephone: '07700900001',
      source: 'website',
    });
    await app.call('households.createHousehold', {
      enquiryDate: '2024-05-01',
      firstName: 'Zoë',
      surname: 'Brontë',
      email: 'zoe@example.org',
      source: 'event',
    });
    const { id } = await app.call('households.createHousehold', {
      enquiryDate: '2025-06-01',
      firstName: 'Tom',
      surname: 'Clarke',
      source: 'website',
    });
    const closed = await app.call('households.closeHousehold', {
      id,
      date: '2025-07-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    await app.call('households.saveExitInterview', {
      id,
      closureId: closed.closures[0]!.id,
      // Contact was lost: offered, never held (helper-267), so it gave no reasons.
      status: 'offered',
      offeredDate: '2025-07-02',
      reasons: [],
      notes: '@SUM(1) never rang back',
      mightReturn: false,
    });
    return app;
  }

  it('pages, filters by year, status and source, and masks contact details', async () => {
    const app = await seeded();
    const all = await app.call('households.listHouseholds', { sort: 'reference', dir: 'asc', limit: 2 });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.reference)).toEqual(['FF000001', 'FF000002']);
    expect(all.rows[0]).toMatchObject({ email: 'b•••@example.org', telephone: '07•••••••01' });
    const next = await app.call('households.listHouseholds', {
      sort: 'reference',
      dir: 'asc',
      limit: 2,
      offset: 2,
    });
    expect(next.rows.map((r) => r.reference)).toEqual(['FF000003']);
    expect((await app.call('households.listHouseholds', { fy: '2025/26' })).total).toBe(2);
    const fewestDays = await app.call('households.listHouseholds', { sort: 'daysInStage', dir: 'asc' });
    // Fewest first; the closed household (closed 01/07/2025, the latest stage date) has none, so last.
    expect(fewestDays.rows.map((r) => r.daysInStage)).toEqual([574, 939, null]);
    expect(fewestDays.rows[2]!.reference).toBe('FF000003');
    const closed = await app.call('households.listHouseholds', { status: 'closed' });
    expect(closed.rows).toMatchObject([{ reference: 'FF000003', reason: 'Lost contact / no response' }]);
    expect(
      (await app.call('households.listHouseholds', { source: 'event', search: 'bron' })).rows.map(
        (r) => r.name,
      ),
    ).toEqual(['Zoë Brontë']);
  });

  it('exports the filtered list to csv and xlsx with formulas neutralised', async () => {
    const app = await seeded();
    const csv = await app.call('households.exportList', {
      format: 'csv',
      source: 'website',
      sort: 'reference',
      dir: 'asc',
    });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(csv.rows).toBe(2);
    expect(text.startsWith('\uFEFFReference,Name,Email')).toBe(true);
    expect(text).toContain(`FF000001,"'=HYPERLINK(""x"") Bad",bad@example.org,07700 900001`);
    expect(text).toContain("Lost contact / no response,,,,Offered,'@SUM(1) never rang back,No");
    const xlsx = await app.call('households.exportList', { format: 'xlsx', status: 'open' });
    const sheet = XLSX.read(Buffer.from(xlsx.base64, 'base64')).Sheets.Households!;
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 });
    expect(rows).toHaveLength(3);
    // Words as the screen shows them, not the stored codes ('open', 'mainstream').
    const [status, pathway] = [rows[0]!.indexOf('Status'), rows[0]!.indexOf('Pathway')];
    expect(rows.slice(1).map((r) => [r[status], r[pathway]])).toEqual([
      ['Open', 'Mainstream'],
      ['Open', 'Mainstream'],
    ]);
    expect(rows.flat()).toContain(`=HYPERLINK("x") Bad`);
    expect(rows.flat()).toContain('Zoë Brontë');
  });
});

describe('writers that compute alerts themselves', () => {
  it('leave the list nothing to recompute: sample data and imports mark their households as seen', async () => {
    const app = await testApp();
    const seen = () =>
      Number(
        app.ctx.store.db
          .prepare("SELECT value FROM settings WHERE key = 'alerts.seen_max_id'")
          .pluck()
          .get() ?? 0,
      );
    const maxId = () => app.ctx.store.db.prepare('SELECT MAX(id) FROM households').pluck().get();
    generateSample(app.ctx.store.db, { households: 50, seed: 3, today: '2026-11-26' });
    expect(seen()).toBe(maxId());
    const path = join(app.dir, 'more.csv');
    writeFileSync(path, 'Reference,Enquiry date,First name,Surname\r\nZ1,20/11/2026,Ann,Lee\r\n');
    await app.call('imports.importFile', { path });
    expect(seen()).toBe(maxId());
  });
});
