import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src-main/db/open.ts';
import { checkpoint, holds, leftovers } from '../../support/leftovers.ts';
import type { TestApp } from '../../support/temp.ts';
import { sampleApp } from './purge-sample.ts';

/**
 * The sample's households due for purging, 120 of them edited by hand first (each edit moves cells
 * within and between pages: what was overwritten must not stay behind), and every value of theirs
 * a purge must leave nowhere: those no household kept holds too, and those edited away.
 */
async function editedBeforePurge(app: TestApp): Promise<string[]> {
  const db = app.ctx.store.db;
  const due = (await app.call('data.listPurgeDue', {})).households.map((h) => h.id);
  const kept = (column: string) =>
    new Set(
      db
        .prepare(`SELECT ${column} FROM households WHERE id NOT IN (SELECT value FROM json_each(?))`)
        .pluck()
        .all(JSON.stringify(due)) as string[],
    );
  const valuesOf = (column: string) => {
    const others = kept(column);
    return (
      db
        .prepare(`SELECT ${column} FROM households WHERE id IN (SELECT value FROM json_each(?))`)
        .pluck()
        .all(JSON.stringify(due)) as Array<string | null>
    ).filter((v): v is string => v !== null && !others.has(v));
  };
  const erased = [...valuesOf('email'), ...valuesOf('notes')];
  for (const id of due.slice(0, 120)) {
    const email = `edited.${id}.${'z'.repeat(id % 40)}@example.org`;
    await app.call('households.updateDetails', {
      id,
      email,
      notes: `Moved in with ${'q'.repeat(id % 90)} ${id}`,
    });
    erased.push(email);
  }
  expect(due.length).toBeGreaterThan(200);
  expect(erased.length).toBeGreaterThan(due.length);
  return erased;
}

/** Nothing personal left where SQLite does not look: the files' bytes, the console, stderr. */
describe('purge of personal data, in the bytes', () => {
  // purge.test.ts reads the erased columns back through SQLite; this one reads the files, as
  // `grep -a` would, after a purge of hundreds of households.
  it('leaves none of hundreds of purged households’ values, nor the values edited away, in the file, its WAL or a backup', async () => {
    const app = await sampleApp();
    const erased = await editedBeforePurge(app);
    await app.call('data.backupNow', {});

    await app.call('data.purgeHouseholds', {});
    expect(leftovers(app, erased)).toEqual([]);
    checkpoint(app);
    expect(leftovers(app, erased)).toEqual([]);
  });

  // The council's own copy of the file, taken before the purge and put back in its place: the
  // ledger beside it erases the purged households as it opens, and their values must leave the
  // file's free space too, as a purge's do (before, SQL read them as erased, `grep -a` did not).
  it('leaves none of them in an older copy put back in the database’s place, once it has been opened', async () => {
    const app = await sampleApp();
    const erased = await editedBeforePurge(app);
    checkpoint(app);
    const copy = join(app.dir, 'council-copy.db');
    copyFileSync(app.dbPath, copy);
    await app.call('data.purgeHouseholds', {});
    app.ctx.store.close();

    copyFileSync(copy, app.dbPath);
    for (const s of ['-wal', '-shm']) rmSync(app.dbPath + s, { force: true });
    expect(erased.filter((t) => holds(app.dbPath, t)).length).toBeGreaterThan(200);
    const db = await openDatabase(app.dbPath);
    expect(db.prepare("SELECT COUNT(*) FROM households WHERE email LIKE 'edited.%'").pluck().get()).toBe(0);
    db.close();
    expect(leftovers(app, erased)).toEqual([]);
  });
});

describe('logs', () => {
  it('nothing personal reaches the console or stderr while generating, purging, exporting and failing', async () => {
    const lines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' '))),
    );
    const writes = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const app = await sampleApp();
      const db = app.ctx.store.db;
      const emails = db.prepare('SELECT email FROM households').pluck().all() as string[];
      const surnames = new Set(db.prepare('SELECT surname FROM households').pluck().all() as string[]);
      await app.call('data.exportHousehold', { id: 1, format: 'xlsx' });
      await app.call('data.purgeHouseholds', {});
      await app.call('data.backupNow', {});
      await app.call('data.restoreBackup', { path: join(app.dir, 'nope.db') }).catch(() => null);
      const text = lines.join('\n');
      expect(emails.filter((e) => text.includes(e))).toEqual([]);
      expect([...surnames].filter((s) => new RegExp(`\\b${s}\\b`).test(text))).toEqual([]);
    } finally {
      spies.forEach((s) => s.mockRestore());
      writes.mockRestore();
    }
  });
});
