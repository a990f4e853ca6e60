import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with `npm start`
import { electronBinary } from '../../scripts/electron-binary.js';
import { ROOT } from './harness.ts';

const binary = electronBinary() as string | null;
if (!binary) {
  console.warn(
    'Skipping the Electron window tests: the Electron binary is not installed here (its download is unreachable).',
  );
}

describe.skipIf(!binary)('the Electron app (needs the Electron binary)', () => {
  it('opens a sandboxed, isolated window that talks to the core over IPC; a second instance hands over to it', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'ff-electron-')), 'e.db');
    const app = await electron.launch({
      executablePath: binary!,
      args: [ROOT, '--no-sandbox'],
      env: { ...process.env, FOSTERING_FUNNEL_DB: db },
    });
    const page = await app.firstWindow();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      // getLastWebPreferences is a runtime API that Electron's typings leave out.
      const wc = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
        getLastWebPreferences(): Record<string, unknown>;
      };
      const p = wc.getLastWebPreferences();
      return {
        contextIsolation: p.contextIsolation,
        sandbox: p.sandbox,
        nodeIntegration: p.nodeIntegration,
        webSecurity: p.webSecurity,
      };
    });
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => page.locator('dl.facts').textContent(), { timeout: 15_000 }).toContain(db);

    // A second instance hands over to this one and exits without opening or creating its database.
    const second = join(dirname(db), 'second.db');
    const run = spawnSync(binary!, [ROOT, '--no-sandbox'], {
      env: { ...process.env, FOSTERING_FUNNEL_DB: second },
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    expect(existsSync(second)).toBe(false);
    await app.close();
  });
});
