import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logFaultsBeside, logFaultsTo } from '../../../src-main/fault-log.ts';
import { testApp } from '../../support/temp.ts';

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: Error & { code?: string }) => e,
  );

describe('a backup that cannot be restored, in words', () => {
  afterEach(() => logFaultsTo(null));

  it("says a damaged backup is damaged and to choose another, SQLite's words going to the log under the reference it quotes", async () => {
    const app = await testApp();
    logFaultsBeside(app.dbPath);
    await app.call('system.generateSample', { households: 10, seed: 2 });
    const good = await app.call('data.backupNow', {});
    const bad = join(app.dir, 'damaged.db');
    const bytes = readFileSync(good.path);
    bytes.fill(0x5a, 4096 * 2, Math.min(bytes.length, 4096 * 6));
    writeFileSync(bad, bytes);
    const err = await refusalOf(app.call('data.restoreBackup', { path: bad }));
    expect(err?.message).toMatch(
      new RegExp(
        `^${bad.replace(/[.\\/]/g, '\\$&')} (is damaged \\(SQLite's own check of it found faults\\)|is not a Fostering Funnel database, or it is damaged), so it cannot be restored\\. Nothing was changed: choose another backup\\. The details are in the app's log, .*fostering-funnel\\.log, under reference [0-9A-F]{8}\\.$`,
      ),
    );
    expect(err?.message).not.toMatch(/SQLite reports|malformed|\*\*\*|Page \d|btree/i);
    const reference = /under reference ([0-9A-F]{8})/.exec(err!.message)![1]!;
    expect(readFileSync(join(app.dir, 'fostering-funnel.log'), 'utf8')).toMatch(
      new RegExp(
        `Fostering Funnel fault ${reference}: (SqliteCheckReport|SqliteError \\(SQLITE_CORRUPT\\)): \\S`,
      ),
    );
  });

  it('says a file that is no database is none, with nothing to look up', async () => {
    const app = await testApp();
    const text = app.file(
      'notes.txt',
      'not a database at all, just some text that is long enough'.repeat(100),
    );
    const err = await refusalOf(app.call('data.restoreBackup', { path: text }));
    expect(err?.message).toBe(
      `${text} is not a Fostering Funnel database, or it is damaged, so it cannot be restored. Nothing was changed: choose another backup.`,
    );
  });
});
