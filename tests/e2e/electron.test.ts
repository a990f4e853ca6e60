import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
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
  it('opens a sandboxed, isolated window that talks to the core over IPC', async () => {
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
    await app.close();
  });
});

describe.skipIf(!binary)('a second Electron instance (needs the Electron binary)', () => {
  it('hands over to the first and exits without opening or creating its database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-electron-'));
    const first = await electron.launch({
      executablePath: binary!,
      args: [ROOT, '--no-sandbox'],
      env: { ...process.env, FOSTERING_FUNNEL_DB: join(dir, 'first.db') },
    });
    await first.firstWindow();
    const second = join(dir, 'second.db');
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(binary!, [ROOT, '--no-sandbox'], {
      env: { ...process.env, FOSTERING_FUNNEL_DB: second },
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    const { existsSync } = await import('node:fs');
    expect(existsSync(second)).toBe(false);
    await first.close();
  });
});
