import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_NAME } from '../../../src-main/db/paths.ts';
import { tempDir } from '../../support/temp.ts';

// Stopping browser mode (Ctrl+C) or quitting the app while trying sample data only closed the
// database: the sample files, with whatever was imported or typed into them, and the marker stayed
// on the disk until the next start. A normal stop now deletes them as going back to your data does.

const ROOT = join(import.meta.dirname, '../../..');

describe('stopping browser mode while trying sample data', () => {
  it('deletes the sample files and their marker, and leaves the real database', async () => {
    const config = tempDir();
    const dataDir = join(config, APP_NAME);
    const db = join(config, 'real.db');
    const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.js'), '--db', db], {
      cwd: ROOT,
      env: { ...process.env, XDG_CONFIG_HOME: config },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /running at (http\S+)/.exec(out);
          if (m) resolve(new URL(m[1]!));
        });
        void exited.then((code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const r = await fetch(new URL('/api/system.useSampleData', url), {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${url.searchParams.get('token')}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ households: 20, seed: 1 }),
      });
      expect(await r.json()).toMatchObject({ sample: true, households: 20 });
      expect(readdirSync(dataDir)).toEqual(
        expect.arrayContaining(['sample-data.db', 'sample-data.db.in-use']),
      );
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(readdirSync(dataDir).filter((f) => f.includes('sample'))).toEqual([]);
    expect(existsSync(db)).toBe(true);
  });
});
