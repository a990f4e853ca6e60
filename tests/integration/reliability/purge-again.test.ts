import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setClock } from '../../../src-main/clock.ts';
import { checkpoint, leftovers as leftoversIn } from '../../support/leftovers.ts';
import { testApp, type TestApp } from '../../support/temp.ts';

/**
 * A purged household the family came back to: what is typed into it after its purge has a
 * retention period of its own, and the second purge must reach everywhere the first one did
 * (its history, every backup, a restore, an undo).
 */
const HEADER = 'Reference,Enquiry date,First name,Surname,Date closed,Closure reason,Closed by';

function csv(app: TestApp, name: string, row: string): string {
  const path = join(app.dir, name);
  writeFileSync(path, `${HEADER}\r\n${row}\r\n`);
  return path;
}

/** What `grep -a` would find in the database file, its WAL and every backup the app keeps. */
function leftovers(app: TestApp, texts: readonly string[]): string[] {
  checkpoint(app);
  return leftoversIn(app, texts);
}

/** P1, closed in 2020 and purged on 26/11/2026. */
async function purgedOnce(): Promise<{ app: TestApp; p1: number }> {
  const app = await testApp({ today: '2026-11-26' });
  await app.call('imports.importFile', {
    path: csv(app, 'p.csv', 'P1,01/03/2020,Zebedee,Quill,01/05/2020,Lost contact,Lost contact'),
  });
  expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
  const p1 = app.ctx.store.db
    .prepare("SELECT id FROM households WHERE reference = 'P1'")
    .pluck()
    .get() as number;
  return { app, p1 };
}

describe('a purged household the family came back to', () => {
  it('is due again when what was typed since lives only in its history (details cleared, reasons given)', async () => {
    const { app, p1 } = await purgedOnce();
    await app.call('households.reopenHousehold', { id: p1, enquiryDate: '2026-01-05' });
    await app.call('households.updateDetails', { id: p1, email: 'zeb.back@example.org' });
    await app.call('households.correctMilestone', {
      id: p1,
      kind: 'enquiry',
      date: '2026-01-06',
      reason: 'Zebedee rang from her new flat',
    });
    // Typed on the wrong record: cleared again, so the row holds nothing, its history does.
    await app.call('households.updateDetails', { id: p1, email: null });
    await app.call('households.closeHousehold', {
      id: p1,
      date: '2026-02-01',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    setClock('2027-03-01');
    const due = await app.call('data.listPurgeDue', {});
    expect(due.households.map((h) => [h.reference, h.endedOn])).toEqual([['P1', '2026-02-01']]);
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    expect(leftovers(app, ['zeb.back@example.org', 'her new flat'])).toEqual([]);
    // Its history keeps what happened, not the values; nothing left to erase, so listed no more.
    expect((await app.call('data.listPurgeDue', {})).households).toEqual([]);
  });

  it('is not due again for what an import wrote since (the import took no personal detail)', async () => {
    const { app } = await purgedOnce();
    // Next year's export corrects the closure's date: the household is counted, its details ignored.
    const again = await app.call('imports.importFile', {
      path: csv(app, 'p2.csv', 'P1,01/03/2020,Zebedee,Quill,02/05/2020,Lost contact,Lost contact'),
    });
    expect(again.errors).toEqual([]);
    expect(again.updated).toBe(1);
    setClock('2027-03-01');
    expect((await app.call('data.listPurgeDue', {})).households).toEqual([]);
  });

  it('a second purge reaches the backups made between the two, and restoring one does not bring the details back', async () => {
    const { app, p1 } = await purgedOnce();
    await app.call('households.reopenHousehold', { id: p1, enquiryDate: '2026-11-20' });
    await app.call('households.updateDetails', {
      id: p1,
      firstName: 'Zebback',
      email: 'zeb.back@example.org',
    });
    await app.call('households.closeHousehold', {
      id: p1,
      date: '2026-11-25',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    const backup = await app.call('data.backupNow', {});
    setClock('2027-12-01');
    const purged = await app.call('data.purgeHouseholds', {});
    expect(purged).toMatchObject({ purged: 1, backupsNotErased: [] });
    expect(leftovers(app, ['Zebback', 'zeb.back@example.org'])).toEqual([]);

    // The backup was erased in place (it may not be, if it was ever deleted: restore the file itself).
    await app.call('data.restoreBackup', { path: backup.path });
    const row = app.ctx.store.db
      .prepare(
        "SELECT first_name, email, purged_at IS NOT NULL AS purged FROM households WHERE reference = 'P1'",
      )
      .get();
    expect(row).toEqual({ first_name: null, email: null, purged: 1 });
    expect(leftovers(app, ['Zebback', 'zeb.back@example.org'])).toEqual([]);
  });

  it('an older copy put back in the database place, made between two purges, is erased again on opening', async () => {
    const { app, p1 } = await purgedOnce();
    await app.call('households.reopenHousehold', { id: p1, enquiryDate: '2026-11-20' });
    await app.call('households.updateDetails', { id: p1, firstName: 'Zebback' });
    await app.call('households.closeHousehold', {
      id: p1,
      date: '2026-11-25',
      reasonKey: 'lost_contact',
      endedBy: 'lost_contact',
    });
    const outside = join(app.dir, 'council-copy.db'); // the council's own copy, not the app's backup
    await app.ctx.store.db.backup(outside);
    setClock('2027-12-01');
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    await app.call('data.restoreBackup', { path: outside });
    expect(
      app.ctx.store.db.prepare("SELECT first_name FROM households WHERE reference = 'P1'").pluck().get(),
    ).toBeNull();
    // Details typed after the second purge stay: the ledger erases only what a purge erased.
    const id = app.ctx.store.db
      .prepare("SELECT id FROM households WHERE reference = 'P1'")
      .pluck()
      .get() as number;
    await app.call('households.updateDetails', { id, firstName: 'Zebthird' });
    await app.call('system.openDatabase', { path: app.dbPath });
    expect(
      app.ctx.store.db.prepare("SELECT first_name FROM households WHERE reference = 'P1'").pluck().get(),
    ).toBe('Zebthird');
  });

  it('an import made between two purges cannot be undone after the second: the purge erased what it replaced', async () => {
    const { app, p1 } = await purgedOnce();
    await app.call('households.updateDetails', { id: p1, notes: 'Zebedee called again' });
    // Next month's export: P1 enquired again and closed again.
    const later = await app.call('imports.importFile', {
      path: csv(app, 'again.csv', 'P1,20/11/2026,Zebedee,Quill,25/11/2026,Lost contact,Lost contact'),
    });
    expect(later.errors).toEqual([]);
    expect(later.updated).toBe(1);
    const facts = () =>
      app.ctx.store.db.prepare('SELECT episode, status FROM households WHERE id = ?').get(p1) as Record<
        string,
        unknown
      >;
    const before = facts();
    setClock('2027-12-01');
    expect((await app.call('data.purgeHouseholds', {})).purged).toBe(1);
    await expect(app.call('imports.undoImport', { batchId: later.batch! })).rejects.toThrow(
      /has since been purged/,
    );
    expect(facts()).toEqual(before);
  });
});
