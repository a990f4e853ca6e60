import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with `npm start`
import { electronBinary } from '../../../scripts/electron-binary.js';
import { tempDir } from '../../support/temp.ts';

const ROOT = join(import.meta.dirname, '../../..');

describe.skipIf(electronBinary() !== null)('npm start without the Electron binary', () => {
  it('says so in one line and falls back to browser mode, printing the URL', async () => {
    const db = join(tempDir(), 'start.db');
    const child = spawn(process.execPath, [join(ROOT, 'scripts/start.js'), '--db', db], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_GET_USE_PROXY: '', electron_config_cache: tempDir() },
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL within 120 s; stdout: ${out} stderr: ${err}`)),
        120_000,
      );
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Fostering Funnel is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}; stdout: ${out} stderr: ${err}`)));
    });
    const res = await fetch(url.replace(/\/\?token=.*/, '/'));
    child.kill('SIGTERM');
    expect(res.status).toBe(200);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/Electron binary is not installed.*browser mode/);
    expect(err).not.toMatch(/\n\s+at /); // no stack trace
  }, 180_000);
});
