import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, windowOptions } from '../../../src-main/electron/window-options.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/transports/security-headers.ts';

const ROOT = join(import.meta.dirname, '../../..');
const source = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('Electron shell security', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    const prefs = windowOptions('/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/preload.cjs',
    });
  });

  it('checks spelling only where the system checks it (macOS): elsewhere Electron downloads dictionaries from Google', () => {
    expect(windowOptions('/p', 'linux').webPreferences!.spellcheck).toBe(false);
    expect(windowOptions('/p', 'win32').webPreferences!.spellcheck).toBe(false);
    expect(windowOptions('/p', 'darwin').webPreferences!.spellcheck).toBe(true);
  });

  it('opens only https links to the guidance the reports cite, and only outside the app', () => {
    for (const url of [
      'https://www.gov.uk/government/publications/ofsted-annual-fostering-data-collection',
      'https://www.ons.gov.uk/census/census2021dictionary',
    ])
      expect(isSafeExternalUrl(url), url).toBe(true);
    for (const url of [
      'http://www.gov.uk/',
      'https://evil.example/',
      'https://www.gov.uk.evil.example/',
      'https://evil.example/?https://www.gov.uk/',
      'https://user:pass@www.gov.uk/',
      'https://www.gov.uk@evil.example/',
      'https://www.gov.uk:8443/',
      'https://192.168.0.1/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://server/share',
      'not a url',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('ships the same strict CSP in the page as in the served headers', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
      source('src-renderer/index.html'),
    );
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('denies navigation, new windows, permissions and webviews, and holds a single-instance lock', () => {
    const main = source('src-main/electron/main.ts');
    expect(main).toMatch(/setWindowOpenHandler\([\s\S]*?action: 'deny'/);
    expect(main).toMatch(/will-navigate[\s\S]*?preventDefault/);
    expect(main).toMatch(/will-attach-webview[\s\S]*?preventDefault/);
    expect(main).toMatch(/setPermissionRequestHandler\([^)]*\) => callback\(false\)/);
    expect(main).toMatch(/requestSingleInstanceLock\(\)/);
    expect(main).not.toMatch(/@electron\/remote|enableRemoteModule/);
  });

  it('hands the system browser only a URL isSafeExternalUrl passed, from one place', () => {
    const main = source('src-main/electron/main.ts');
    expect(main.match(/openExternal\(/g)).toHaveLength(1);
    expect(main).toMatch(/if \(isSafeExternalUrl\(url\)\) void shell\.openExternal\(url\);/);
    for (const dir of ['src-main', 'src-renderer/src']) {
      const files = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) =>
        /\.tsx?$/.test(f),
      );
      const callers = files.filter(
        (f) =>
          f !== join('electron', 'main.ts') &&
          /openExternal|openPath|showItemInFolder/.test(source(join(dir, f))),
      );
      expect(callers, dir).toEqual([]);
    }
  });

  it('a second instance exits before it opens any database (issue 13, finding 10)', () => {
    const main = source('src-main/electron/main.ts');
    // app.quit() is asynchronous: whenReady would still open (or create) the database.
    expect(main).toMatch(
      /const primary = app\.requestSingleInstanceLock\(\);\s*if \(!primary\) app\.exit\(0\);/,
    );
    const ready = main.slice(main.indexOf('app.whenReady()'));
    expect(ready.indexOf('if (!primary) return;')).toBeGreaterThan(0);
    expect(ready.indexOf('if (!primary) return;')).toBeLessThan(ready.indexOf('Store.open'));
  });

  it('the preload exposes call and pathForFile (the path of a chosen file, for imports) and nothing else', () => {
    const preload = source('src-main/electron/preload.ts');
    const exposed = preload.slice(preload.indexOf("exposeInMainWorld('api'"));
    const keys = [...exposed.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1]);
    expect(keys).toEqual(['call', 'pathForFile']);
  });

  it('registers one IPC handler per contract method, on the channel the preload invokes', () => {
    const ipc = source('src-main/electron/ipc.ts');
    expect(ipc).toMatch(
      /for \(const method of Object\.keys\(contract\)\)[\s\S]*?ipcMain\.handle\(channelOf\(method\)/,
    );
    expect(ipc).toMatch(/channelOf = \(method: string\): string => `api:\$\{method\}`/);
    expect(source('src-main/electron/preload.ts')).toMatch(
      /ipcRenderer\.invoke\(`api:\$\{method\}`, input\)/,
    );
  });

  it('exposes one call function through the preload, never ipcRenderer itself', () => {
    const preload = source('src-main/electron/preload.ts');
    expect(preload).toMatch(/exposeInMainWorld\('api'/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(preload).not.toMatch(/ipcRenderer\.(on|send)\b/);
  });
});
