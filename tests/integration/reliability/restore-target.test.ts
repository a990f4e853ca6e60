import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/transports/cli/index.ts';
import { testApp } from '../../support/temp.ts';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('restore FILE --db PATH, where PATH is not a Fostering Funnel database', () => {
  it("never replaces another program's SQLite file, a document or a folder named by a mistyped --db", async () => {
    const app = await testApp();
    await app.call('households.createHousehold', {
      enquiryDate: '2025-01-02',
      firstName: 'Ann',
      surname: 'Lee',
    });
    const backup = (await app.call('data.backupNow', {})).path;

    const other = join(app.dir, 'bookmarks.sqlite');
    const db = new Database(other);
    db.exec("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://example.org')");
    db.close();
    const notes = join(app.dir, 'notes.txt');
    writeFileSync(notes, 'My own notes, not a database.\n');
    const folder = join(app.dir, 'reports');
    mkdirSync(folder);

    for (const [target, why] of [
      [other, "another program's SQLite database"],
      [notes, 'not a database file'],
      [folder, 'a folder'],
    ] as const) {
      const before = target === folder ? null : readFileSync(target);
      const r = await cli(['restore', backup, '--db', target]);
      expect(r.code).toBe(1);
      expect(r.err).toEqual([expect.stringContaining(`${target} is ${why}`)]);
      expect(r.err[0]).toMatch(/will not replace it; nothing was changed/);
      if (before) expect(readFileSync(target)).toEqual(before);
      // Nothing made beside it either: no backups folder, no purge ledger.
      expect(existsSync(`${target}-backups`)).toBe(false);
      expect(existsSync(`${target}.purge-ledger.json`)).toBe(false);
    }

    // A folder given as the backup to restore is refused in words, not "disk I/O error".
    const r = await cli(['restore', folder, '--db', app.dbPath]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`fostering-funnel restore: ${folder} is a folder, not a backup file.`]);

    // A new file name in a folder that does not exist: said in words, nothing made.
    const nowhere = join(app.dir, 'no-such-folder', 'ff.db');
    const missing = await cli(['restore', backup, '--db', nowhere]);
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual([
      `fostering-funnel restore: ${nowhere} cannot be restored: its folder ${join(app.dir, 'no-such-folder')} cannot be written to (its folder does not exist). Nothing was changed.`,
    ]);

    // A new file name is restored to, as before.
    const fresh = join(app.dir, 'restored.db');
    expect((await cli(['restore', backup, '--db', fresh])).code).toBe(0);
    expect(existsSync(fresh)).toBe(true);
  });
});
