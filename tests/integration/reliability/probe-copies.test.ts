import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/open.ts';
import { Store } from '../../../src-main/db/store.ts';
import { tempDir } from '../../support/temp.ts';

const root = join(import.meta.dirname, '../../..');

describe('the copy a crashed database is inspected in', () => {
  it("is deleted when a database is next opened, once the process that made it died mid-inspection: a whole database's copy no purge reaches", async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'hot.db');
    const store = await Store.open(dbPath);
    store.db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'y')").run();
    store.close();
    // A writer in rollback-journal mode dies mid-change: the next open inspects a copy.
    const code = `
      const Database = require('better-sqlite3');
      const db = new Database(${JSON.stringify(dbPath)});
      db.pragma('journal_mode = DELETE');
      db.pragma('cache_size = 2');
      db.exec('BEGIN');
      db.prepare("UPDATE settings SET value = hex(zeroblob(200000))").run();
      db.prepare("INSERT INTO settings (key, value) SELECT 'k' || value, hex(zeroblob(100000)) FROM json_each('[1,2,3,4,5,6,7,8,9]')").run();
      process.kill(process.pid, 'SIGKILL');`;
    spawnSync(process.execPath, ['-e', code], { cwd: root });
    expect(existsSync(dbPath + '-journal')).toBe(true);

    // Left by processes killed while inspecting: one gone, one of a version that named none.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const orphans = [`ff-probe-${dead}-AbCdEf`, 'ff-probe-Zx9Yw8'].map((n) => join(tmpdir(), n));
    // And one of a process still running (another window inspecting right now): left alone.
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const running = join(tmpdir(), `ff-probe-${live.pid}-QwErTy`);
    try {
      for (const d of [...orphans, running]) {
        mkdirSync(d);
        writeFileSync(join(d, 'probe.db'), 'a copy of someone else’s database');
      }
      const db = await openDatabase(dbPath, { check: true });
      db.close();
      expect(orphans.filter((d) => existsSync(d))).toEqual([]);
      expect(existsSync(running)).toBe(true);
    } finally {
      live.kill();
      for (const d of [...orphans, running]) rmSync(d, { recursive: true, force: true });
    }
  });
});
