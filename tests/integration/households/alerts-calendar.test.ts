import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { BANK_HOLIDAYS_MARK } from '../../../src-main/domain/bank-holidays.ts';
import { testApp } from '../../support/temp.ts';

// Stored alert dates were refreshed only for a new version of the rules, a new household or new
// thresholds: a newer list of bank holidays (a holiday proclaimed at short notice) left the list
// and Home on the old due date while the record, computed afresh, said another (found by a review
// of the alerts).
describe('alerts counted with another list of bank holidays', () => {
  it('are counted again at the first list after the list changes', async () => {
    const app = await testApp({ today: '2031-12-24' });
    const h = await app.call('households.createHousehold', {
      enquiryDate: '2031-12-24',
      firstName: 'Ann',
      surname: 'Lee',
    });
    const record = await app.call('households.getHousehold', { id: h.id });
    expect(record.alerts.map((a) => [a.kind, a.due])).toEqual([
      ['respond', '2031-12-29'],
      ['initial_visit', '2032-01-05'],
    ]);
    const db = app.ctx.store.db;
    expect(db.prepare("SELECT value FROM settings WHERE key = 'alerts.calendar'").pluck().get()).toBe(
      BANK_HOLIDAYS_MARK,
    );

    await app.call('households.listHouseholds', {}); // its alerts are stored and seen
    // As an earlier list (which ended in 2030) stored it: Christmas Day.
    db.prepare("UPDATE households SET next_alert_date = '2031-12-25' WHERE id = ?").run(h.id);
    db.prepare("UPDATE settings SET value = '131:old' WHERE key = 'alerts.calendar'").run();
    setClock('2031-12-26');
    const list = await app.call('households.listHouseholds', {});
    expect(list.rows.map((r) => [r.nextAlert, r.nextAlertDate, r.overdue])).toEqual([
      ['respond', '2031-12-29', false],
    ]);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'alerts.calendar'").pluck().get()).toBe(
      BANK_HOLIDAYS_MARK,
    );
  });

  it('are counted again at the next list when the first was kept from writing (the file busy), which still answers', async () => {
    const { app, db } = await staleAlert();
    // Another program holds the file's write lock while the day's first list runs.
    const other = new Database(db.name);
    other.exec('BEGIN IMMEDIATE');
    // The list still answers, from what is stored; the sweep waits for the next read.
    const stale = await app.call('households.listHouseholds', {});
    expect(stale.rows.map((r) => r.nextAlertDate)).toEqual(['2031-12-25']);
    other.exec('ROLLBACK');
    other.close();
    const list = await app.call('households.listHouseholds', {});
    expect(list.rows.map((r) => [r.nextAlert, r.nextAlertDate, r.overdue])).toEqual([
      ['respond', '2031-12-29', false],
    ]);
  });

  // The sweep waited SQLite's busy timeout (5 s) for the lock at every list and Home read while an
  // import (its own worker's connection) or another program was writing. It no longer waits: a
  // lock let go within the timeout, which the sweep waited for before, now finds it answered.
  it('are not waited for while another program writes: the read answers from what is stored', async () => {
    const { app, db } = await staleAlert();
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(1000);
    const other = await holdWriteLock(db.name, 2000);
    const stale = await app.call('households.listHouseholds', {});
    expect(stale.rows.map((r) => r.nextAlertDate)).toEqual(['2031-12-25']);
    await other.done;
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(1000); // put back
    const list = await app.call('households.listHouseholds', {});
    expect(list.rows.map((r) => r.nextAlertDate)).toEqual(['2031-12-29']);
  });
});

/**
 * A household whose stored alert an earlier list of bank holidays counted (due on Christmas Day),
 * seen by a list before, on the day after: the day's first list counts it again.
 */
async function staleAlert() {
  const app = await testApp({ today: '2031-12-24' });
  const h = await app.call('households.createHousehold', {
    enquiryDate: '2031-12-24',
    firstName: 'Ann',
    surname: 'Lee',
  });
  await app.call('households.listHouseholds', {});
  const db = app.ctx.store.db;
  db.prepare("UPDATE households SET next_alert_date = '2031-12-25' WHERE id = ?").run(h.id);
  db.prepare("UPDATE settings SET value = '131:old' WHERE key = 'alerts.calendar'").run();
  setClock('2031-12-26');
  return { app, db };
}

/** Another program holding the file's write lock for `ms`, from once it says so. */
async function holdWriteLock(path: string, ms: number): Promise<{ done: Promise<void> }> {
  const script = `const D = require('better-sqlite3'); const d = new D(process.argv[1]);
    d.exec('BEGIN IMMEDIATE'); process.stdout.write('held\\n');
    setTimeout(() => { d.exec('ROLLBACK'); d.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, path, String(ms)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited ${code}`))));
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => resolve());
    child.on('error', reject);
  });
  return { done };
}
